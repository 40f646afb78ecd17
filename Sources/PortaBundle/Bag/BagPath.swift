/// The file-path rules of BagIt manifests (RFC 8493 §2.1.3): paths are relative, use `/`, and
/// write CR, LF and `%` as `%0D`, `%0A` and `%25`.
public enum BagPath {
    /// A path as a manifest line writes it.
    public static func encode(_ path: String) -> String {
        var encoded = ""
        for character in path.unicodeScalars {
            switch character {
            case "%": encoded += "%25"
            case "\r": encoded += "%0D"
            case "\n": encoded += "%0A"
            default: encoded.unicodeScalars.append(character)
            }
        }
        return encoded
    }

    /// A manifest line's path as the file system names it, or nil when an escape is malformed.
    /// Only `%0D`, `%0A` and `%25` (either case of hex digit) are escapes; any other `%` is an
    /// error, since RFC 8493 requires a literal `%` to be written `%25`.
    public static func decode(_ path: String) -> String? {
        var decoded = ""
        var scalars = path.unicodeScalars[...]
        while let scalar = scalars.popFirst() {
            guard scalar == "%" else { decoded.unicodeScalars.append(scalar); continue }
            let code = String(String.UnicodeScalarView(scalars.prefix(2))).uppercased()
            scalars = scalars.dropFirst(2)
            switch code {
            case "0D": decoded += "\r"
            case "0A": decoded += "\n"
            case "25": decoded += "%"
            default: return nil
            }
        }
        return decoded
    }

    /// Why a relative path may not be in a bag, or nil when it may: it must be non-empty,
    /// relative, use `/` only, and have no empty, `.` or `..` segment.
    public static func problem(with path: String) -> String? {
        if path.isEmpty { return "empty path" }
        if path.hasPrefix("/") { return "absolute path" }
        if path.contains("\\") { return "backslash in path" }
        if path.utf8.contains(0) { return "NUL in path" }
        if let first = path.split(separator: "/").first, first.count == 2, first.last == ":" {
            return "drive letter in path"
        }
        for segment in path.split(separator: "/", omittingEmptySubsequences: false) {
            if segment.isEmpty { return "empty segment in path" }
            if segment == "." || segment == ".." { return "\(segment) segment in path" }
        }
        return nil
    }
}
