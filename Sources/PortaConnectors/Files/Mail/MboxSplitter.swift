import PortaBytes

/// Splits an mbox file (RFC 4155) into messages, one at a time.
///
/// A message starts at a `From ` line at the start of the file or after an empty line; its
/// bytes run to the next such line. `>From ` lines (mboxrd quoting) lose one `>`. A message
/// larger than ``maximumMessageBytes`` is an error naming its line.
struct MboxSplitter {
    static let maximumMessageBytes = 64 * 1024 * 1024

    private let input: ByteInput
    private var pendingSeparatorLine: Int?
    private var started = false

    init(input: ByteInput) {
        self.input = input
    }

    /// The next message's bytes (without its `From ` line) and the line its `From ` line is on.
    mutating func nextMessage() throws -> (bytes: [UInt8], line: Int)? {
        if !started {
            started = true
            guard let first = try input.nextLine() else { return nil }
            guard first.bytes.starts(with: Self.fromPrefix) else {
                throw FormatError(.mbox, "the file does not start with a From line", file: input.name, line: 1)
            }
            pendingSeparatorLine = first.line
        }
        guard let startLine = pendingSeparatorLine else { return nil }
        pendingSeparatorLine = nil
        var message: [UInt8] = []
        var previousEmpty = false
        while let (bytes, line) = try input.nextLine() {
            if previousEmpty, bytes.starts(with: Self.fromPrefix) {
                pendingSeparatorLine = line
                message.removeLast()
                break
            }
            var content = bytes[...]
            if content.first == 0x3E, content.drop(while: { $0 == 0x3E }).starts(with: Self.fromPrefix) { content = content.dropFirst() }
            message += content
            message.append(0x0A)
            guard message.count <= Self.maximumMessageBytes else {
                throw FormatError(.mbox, "the message is larger than 64 MiB", file: input.name, line: startLine)
            }
            previousEmpty = bytes.isEmpty
        }
        return (message, startLine)
    }

    private static let fromPrefix = Array("From ".utf8)
}
