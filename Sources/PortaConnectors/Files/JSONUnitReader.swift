import PortaBytes
import PortaModel

/// Reads NDJSON (one object per line; blank lines are skipped) or a JSON document whose
/// records are the array a JSON Pointer names. Each object is one unit; nested objects become
/// dotted fields (`address.city`), arrays are not fields. Strings are text, whole numbers
/// integers, other numbers their literal text (so money stays exact), `null` no value.
struct JSONUnitReader: UnitReader {
    let source: SourceConfig
    let referenceDate: CalendarDate

    func readUnits(for subject: [SubjectIdentifier], _ body: (SourceUnit) throws -> Void) async throws {
        let input = try FileSource.open(source, format: .json)
        do {
            if source.kind == .ndjson {
                try readLines(input, body)
            } else {
                var parser = StrictJSONParser(input: input)
                guard case .json(let settings) = source.settings else { return }
                try parser.beginArray(at: settings.records)
                while let element = try parser.nextElement() {
                    try body(unit(element, line: parser.elementLine))
                }
            }
        } catch let error as FormatError {
            throw FileSource.unreadable(source, error)
        }
    }

    private func readLines(_ input: ByteInput, _ body: (SourceUnit) throws -> Void) throws {
        while let (line, number) = try input.nextLine() {
            guard line.contains(where: { $0 != 0x20 && $0 != 0x09 }) else { continue }
            var parser = StrictJSONParser(input: ByteInput(bytes: line, name: source.path ?? "", format: .json))
            do {
                try body(unit(try parser.parseDocument(), line: number))
            } catch let error as FormatError {
                try body(.malformed(line: number, error.message))
            }
        }
    }

    private func unit(_ value: ParsedJSON, line: Int) throws -> SourceUnit {
        guard case .object = value else { return .malformed(line: line, "a record is \(value.typeName), not an object") }
        var row: SourceUnit.Row = [:]
        Self.flatten(value, prefix: "", into: &row)
        return SourceUnit(identifiers: rowIdentifiers(row, lookup: source.subjects, referenceDate: referenceDate),
                          rows: ["rows": [row]], line: line)
    }

    static func flatten(_ value: ParsedJSON, prefix: String, into row: inout SourceUnit.Row) {
        switch value {
        case .object(let members):
            for member in members { flatten(member.value, prefix: prefix.isEmpty ? member.key : prefix + "." + member.key, into: &row) }
        case .string(let text): row[prefix] = .text(text)
        case .number(let literal): row[prefix] = Int64(literal).map(SourceValue.integer) ?? .text(literal)
        case .boolean(let flag): row[prefix] = .boolean(flag)
        case .null: row[prefix] = .null
        case .array: break
        }
    }
}
