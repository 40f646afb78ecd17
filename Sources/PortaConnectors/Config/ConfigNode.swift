import Yams

/// A node of a parsed `porta.yml` (or another of Porta's YAML files, such as `receiver.yml`)
/// that knows its key path, so every error can name file, line and key.
public struct ConfigNode {
    let node: Node
    /// Where the node is: `sources[0].records[2].table`.
    public let keyPath: String
    /// The file it was read from.
    public let file: String

    init(node: Node, keyPath: String, file: String) {
        self.node = node
        self.keyPath = keyPath
        self.file = file
    }

    /// The root of the YAML document `yaml`, read from `file`.
    /// - Throws: ``ConfigError`` when it is empty or not YAML, with libyaml's line.
    public static func root(yaml: String, file: String) throws -> ConfigNode {
        do {
            guard let composed = try Yams.compose(yaml: yaml) else {
                throw ConfigError(file: file, keyPath: "", line: nil, message: "is empty")
            }
            return ConfigNode(node: composed, keyPath: "", file: file)
        } catch let error as ConfigError {
            throw error
        } catch let error as YamlError {
            throw ConfigError(file: file, keyPath: "", line: error.mark?.line, message: "is not valid YAML: \(error.problem)")
        } catch {
            throw ConfigError(file: file, keyPath: "", line: nil, message: "is not valid YAML")
        }
    }

    /// Whether the node is a mapping (`{ column: …, … }`) rather than one value or a list.
    public var isMapping: Bool { if case .mapping = node { true } else { false } }

    /// An error about this node, naming its file, line and key path.
    public func error(_ message: String) -> ConfigError {
        ConfigError(file: file, keyPath: keyPath, line: node.mark?.line, message: message)
    }

    /// The node as a mapping whose keys must all be in `allowed`.
    public func mapping(allowed: [String]) throws -> ConfigMapping {
        let entries = try freeMapping()
        for (key, child) in entries where !allowed.contains(key) {
            throw child.error("is not a known key here (known: \(allowed.joined(separator: ", ")))")
        }
        return ConfigMapping(owner: self, entries: entries)
    }

    /// The node as a mapping with any keys, in file order; a key given twice is an error.
    public func freeMapping() throws -> [(String, ConfigNode)] {
        guard case .mapping(let mapping) = node else { throw error("must be a mapping of keys to values") }
        var entries: [(String, ConfigNode)] = []
        for (keyNode, value) in mapping {
            guard case .scalar(let key) = keyNode else { throw error("has a key that is not text") }
            let child = ConfigNode(node: value, keyPath: childPath(key.string), file: file)
            guard !entries.contains(where: { $0.0 == key.string }) else { throw child.error("is given twice") }
            entries.append((key.string, child))
        }
        return entries
    }

    /// A list's elements, or the node itself when it is one value (`key: id` or `key: [a, b]`).
    public func oneOrMany() throws -> [ConfigNode] {
        if case .sequence = node { return try sequence() }
        return [self]
    }

    public func sequence() throws -> [ConfigNode] {
        guard case .sequence(let sequence) = node else { throw error("must be a list") }
        return sequence.enumerated().map { index, element in
            ConfigNode(node: element, keyPath: "\(keyPath)[\(index)]", file: file)
        }
    }

    public func string() throws -> String {
        guard case .scalar(let scalar) = node, !scalar.string.isEmpty else { throw error("must be a non-empty text value") }
        return scalar.string
    }

    public func bool() throws -> Bool {
        guard case .scalar(let scalar) = node else { throw error("must be true or false") }
        switch scalar.string {
        case "true", "yes", "on": return true
        case "false", "no", "off": return false
        default: throw error("must be true or false")
        }
    }

    /// A name Porta puts into SQL or file names: letters, digits and underscores, not starting
    /// with a digit.
    /// A year, 1 to 9999.
    func year() throws -> Int {
        guard let year = Int(try string()), (1...9999).contains(year) else { throw error("must be a year, 1 to 9999") }
        return year
    }

    public func identifier() throws -> String {
        let text = try string()
        guard let first = text.first, first.isASCII, first.isLetter || first == "_",
              text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }), text.count <= 63 else {
            throw error("must be a plain name (letters, digits, underscores; not starting with a digit)")
        }
        return text
    }

    /// A field of a file or API row: any name of 1–128 characters without control characters
    /// (`Contact Phone`, `address.city`, `n.family`).
    func fieldName() throws -> String {
        let text = try string()
        guard (1...128).contains(text.count), !text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
            throw error("must be a field name of 1 to 128 characters")
        }
        return text
    }

    /// A column of a source of `kind`: a plain SQL identifier for a database (for MySQL also a
    /// member of a JSON column, `settings.newsletter.topic`), a field name else.
    func column(for kind: SourceConfig.Kind) throws -> String {
        guard kind.isSQL else { return try fieldName() }
        guard kind == .mysql, try string().contains(".") else { return try identifier() }
        let text = try string()
        let names = text.split(separator: ".", omittingEmptySubsequences: false)
        guard names.count <= 8, names.allSatisfy({ name in
            name.first.map { $0.isASCII && ($0.isLetter || $0 == "_") } == true && name.count <= 63
                && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
        }) else {
            throw error("must be a plain name, or a JSON column's member as plain names joined by dots")
        }
        return text
    }

    /// One of the raw values of an enumeration.
    public func oneOf<Value: RawRepresentable & CaseIterable>(_ type: Value.Type) throws -> Value where Value.RawValue == String {
        let text = try string()
        guard let value = Value(rawValue: text) else {
            throw error("must be one of \(Value.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }

    private func childPath(_ key: String) -> String {
        keyPath.isEmpty ? key : "\(keyPath).\(key)"
    }
}

/// The keys of a config mapping, looked up as required or optional.
public struct ConfigMapping {
    let owner: ConfigNode
    let entries: [(String, ConfigNode)]

    public func optional(_ key: String) -> ConfigNode? {
        entries.first { $0.0 == key }?.1
    }

    public func required(_ key: String) throws -> ConfigNode {
        guard let node = optional(key) else {
            let path = owner.keyPath.isEmpty ? key : "\(owner.keyPath).\(key)"
            throw ConfigError(file: owner.file, keyPath: path, line: owner.node.mark?.line, message: "is missing")
        }
        return node
    }
}

extension YamlError {
    /// Where in the file the YAML error is, when libyaml says.
    var mark: Mark? {
        switch self {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): mark
        case .duplicatedKeysInMapping(_, let context): context.mark
        default: nil
        }
    }

    /// libyaml's description of the problem.
    var problem: String {
        switch self {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _),
             .reader(let problem, _, _, _):
            problem
        case .duplicatedKeysInMapping(let duplicates, _):
            // Keys are config names, not personal data; an odd one is not quoted.
            "the mapping gives " + duplicates.sorted().map { $0.count <= 64 && $0.allSatisfy({ $0.isASCII && !$0.isNewline }) ? "the key \($0)" : "a key" }
                .joined(separator: ", ") + " twice"
        default: "unreadable"
        }
    }
}
