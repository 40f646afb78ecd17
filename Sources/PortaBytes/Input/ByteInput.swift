import Foundation

/// The bytes of a file (or of memory), read in 64 KiB blocks, one at a time, counting lines.
///
/// Readers of every format take their input from one of these, so memory stays the size of a
/// block however large the file is.
public final class ByteInput {
    /// The name errors give for the input (the path inside the bundle).
    public let name: String
    /// The 1-based line of the next byte.
    public private(set) var line = 1
    private let descriptor: Int32
    private var buffer: [UInt8]
    private var position = 0
    private var end = 0
    private let format: FormatError.Format

    /// Reads the file at `path`; `name` is what errors call it.
    /// - Throws: ``FormatError`` when the file cannot be opened.
    public init(path: String, name: String, format: FormatError.Format) throws {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw FormatError(format, "cannot open the file (\(SystemReason.current()))", file: name)
        }
        self.descriptor = descriptor
        self.name = name
        self.format = format
        self.buffer = [UInt8](repeating: 0, count: 64 * 1024)
    }

    /// Reads bytes from memory.
    public init(bytes: [UInt8], name: String, format: FormatError.Format) {
        self.descriptor = -1
        self.name = name
        self.format = format
        self.buffer = bytes
        self.end = bytes.count
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// The next byte without taking it; nil at the end.
    @inline(__always)
    public func peek() throws -> UInt8? {
        if position == end, try !refill() { return nil }
        return buffer[position]
    }

    /// Takes the next byte; nil at the end.
    @inline(__always)
    public func next() throws -> UInt8? {
        if position == end, try !refill() { return nil }
        let byte = buffer[position]
        position += 1
        if byte == 0x0A { line += 1 }
        return byte
    }

    /// The next line without its LF (and without the CR of a CRLF), and the line's number;
    /// nil at the end. A last line without an LF is a line.
    public func nextLine() throws -> (bytes: [UInt8], line: Int)? {
        guard try peek() != nil else { return nil }
        let number = line
        var bytes: [UInt8] = []
        // A block at a time: the line's bytes up to the LF in this block, or the whole rest of
        // the block and on into the next.
        while try position < end || refill() {
            if let lf = buffer[position..<end].firstIndex(of: 0x0A) {
                bytes.append(contentsOf: buffer[position..<lf])
                position = lf + 1
                line += 1
                break
            }
            bytes.append(contentsOf: buffer[position..<end])
            position = end
        }
        if bytes.last == 0x0D { bytes.removeLast() }
        return (bytes, number)
    }

    private func refill() throws -> Bool {
        guard descriptor >= 0 else { return false }
        let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
        guard count >= 0 else { throw FormatError(format, "cannot read the file (\(SystemReason.current()))", file: name, line: line) }
        position = 0
        end = count
        return count > 0
    }
}
