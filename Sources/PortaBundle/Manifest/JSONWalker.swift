import PortaBytes
import PortaFormats

/// Walks a parsed JSON document by hand-written rules (the pinned JSON Schema's, written as
/// code), turning every violation into a finding that names the JSON Pointer of the value.
/// A value that breaks its rule reads as nil; the walk goes on, so every problem is reported.
struct JSONWalker {
    let file: String
    private(set) var problems: [BundleProblem] = []

    init(file: String) {
        self.file = file
    }

    mutating func fail(_ pointer: String, _ message: String, code: FindingCode = .manifestSchema) {
        problems.append(BundleProblem(code: code, path: file, message: "\(pointer.isEmpty ? "the document" : pointer): \(message)"))
    }

    /// The members of an object with exactly the keys of `keys`, each required key present.
    mutating func object<Keys: ManifestKeys>(_ value: ParsedJSON?, at pointer: String, keys: Keys.Type) -> [Keys: ParsedJSON]? {
        object(value, at: pointer, required: Keys.requiredNames, optional: Keys.optionalNames).map { members in
            Dictionary(uniqueKeysWithValues: members.compactMap { key, value in Keys(rawValue: key).map { ($0, value) } })
        }
    }

    /// The members of an object with exactly the keys allowed, each required key present.
    mutating func object(_ value: ParsedJSON?, at pointer: String, required: [String], optional: [String] = [])
        -> [String: ParsedJSON]? {
        guard let value else { return nil }
        guard case .object(let members) = value else {
            fail(pointer, "must be an object, is \(value.typeName)"); return nil
        }
        var byKey: [String: ParsedJSON] = [:]
        for member in members {
            if required.contains(member.key) || optional.contains(member.key) {
                byKey[member.key] = member.value
            } else {
                fail(pointer, "has a key the format does not allow: \(FormatError.quotedName(member.key))")
            }
        }
        for key in required where byKey[key] == nil { fail(pointer, "lacks the required key \"\(key)\"") }
        return byKey
    }

    mutating func array(_ value: ParsedJSON?, at pointer: String) -> [ParsedJSON]? {
        guard let value else { return nil }
        guard case .array(let elements) = value else {
            fail(pointer, "must be an array, is \(value.typeName)"); return nil
        }
        return elements
    }

    /// A string that passes `rule`; `rule` says what it must be when it does not.
    mutating func string(_ value: ParsedJSON?, at pointer: String, mustBe description: String,
                         _ rule: (String) -> Bool = { !$0.isEmpty }) -> String? {
        guard let value else { return nil }
        guard case .string(let text) = value else {
            fail(pointer, "must be a string, is \(value.typeName)"); return nil
        }
        guard rule(text) else { fail(pointer, "must be \(description)"); return nil }
        return text
    }

    /// A whole number of at least `minimum`.
    mutating func count(_ value: ParsedJSON?, at pointer: String, minimum: Int64 = 0) -> Int64? {
        guard let value else { return nil }
        guard case .number(let literal) = value, let number = Int64(literal), String(number) == literal,
              number >= minimum else {
            fail(pointer, "must be a whole number of at least \(minimum)"); return nil
        }
        return number
    }
}

/// Small character rules the manifest's patterns use.
enum TextRule {
    static func token(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { (0x61...0x7A).contains($0) || (0x30...0x39).contains($0) || $0 == 0x2D }
    }

    static func kindName(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy { (0x61...0x7A).contains($0) || $0 == 0x2D }
    }

    static func lowerHex(_ text: String, length: Int) -> Bool {
        text.utf8.count == length && text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }
}
