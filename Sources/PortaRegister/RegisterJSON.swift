import PortaBytes

/// The count lists of an entry as the register stores them: compact JSON arrays of
/// `{source?, kind, reason?, records}`.
enum RegisterJSON {
    static func counts(_ counts: [RegisterEntry.Count]) -> String {
        String(decoding: json(counts).compactSerialized(), as: UTF8.self)
    }

    static func json(_ counts: [RegisterEntry.Count]) -> JSONValue {
        .array(counts.map { count in
            .object((count.source.map { [("source", JSONValue.string($0))] } ?? []) + [("kind", .string(count.kind))]
                    + (count.reason.map { [("reason", JSONValue.string($0))] } ?? []) + [("records", .integer(Int64(count.records)))])
        })
    }

    static func parseCounts(_ text: String) -> [RegisterEntry.Count] {
        var parser = StrictJSONParser(input: ByteInput(bytes: Array(text.utf8), name: "register", format: .json))
        guard case .array(let elements)? = try? parser.parseDocument() else { return [] }
        return elements.compactMap { element in
            guard case .object(let members) = element else { return nil }
            func text(_ key: String) -> String? {
                if case .string(let value)? = members.first(where: { $0.key == key })?.value { value } else { nil }
            }
            guard let kind = text("kind"), case .number(let literal)? = members.first(where: { $0.key == "records" })?.value,
                  let records = Int(literal) else { return nil }
            return RegisterEntry.Count(source: text("source"), kind: kind, reason: text("reason"), records: records)
        }
    }
}
