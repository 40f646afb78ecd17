/// An RFC 4180 parser that reads rows from a ``ByteInput`` one at a time.
///
/// Rows end at CRLF or LF (a last row may lack it); a cell that starts with the quote
/// character is quoted, may hold delimiters, quotes (doubled) and line breaks, and must be
/// followed by a delimiter or the end of the row. A quote inside an unquoted cell, text after
/// a closing quote, a CR that is not part of CRLF, an unterminated quote and invalid UTF-8 are
/// errors naming the line. Cell values are never quoted in errors.
public struct CSVParser {
    /// One row: its cells and the line it starts on.
    public struct Row: Equatable, Sendable {
        public let cells: [String]
        public let line: Int
    }

    private let input: ByteInput
    private let delimiter: UInt8
    private let quote: UInt8
    private var checkedStart = false
    private let allowsByteOrderMark: Bool
    private let strictQuotes: Bool
    private let encoding: TextEncoding

    /// A parser of `input`.
    /// - Parameters:
    ///   - allowsByteOrderMark: whether a leading UTF-8 BOM is skipped (true) or an error
    ///     (false, as `porta/1` CSV has none).
    ///   - strictQuotes: whether a quote inside an unquoted cell is an error, as RFC 4180 says
    ///     (true), or kept as a character, as spreadsheet exports need (false).
    ///   - encoding: the file's text encoding (a BOM is only looked for in UTF-8).
    public init(input: ByteInput, delimiter: UInt8 = UInt8(ascii: ","), quote: UInt8 = UInt8(ascii: "\""),
                allowsByteOrderMark: Bool = false, strictQuotes: Bool = true, encoding: TextEncoding = .utf8) {
        self.strictQuotes = strictQuotes
        self.encoding = encoding
        self.input = input
        self.delimiter = delimiter
        self.quote = quote
        self.allowsByteOrderMark = allowsByteOrderMark
    }

    /// The name of the input, for errors.
    public var name: String { input.name }

    /// The next row, or nil at the end of the input.
    public mutating func nextRow() throws -> Row? {
        if !checkedStart { try checkStart() }
        guard try input.peek() != nil else { return nil }
        let line = input.line
        var cells: [String] = []
        var cell: [UInt8] = []
        var atCellStart = true
        while true {
            if atCellStart, try input.peek() == quote {
                _ = try input.next()
                try readQuoted(into: &cell, startLine: line)
            }
            atCellStart = false
            let byte = try input.next()
            switch byte {
            case nil:
                cells.append(try text(cell, line: line))
                return Row(cells: cells, line: line)
            case delimiter:
                cells.append(try text(cell, line: line))
                cell.removeAll(keepingCapacity: true)
                atCellStart = true
            case 0x0A:
                cells.append(try text(cell, line: line))
                return Row(cells: cells, line: line)
            case 0x0D:
                guard try input.next() == 0x0A else { throw error("a CR outside quotes must be followed by LF") }
                cells.append(try text(cell, line: line))
                return Row(cells: cells, line: line)
            case quote where strictQuotes:
                throw error("a quote inside an unquoted cell")
            case let other?:
                cell.append(other)
            }
        }
    }

    /// Reads a quoted cell's content up to its closing quote, which must end the cell.
    private mutating func readQuoted(into cell: inout [UInt8], startLine: Int) throws {
        while true {
            guard let byte = try input.next() else {
                throw FormatError(.csv, "a quoted cell starting on this line is never closed", file: input.name, line: startLine)
            }
            if byte == quote {
                if try input.peek() == quote {
                    _ = try input.next()
                    cell.append(quote)
                    continue
                }
                let after = try input.peek()
                guard after == nil || after == delimiter || after == 0x0A || after == 0x0D else {
                    throw error("text after a closing quote")
                }
                return
            }
            cell.append(byte)
        }
    }

    private mutating func checkStart() throws {
        checkedStart = true
        guard encoding == .utf8, try input.peek() == 0xEF else { return }
        guard allowsByteOrderMark else { throw error("a byte-order mark is not allowed") }
        guard try input.next() == 0xEF, try input.next() == 0xBB, try input.next() == 0xBF else {
            throw error("the file is not valid UTF-8")
        }
    }

    private func text(_ bytes: [UInt8], line: Int) throws -> String {
        guard let text = encoding.decode(bytes) else {
            throw FormatError(.csv, "a cell is not valid \(encoding.rawValue)", file: input.name, line: line)
        }
        return text
    }

    private func error(_ message: String) -> FormatError {
        FormatError(.csv, message, file: input.name, line: input.line)
    }
}
