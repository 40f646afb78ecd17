import Foundation

/// Where the repository's files are, for tests that read samples/ and formats/.
public enum Repository {
    /// The repository's root folder.
    public static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// A path relative to the root.
    public static func path(_ relative: String) -> String { root + "/" + relative }
}
