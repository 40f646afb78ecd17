/// Where a writer's bytes go: a file, a hashing file, memory.
///
/// Writers fill a buffer and hand it over in large pieces, so a sink can do its I/O (and
/// hashing) in blocks.
public protocol ByteSink {
    /// Takes the next bytes of the output.
    mutating func write(_ bytes: UnsafeRawBufferPointer) throws
}

/// A sink that keeps everything in memory, for tests and small tag files.
public struct MemorySink: ByteSink, Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []

    public init() {}

    public mutating func write(_ bytes: UnsafeRawBufferPointer) throws {
        self.bytes.append(contentsOf: bytes)
    }
}
