import PortaBundle
import PortaFormats
import PortaModel

extension RecordFileFormat {
    /// A writer of this format whose bytes go to a payload file of the bag.
    func makeWriter(_ kind: RecordKind, sink: HashingFileSink) throws -> any PayloadRecordWriter {
        switch self {
        case .json: JSONRecordWriter(kind: kind, sink: sink)
        case .csv: CSVRecordWriter(kind: kind, sink: sink)
        case .xml: XMLRecordWriter(kind: kind, sink: sink)
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
