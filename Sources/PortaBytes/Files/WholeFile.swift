/// Writes a small file (a summary, a report, a signature) whole or not at all, replacing any
/// earlier one: a reader never sees half of it (see ``PendingFile``).
public enum WholeFile {
    /// - Throws: ``FileWriteError`` `io` naming the file.
    public static func write(_ bytes: [UInt8], to path: String) throws {
        try PendingFile.write(to: path, replacing: true) { try $0.append(bytes) }
    }
}
