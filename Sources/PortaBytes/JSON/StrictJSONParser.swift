/// A strict RFC 8259 parser that reads from a ``ByteInput``.
///
/// Where Foundation's `JSONDecoder` is lenient, this one refuses: a duplicate key in an
/// object (unless ``allowsDuplicateKeys``, as RFC 8259 itself permits), a byte-order mark, invalid UTF-8, an escaped lone surrogate, a trailing comma,
/// `NaN`, leading zeros, control characters in strings, anything after the value, and nesting
/// deeper than ``maximumDepth``. Errors name the line. It reads a whole document
/// (``parseDocument()``) or, for record files, a top-level array one element at a time
/// (``beginArray(at:)``, ``nextElement()``), so only one record is ever in memory.
public struct StrictJSONParser {
    /// The deepest nesting accepted.
    public static let maximumDepth = 512

    private let input: ByteInput
    private var elementsRead = 0
    /// The closing bytes of the containers around a pointed-to array, innermost last.
    private var enclosing: [UInt8] = []
    /// Whether values are only checked, not kept (what a pointer passes by).
    private var discarding = false
    /// Whether an object may repeat a key (RFC 8259 only says names SHOULD be unique).
    /// Porta's record files may not: a repeated key would make a record mean two things.
    public let allowsDuplicateKeys: Bool

    public init(input: ByteInput, allowsDuplicateKeys: Bool = false) {
        self.input = input
        self.allowsDuplicateKeys = allowsDuplicateKeys
    }

    /// The line the parser has reached.
    public var line: Int { input.line }
    /// The line the last element given by ``nextElement()`` starts on.
    public private(set) var elementLine = 1

    /// Parses the whole input as one JSON text.
    public mutating func parseDocument() throws -> ParsedJSON {
        try refuseByteOrderMark()
        let value = try parseValue(depth: 0)
        try expectEnd()
        return value
    }

    /// Reads down to the array a JSON Pointer's tokens name (RFC 6901; empty: the top level)
    /// and its opening `[`; the rest of the document is read, and checked, after the array.
    public mutating func beginArray(at pointer: [String] = []) throws {
        try refuseByteOrderMark()
        for token in pointer {
            try skipWhitespace()
            switch try input.next() {
            case UInt8(ascii: "{"):
                enclosing.append(UInt8(ascii: "}"))
                var first = true
                while true {
                    try skipWhitespace()
                    if !first {
                        guard try input.next() == UInt8(ascii: ",") else { throw error("the pointer names no value") }
                        try skipWhitespace()
                    }
                    first = false
                    guard try input.peek() == UInt8(ascii: "\"") else { throw error("the pointer names no value") }
                    let key = try parseString()
                    try skipWhitespace()
                    guard try input.next() == UInt8(ascii: ":") else { throw error("expected : after a key") }
                    if key == token { break }
                    try skipValue(depth: enclosing.count)
                }
            case UInt8(ascii: "["):
                enclosing.append(UInt8(ascii: "]"))
                guard let index = Int(token), index >= 0 else { throw error("the pointer names no value") }
                for position in 0..<index {
                    if position > 0 {
                        try skipWhitespace()
                        guard try input.next() == UInt8(ascii: ",") else { throw error("the pointer names no value") }
                    }
                    try skipValue(depth: enclosing.count)
                }
                if index > 0 {
                    try skipWhitespace()
                    guard try input.next() == UInt8(ascii: ",") else { throw error("the pointer names no value") }
                }
            default:
                throw error("the pointer names no value")
            }
        }
        try skipWhitespace()
        guard try input.next() == UInt8(ascii: "[") else {
            throw error(pointer.isEmpty ? "the file is not a JSON array" : "the pointer does not name an array")
        }
    }

    /// The next element of the top-level array, or nil after its closing `]` (and nothing
    /// but white space after it).
    public mutating func nextElement() throws -> ParsedJSON? {
        try skipWhitespace()
        if try input.peek() == UInt8(ascii: "]") {
            _ = try input.next()
            try finishEnclosing()
            try expectEnd()
            return nil
        }
        if elementsRead > 0 {
            guard try input.next() == UInt8(ascii: ",") else { throw error("expected , or ] after an element") }
            try skipWhitespace()
        }
        elementsRead += 1
        elementLine = input.line
        return try parseValue(depth: 1)
    }

    // MARK: - Values

    /// Reads and checks a value without keeping it, so a pointer can pass large values by.
    private mutating func skipValue(depth: Int) throws {
        discarding = true
        defer { discarding = false }
        _ = try parseValue(depth: depth)
    }

    private mutating func parseValue(depth: Int) throws -> ParsedJSON {
        guard depth < Self.maximumDepth else { throw error("nesting is deeper than \(Self.maximumDepth)") }
        try skipWhitespace()
        guard let byte = try input.peek() else { throw error("unexpected end of input") }
        switch byte {
        case UInt8(ascii: "{"): return try parseObject(depth: depth)
        case UInt8(ascii: "["): return try parseArray(depth: depth)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try expectLiteral("true"); return .boolean(true)
        case UInt8(ascii: "f"): try expectLiteral("false"); return .boolean(false)
        case UInt8(ascii: "n"): try expectLiteral("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number(try parseNumber())
        default: throw error("unexpected character where a value should start")
        }
    }

    private mutating func parseObject(depth: Int) throws -> ParsedJSON {
        _ = try input.next()
        var members: [ParsedJSON.Member] = []
        var keys = SeenKeys()
        try skipWhitespace()
        if try input.peek() == UInt8(ascii: "}") {
            _ = try input.next()
            return .object([])
        }
        while true {
            try skipWhitespace()
            guard try input.peek() == UInt8(ascii: "\"") else { throw error("expected a string key") }
            let key = try parseString()
            guard keys.insert(key) || allowsDuplicateKeys else { throw error("duplicate key \(FormatError.quotedName(key))") }
            try skipWhitespace()
            guard try input.next() == UInt8(ascii: ":") else { throw error("expected : after a key") }
            let value = try parseValue(depth: depth + 1)
            if !discarding { members.append(.init(key: key, value: value)) }
            try skipWhitespace()
            switch try input.next() {
            case UInt8(ascii: ","): continue
            case UInt8(ascii: "}"): return .object(members)
            default: throw error("expected , or } in an object")
            }
        }
    }

    private mutating func parseArray(depth: Int) throws -> ParsedJSON {
        _ = try input.next()
        var elements: [ParsedJSON] = []
        try skipWhitespace()
        if try input.peek() == UInt8(ascii: "]") {
            _ = try input.next()
            return .array([])
        }
        while true {
            let element = try parseValue(depth: depth + 1)
            if !discarding { elements.append(element) }
            try skipWhitespace()
            switch try input.next() {
            case UInt8(ascii: ","): continue
            case UInt8(ascii: "]"): return .array(elements)
            default: throw error("expected , or ] in an array")
            }
        }
    }

    private mutating func parseString() throws -> String {
        _ = try input.next()
        var bytes: [UInt8] = []
        while true {
            guard let byte = try input.next() else { throw error("unterminated string") }
            switch byte {
            case UInt8(ascii: "\""):
                guard let text = String(validating: bytes, as: UTF8.self) else { throw error("a string is not valid UTF-8") }
                return text
            case UInt8(ascii: "\\"):
                try parseEscape(into: &bytes)
            case 0x00..<0x20:
                throw error("a control character must be escaped in a string")
            default:
                bytes.append(byte)
            }
        }
    }

    private mutating func parseEscape(into bytes: inout [UInt8]) throws {
        guard let byte = try input.next() else { throw error("unterminated escape") }
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): bytes.append(byte)
        case UInt8(ascii: "b"): bytes.append(0x08)
        case UInt8(ascii: "f"): bytes.append(0x0C)
        case UInt8(ascii: "n"): bytes.append(0x0A)
        case UInt8(ascii: "r"): bytes.append(0x0D)
        case UInt8(ascii: "t"): bytes.append(0x09)
        case UInt8(ascii: "u"):
            var scalar = try parseHex4()
            if (0xD800..<0xDC00).contains(scalar) {
                guard try input.next() == UInt8(ascii: "\\"), try input.next() == UInt8(ascii: "u") else {
                    throw error("a lone surrogate escape is not a character")
                }
                let low = try parseHex4()
                guard (0xDC00..<0xE000).contains(low) else { throw error("a lone surrogate escape is not a character") }
                scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
            } else if (0xDC00..<0xE000).contains(scalar) {
                throw error("a lone surrogate escape is not a character")
            }
            bytes.append(contentsOf: String(Character(Unicode.Scalar(scalar)!)).utf8)
        default:
            throw error("unknown escape in a string")
        }
    }

    private mutating func parseHex4() throws -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = try input.next(), let digit = Self.hexValue(byte) else { throw error("\\u needs four hex digits") }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    private mutating func parseNumber() throws -> String {
        var text: [UInt8] = []
        func digits(required: Bool) throws {
            var count = 0
            while let byte = try input.peek(), Self.isDigit(byte) {
                text.append(byte)
                _ = try input.next()
                count += 1
            }
            if required && count == 0 { throw error("a number is malformed") }
        }
        if try input.peek() == UInt8(ascii: "-") { text.append(try input.next()!) }
        guard let first = try input.peek(), Self.isDigit(first) else { throw error("a number is malformed") }
        if first == UInt8(ascii: "0") {
            text.append(try input.next()!)
            if let after = try input.peek(), Self.isDigit(after) { throw error("a number has a leading zero") }
        } else {
            try digits(required: true)
        }
        if try input.peek() == UInt8(ascii: ".") {
            text.append(try input.next()!)
            try digits(required: true)
        }
        if let byte = try input.peek(), byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
            text.append(try input.next()!)
            if let sign = try input.peek(), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { text.append(try input.next()!) }
            try digits(required: true)
        }
        return String(decoding: text, as: UTF8.self)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    // MARK: - Structure

    /// Reads (and checks) what follows a pointed-to array up to the end of the document.
    private mutating func finishEnclosing() throws {
        while let close = enclosing.popLast() {
            while true {
                try skipWhitespace()
                let byte = try input.next()
                if byte == close { break }
                guard byte == UInt8(ascii: ",") else { throw error("expected , or a closing bracket") }
                if close == UInt8(ascii: "}") {
                    try skipWhitespace()
                    guard try input.peek() == UInt8(ascii: "\"") else { throw error("expected a string key") }
                    _ = try parseString()
                    try skipWhitespace()
                    guard try input.next() == UInt8(ascii: ":") else { throw error("expected : after a key") }
                }
                try skipValue(depth: enclosing.count + 1)
            }
        }
    }

    private mutating func expectLiteral(_ literal: StaticString) throws {
        let bytes = UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount)
        for expected in bytes {
            guard try input.next() == expected else { throw error("unknown literal") }
        }
    }

    private mutating func skipWhitespace() throws {
        while let byte = try input.peek(), byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D {
            _ = try input.next()
        }
    }

    private mutating func expectEnd() throws {
        try skipWhitespace()
        guard try input.peek() == nil else { throw error("data after the end of the JSON text") }
    }

    private mutating func refuseByteOrderMark() throws {
        if try input.peek() == 0xEF { throw error("a byte-order mark is not allowed") }
    }

    private func error(_ message: String) -> FormatError {
        FormatError(.json, message, file: input.name, line: input.line)
    }
}

/// The keys of one object seen so far: a short list searched in order (records have a dozen
/// keys, and hashing each costs more than comparing), turning into a set past 16 keys so a
/// hostile object with very many keys stays linear.
private struct SeenKeys {
    private var list: [String] = []
    private var set: Set<String>?

    /// Adds `key`; false when it was there already.
    mutating func insert(_ key: String) -> Bool {
        if set != nil { return set!.insert(key).inserted }
        if list.contains(key) { return false }
        list.append(key)
        if list.count > 16 { set = Set(list); list = [] }
        return true
    }
}
