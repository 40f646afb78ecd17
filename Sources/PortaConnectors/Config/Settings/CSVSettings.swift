import Foundation
import PortaBytes

/// How a CSV file is written: its delimiter, encoding and quoting.
public struct CSVSettings: Sendable {
    public var delimiter: UInt8 = UInt8(ascii: ",")
    public var encoding: TextEncoding = .utf8
    /// Whether a quote inside an unquoted cell is an error (RFC 4180) or kept.
    public var strictQuotes = true

    init(_ node: ConfigNode?) throws {
        guard let node else { return }
        let map = try node.mapping(allowed: ["delimiter", "encoding", "strict-quotes"])
        if let delimiterNode = map.optional("delimiter") {
            let text = try delimiterNode.string()
            let allowed: [String: UInt8] = [",": 0x2C, ";": 0x3B, "\\t": 0x09, "\t": 0x09, "|": 0x7C]
            guard let byte = allowed[text] else { throw delimiterNode.error("must be one of , ; | \\t") }
            delimiter = byte
        }
        encoding = try map.optional("encoding")?.oneOf(TextEncoding.self) ?? .utf8
        strictQuotes = try map.optional("strict-quotes")?.bool() ?? true
    }
}
