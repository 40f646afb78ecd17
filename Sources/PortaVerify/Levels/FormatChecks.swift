import PortaBundle
import PortaFormats
import PortaModel

/// Level 2 beyond the record files: the CSV data package is exactly the one `porta/1`
/// defines for the CSV files present (the pinned table schemas, their sizes and digests), and
/// the page is UTF-8 and forbids loading anything.
enum FormatChecks {
    static func findings(payload: PayloadFacts, bag: String) -> [Finding] {
        var findings: [Finding] = []
        let csvKinds = payload.files.compactMap { path -> (RecordKind, String)? in
            guard case .records(let kind, .csv) = PayloadRole(path: path, catalogue: payload.catalogue) else { return nil }
            return (kind, path)
        }
        let hasDataPackage = payload.files.contains(BundleLayout.dataPackage)
        if !csvKinds.isEmpty || hasDataPackage {
            findings += dataPackage(csvKinds: csvKinds, payload: payload, bag: bag)
        }
        if payload.files.contains(BundleLayout.page) {
            findings += page(bag: bag)
        }
        return findings + extensionSchemas(payload.catalogue, bag: bag)
    }

    /// Each schema the bundle carries for its extension kinds is, byte for byte, the one made
    /// from their declaration: the verifier reads records against what it makes itself, and
    /// a receiver's own validators against what the bundle carries, so the two must agree.
    private static func extensionSchemas(_ catalogue: RecordCatalogue, bag: String) -> [Finding] {
        BundleLayout.extensionSchemas(catalogue).compactMap { schema in
            switch TagFile.readBytes(schema.path, in: bag, maximumSize: 16 << 20) {
            case .failure(let problem):
                return Finding(level: 2, code: .extensionSchemaMismatch, path: schema.path,
                               message: "the schema of the declared extension kinds \(problem.message)")
            case .success(let bytes) where bytes != schema.contents:
                return Finding(level: 2, code: .extensionSchemaMismatch, path: schema.path,
                               message: "is not the schema Porta makes from the extension kinds porta-manifest.json declares")
            case .success:
                return nil
            }
        }
    }

    private static func dataPackage(csvKinds: [(RecordKind, String)], payload: PayloadFacts, bag: String) -> [Finding] {
        let path = BundleLayout.dataPackage
        let order = Dictionary(uniqueKeysWithValues: payload.catalogue.kinds.enumerated().map { ($1, $0) })
        var resources: [CSVTableSchema.Resource] = []
        for (kind, file) in csvKinds.sorted(by: { order[$0.0]! < order[$1.0]! }) {
            guard let bytes = payload.sizes[file], let sha256 = payload.sha256[file] else { return [] }
            resources.append(.init(kind: kind, bytes: bytes, sha256: sha256))
        }
        let expected = CSVTableSchema.dataPackage(resources).serialized()
        switch TagFile.readBytes(path, in: bag, maximumSize: 64 << 20) {
        case .failure(let problem):
            return [Finding(level: 2, code: problem == .missing ? .missingDataPackage : .unreadable, path: path,
                            message: "the CSV files' data package \(problem.message)")]
        case .success(let bytes) where bytes != expected:
            return [Finding(level: 2, code: .dataPackageMismatch, path: path,
                            message: "is not the data package porta/1 defines for the CSV files present (their pinned table schemas, sizes and digests)")]
        case .success:
            return []
        }
    }

    private static func page(bag: String) -> [Finding] {
        let path = BundleLayout.page
        guard case .success(let bytes) = TagFile.readBytes(path, in: bag, maximumSize: 256 << 20) else {
            return [Finding(level: 2, code: .unreadable, path: path, message: "the page cannot be read")]
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return [Finding(level: 2, code: .badHTML, path: path, message: "the page is not valid UTF-8")]
        }
        var findings: [Finding] = []
        if !text.hasPrefix("<!DOCTYPE html>") {
            findings.append(Finding(level: 2, code: .pageNotSealed, path: path, message: "the page does not start with <!DOCTYPE html>"))
        }
        for problem in PageSafety.problems(bytes) {
            let code: FindingCode = problem.contains("Content-Security-Policy") ? .pageNotSealed : .pageActiveContent
            findings.append(Finding(level: 2, code: code, path: path, message: problem))
        }
        return findings
    }
}
