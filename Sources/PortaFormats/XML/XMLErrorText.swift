import PortaModel

/// libxml2's error messages, cleaned of values: libxml2 quotes the offending value
/// (`The value '0701234567' is not accepted`), which may be personal data. Quoted text stays
/// only when it is a name of the `porta/1` vocabulary (an element or type name).
enum XMLErrorText {
    static func clean(_ message: String) -> String {
        var result = ""
        var inQuote = false
        var quoted = ""
        for character in message.trimmingWhitespaceAndNewlines() {
            if character == "'" {
                if inQuote {
                    result += "'" + (isVocabulary(quoted) ? quoted : "…") + "'"
                    quoted = ""
                }
                inQuote.toggle()
            } else if inQuote {
                quoted.append(character)
            } else {
                result.append(character)
            }
        }
        if inQuote { result += "'…" }
        return result
    }

    private static func isVocabulary(_ text: String) -> Bool {
        var name = Substring(text)
        for namespace in [XMLRecordLayout.namespace, XMLRecordLayout.extensionNamespace] where name.hasPrefix("{" + namespace + "}") {
            name = name.dropFirst(namespace.count + 2)
        }
        return vocabulary.contains(String(name))
    }

    private static let vocabulary: Set<String> = {
        var names: Set<String> = ["amount", "currency", XMLCharacters.encodingAttribute, XMLCharacters.base64]
        for kind in RecordKind.all {
            names.insert(kind.name)
            names.insert(XMLRecordLayout.rootElement(of: kind))
            for field in kind.fields { names.insert(field.name) }
        }
        for field in MetadataField.allCases { names.insert(field.rawValue) }
        return names
    }()
}

extension String {
    func trimmingWhitespaceAndNewlines() -> Substring {
        let start = firstIndex { !$0.isWhitespace } ?? endIndex
        let end = lastIndex { !$0.isWhitespace }.map(index(after:)) ?? start
        return self[start..<max(start, end)]
    }
}
