import Foundation

/// Where a JSON file's records are: the array a JSON Pointer (RFC 6901) names.
public struct JSONSettings: Sendable {
    /// The pointer's reference tokens; empty for the whole document.
    public var records: [String] = []

    init(_ node: ConfigNode?) throws {
        guard let node else { return }
        let map = try node.mapping(allowed: ["records"])
        if let pointerNode = map.optional("records") {
            records = try JSONPointer.tokens(try pointerNode.string(), node: pointerNode)
        }
    }
}
