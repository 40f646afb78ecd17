import PortaBundle
import PortaFormats
import PortaModel

/// One of the three formats every kind is written in: where its file goes, its media type,
/// and its writer.
enum PayloadFormat: String, CaseIterable {
    case json, csv, xml

    func path(_ kind: RecordKind) -> String {
        switch self {
        case .json: "data/json/\(kind.name).json"
        case .csv: "data/csv/" + CSVTableSchema.csvFileName(for: kind)
        case .xml: "data/xml/" + XMLRecordLayout.fileName(for: kind)
        }
    }

    var mediaType: String {
        switch self {
        case .json: "application/json"
        case .csv: "text/csv"
        case .xml: "application/xml"
        }
    }

    func makeWriter(_ kind: RecordKind, sink: HashingFileSink) throws -> any PayloadRecordWriter {
        switch self {
        case .json: JSONRecordWriter(kind: kind, sink: sink)
        case .csv: CSVRecordWriter(kind: kind, sink: sink)
        case .xml: try XMLRecordWriter(kind: kind, sink: sink)
        }
    }
}

/// A record writer whose bytes go to a payload file of the bag.
protocol PayloadRecordWriter: RecordWriter {
    var sink: HashingFileSink { get }
}

extension JSONRecordWriter: PayloadRecordWriter where Sink == HashingFileSink {}
extension CSVRecordWriter: PayloadRecordWriter where Sink == HashingFileSink {}
extension XMLRecordWriter: PayloadRecordWriter where Sink == HashingFileSink {}
