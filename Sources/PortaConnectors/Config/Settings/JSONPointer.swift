import Foundation

/// RFC 6901 JSON Pointers.
enum JSONPointer {
    static func tokens(_ pointer: String, node: ConfigNode) throws -> [String] {
        guard !pointer.isEmpty else { return [] }
        guard pointer.hasPrefix("/") else { throw node.error("must be a JSON Pointer such as /data/items") }
        return pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map {
            $0.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
        }
    }
}
