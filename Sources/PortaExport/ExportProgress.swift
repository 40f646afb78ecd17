/// How far an export has read a source: counts only, never a record's contents.
public struct ExportProgress: Sendable, Equatable {
    /// How often progress is told while a source is read.
    public static let interval = 1000

    /// The source's id.
    public let source: String
    /// Records read from it so far (kept and left out).
    public let records: Int
    /// Whether the source is done.
    public let isDone: Bool

    public init(source: String, records: Int, isDone: Bool) {
        self.source = source
        self.records = records
        self.isDone = isDone
    }
}
