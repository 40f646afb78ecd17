import PortaBundle
import PortaConnectors
import PortaFormats
import PortaModel

/// The open payload files of an export: one writer per kind and format, opened at a kind's
/// first record, closed and listed at the end, with `data/csv/datapackage.json` beside the CSVs
/// and the person's page `data/index.html`; with extension kinds, their schemas under
/// `data/schemas/`.
struct PayloadWriters {
    private let bag: BagWriter
    private let catalogue: RecordCatalogue
    /// The open files, one slot per kind in the order kinds first came.
    private var slots: [KindFiles] = []
    /// The slot of the kind written last: a source hands over its records kind by kind.
    private var lastSlot = 0
    private var page: PersonPage
    private var attachments: AttachmentFiles
    private let identities: RecordIdentityCheck
    /// Records written per kind.
    var counts: [RecordKind: Int] {
        Dictionary(uniqueKeysWithValues: slots.map { ($0.kind, $0.count) })
    }

    /// A kind's writers, one per format, and its records written so far.
    private struct KindFiles {
        let kind: RecordKind
        var writers: [any PayloadRecordWriter]
        /// The JSON file, by whose lines the index of ids names a record.
        let indexedFile: String
        var count = 0
    }

    /// - Throws: ``ExportError`` when the scratch index of ids cannot be made.
    init(bag: BagWriter, catalogue: RecordCatalogue) throws {
        self.bag = bag
        self.catalogue = catalogue
        self.page = PersonPage(catalogue: catalogue)
        self.attachments = AttachmentFiles(bag: bag)
        self.identities = try RecordIdentityCheck()
    }

    /// Writes a record, first carrying its attachment's file when it has one.
    mutating func write(_ pulled: PulledRecord) throws {
        if let content = pulled.attachment {
            try write(try attachments.carry(content, of: pulled.record))
        } else {
            try write(pulled.record)
        }
    }

    mutating func write(_ record: CanonicalRecord) throws {
        let slot = try slot(of: record.kind)
        for index in slots[slot].writers.indices {
            try slots[slot].writers[index].write(record)
        }
        try identities.add(record, file: slots[slot].indexedFile, position: slots[slot].count)
        slots[slot].count += 1
        page.add(record)
    }

    /// The slot of `kind`'s files, opened at its first record.
    private mutating func slot(of kind: RecordKind) throws -> Int {
        if lastSlot < slots.count, slots[lastSlot].kind == kind { return lastSlot }
        if let known = slots.firstIndex(where: { $0.kind == kind }) {
            lastSlot = known
            return known
        }
        let writers = try RecordFileFormat.allCases.map { format in
            try format.makeWriter(kind, sink: bag.createPayloadFile(format.path(kind)))
        }
        slots.append(KindFiles(kind: kind, writers: writers, indexedFile: RecordFileFormat.json.path(kind)))
        lastSlot = slots.count - 1
        return lastSlot
    }

    /// Finishes every file, writes the page, and returns the files as the manifest lists them,
    /// sorted by path.
    /// - Throws: ``ExportError`` `invalid-bundle` when two records share an id or a reference
    ///   has no target, before anything more is written.
    mutating func finish(page context: PersonPage.Context) throws -> [PortaManifest.File] {
        try identities.conclude()
        var files: [PortaManifest.File] = []
        var tables: [CSVTableSchema.Resource] = []
        for kind in catalogue.kinds {
            guard var kindWriters = slots.first(where: { $0.kind == kind })?.writers else { continue }
            for (format, index) in zip(RecordFileFormat.allCases, kindWriters.indices) {
                try kindWriters[index].finish()
                let path = format.path(kind)
                let file = try bag.closePayloadFile(kindWriters[index].sink, at: path)
                files.append(.init(path: path, format: format.rawValue, mediaType: format.mediaType, kind: kind.name,
                                   bytes: file.bytes, sha256: file.sha256, records: kindWriters[index].recordCount))
                if format == .csv { tables.append(.init(kind: kind, bytes: file.bytes, sha256: file.sha256)) }
            }
        }
        if !tables.isEmpty {
            files.append(try addFile(BundleLayout.dataPackage, format: "datapackage", mediaType: "application/json",
                                     contents: CSVTableSchema.dataPackage(tables).serialized()))
        }
        for schema in BundleLayout.extensionSchemas(catalogue) {
            files.append(try addFile(schema.path, format: schema.format, mediaType: schema.mediaType, contents: schema.contents))
        }
        files += attachments.files
        files.append(try addFile(BundleLayout.page, format: "html", mediaType: "text/html", contents: page.render(context)))
        return files.sorted { $0.path < $1.path }
    }

    /// Writes a whole payload file that is not a record file (the data package, the page).
    func addFile(_ path: String, format: String, mediaType: String, contents: [UInt8]) throws -> PortaManifest.File {
        let sink = try bag.createPayloadFile(path)
        try contents.withUnsafeBytes { try sink.write($0) }
        let file = try bag.closePayloadFile(sink, at: path)
        return .init(path: path, format: format, mediaType: mediaType, kind: nil, bytes: file.bytes, sha256: file.sha256, records: nil)
    }
}
