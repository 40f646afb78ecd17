/// Rows of RFC 4180 CSV as Porta writes them: `,` between cells, a cell quoted only when it
/// holds `"`, `,`, CR or LF (a `"` inside doubled), every row ended by CRLF; nil is an empty cell.
public enum CSVText {
    public static func appendRow(_ cells: [String?], to buffer: inout [UInt8]) {
        for (index, cell) in cells.enumerated() {
            if index > 0 { buffer.append(0x2C) }
            if let cell { appendCell(cell, to: &buffer) }
        }
        buffer.append(contentsOf: [0x0D, 0x0A])
    }

    public static func appendCell(_ cell: String, to buffer: inout [UInt8]) {
        var cell = cell
        cell.withUTF8 { bytes in
            guard bytes.contains(where: { $0 == 0x22 || $0 == 0x2C || $0 == 0x0D || $0 == 0x0A }) else {
                buffer.append(contentsOf: bytes)
                return
            }
            buffer.append(0x22)
            for byte in bytes {
                buffer.append(byte)
                if byte == 0x22 { buffer.append(0x22) }
            }
            buffer.append(0x22)
        }
    }
}
