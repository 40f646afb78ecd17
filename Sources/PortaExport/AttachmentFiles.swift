import Foundation
import PortaBundle
import PortaBytes
import PortaConnectors
import PortaModel

/// The files the person gave, carried under `data/files/`: each written as
/// `data/files/<attachment id>[.<extension>]` (the person's own file name, which may be
/// anything, is kept only in the record), hashed while written, and its record completed with
/// the file's path, size and SHA-256.
struct AttachmentFiles {
    private let bag: BagWriter
    private(set) var files: [PortaManifest.File] = []

    init(bag: BagWriter) {
        self.bag = bag
    }

    /// Writes the content and returns the record with `path`, `bytes` and `sha256` set.
    mutating func carry(_ content: AttachmentContent, of record: CanonicalRecord) throws -> CanonicalRecord {
        let path = Self.path(for: record)
        let sink = try bag.createPayloadFile(path)
        switch content {
        case .bytes(let bytes):
            try bytes.withUnsafeBytes { try sink.write($0) }
        case .file(let source):
            try Self.copy(source, into: sink, record: record)
        }
        let file = try bag.closePayloadFile(sink, at: path)
        var mediaType = "application/octet-stream"
        if case .text(let given)? = record["mediaType"] { mediaType = given }
        files.append(.init(path: path, format: "file", mediaType: mediaType, kind: RecordKind.attachment.name,
                           bytes: file.bytes, sha256: file.sha256, records: nil))
        var values = record.values
        values["path"] = .text(path)
        values["bytes"] = .integer(file.bytes)
        values["sha256"] = .text(file.sha256)
        return try CanonicalRecord(kind: record.kind, metadata: record.metadata, values: values)
    }

    /// `data/files/<id>` plus the file name's extension when it is a plain one.
    static func path(for record: CanonicalRecord) -> String {
        var path = BundleLayout.filesFolder + record.id.rawValue
        if case .text(let name)? = record["fileName"], let dot = name.lastIndex(of: ".") {
            let ext = name[name.index(after: dot)...]
            if (1...12).contains(ext.count), ext.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) {
                path += "." + ext.lowercased()
            }
        }
        return path
    }

    private static func copy(_ source: String, into sink: HashingFileSink, record: CanonicalRecord) throws {
        let descriptor = open(source, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw ExportError(.attachmentUnreadable, "the file of attachment \(record.id) cannot be opened (\(SystemReason.current()))")
        }
        defer { close(descriptor) }
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count >= 0 else {
                throw ExportError(.attachmentUnreadable, "the file of attachment \(record.id) cannot be read (\(SystemReason.current()))")
            }
            if count == 0 { return }
            try buffer.withUnsafeBytes { try sink.write(UnsafeRawBufferPointer(rebasing: $0[0..<count])) }
        }
    }
}
