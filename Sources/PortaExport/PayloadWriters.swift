import PortaBundle
import PortaFormats
import PortaModel

/// The open payload files of an export: one writer per kind and format, opened at a kind's
/// first record, closed and listed at the end.
struct PayloadWriters {
    private let bag: BagWriter
    private var json: [RecordKind: JSONRecordWriter<HashingFileSink>] = [:]
    /// Records written per kind.
    private(set) var counts: [RecordKind: Int] = [:]

    init(bag: BagWriter) {
        self.bag = bag
    }

    mutating func write(_ record: CanonicalRecord) throws {
        if json[record.kind] == nil {
            let sink = try bag.createPayloadFile(Self.jsonPath(record.kind))
            json[record.kind] = .json(kind: record.kind, sink: sink)
        }
        try json[record.kind]!.write(record)
        counts[record.kind, default: 0] += 1
    }

    /// Finishes every file and returns them as the manifest lists them, sorted by path.
    mutating func finish() throws -> [PortaManifest.File] {
        var files: [PortaManifest.File] = []
        for kind in RecordKind.all {
            guard var writer = json[kind] else { continue }
            try writer.finish()
            let path = Self.jsonPath(kind)
            let file = try bag.closePayloadFile(writer.sink, at: path)
            files.append(.init(path: path, format: "json", mediaType: "application/json", kind: kind.name,
                               bytes: file.bytes, sha256: file.sha256, records: writer.recordCount))
        }
        return files.sorted { $0.path < $1.path }
    }

    static func jsonPath(_ kind: RecordKind) -> String { "data/json/\(kind.name).json" }
}
