import PortaBundle
import PortaFormats
import PortaModel

/// Level 4: the JSON, CSV and XML files of each kind hold exactly the same records, in the
/// same order, with the same values.
///
/// Reading already gave each file a digest of its records' content; equal digests settle it.
/// Only when they differ are the files read again side by side to name the first record and
/// field that differ, so agreement costs no second read.
enum CrossFormatChecks {
    static let level = 4

    static func findings(outcomes: [RecordFileCheck.Outcome], bag: String, catalogue: RecordCatalogue,
                         extensionSchema: XMLRecordSchema?) -> [Finding] {
        var findings: [Finding] = []
        let byKind = Dictionary(grouping: outcomes, by: \.kind)
        for kind in catalogue.kinds {
            guard let files = byKind[kind] else { continue }
            guard let reference = files.first(where: { $0.format == .json }) else { continue }
            for other in files where other.format != .json {
                if let broken = [reference, other].first(where: { $0.contentDigest == nil }) {
                    findings.append(Finding(level: level, code: .notCompared, path: broken.path,
                                            message: "cannot be compared with the other formats: it could not be read (level 2)"))
                    continue
                }
                if reference.contentDigest != other.contentDigest {
                    findings.append(firstDifference(kind: kind, reference.path, other, bag: bag, extensionSchema: extensionSchema))
                }
            }
        }
        return findings
    }

    /// Reads the JSON file and the other side by side to the first record that differs.
    private static func firstDifference(kind: RecordKind, _ referencePath: String, _ other: RecordFileCheck.Outcome,
                                        bag: String, extensionSchema: XMLRecordSchema?) -> Finding {
        func finding(_ code: FindingCode, record: String? = nil, _ message: String) -> Finding {
            Finding(level: level, code: code, path: other.path, record: record, message: message)
        }
        do {
            var left = try RecordFileFormat.json.openReader(path: bag + "/" + referencePath, name: referencePath, kind: kind)
            var right = try other.format.openReader(path: bag + "/" + other.path, name: other.path, kind: kind,
                                                    extensionSchema: extensionSchema)
            var position = 0
            while true {
                let expected = try left.next(), found = try right.next()
                switch (expected, found) {
                case (nil, nil):
                    return finding(.formatDisagreement, "differs from \(referencePath), but no record does (the files changed while read)")
                case (let record?, nil):
                    return finding(.recordMissing, record: record.id.rawValue,
                                   "ends after \(position) records; \(referencePath) goes on with this record")
                case (nil, let record?):
                    return finding(.recordExtra, record: record.id.rawValue, "holds a record after the \(position) of \(referencePath)")
                case (let expected?, let found?):
                    if let field = RecordComparison.firstDifferentField(expected, found) {
                        return finding(.formatDisagreement, record: expected.id.rawValue,
                                       "record \(position) differs from \(referencePath) in field \(field)")
                    }
                }
                position += 1
            }
        } catch {
            return finding(.notCompared, "differs from \(referencePath), and reading them again failed")
        }
    }
}

/// Names the first field in which two records of a kind differ.
enum RecordComparison {
    /// The metadata key or field name where `a` and `b` first differ, in the order the formats
    /// write them, or nil when they are the same record.
    static func firstDifferentField(_ a: CanonicalRecord, _ b: CanonicalRecord) -> String? {
        for field in MetadataField.allCases where field.text(of: a.metadata) != field.text(of: b.metadata) {
            return field.rawValue
        }
        for field in a.kind.fields where a[field.name] != b[field.name] {
            return field.name
        }
        return nil
    }
}
