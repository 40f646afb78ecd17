import Foundation

extension BagFiles {
    /// Makes a bag whose payload was edited consistent again at the bag level, the way a
    /// careless or hostile sender would: new `manifest-sha256.txt`, `Payload-Oxum`, file sizes
    /// and digests in `porta-manifest.json`, and `tagmanifest-sha256.txt`. Level 1 then
    /// passes, so a test sees the deeper level's finding alone.
    public static func reseal(_ bag: String) throws {
        try resealDataPackage(bag)
        var files: [(path: String, bytes: [UInt8])] = []
        let walker = FileManager.default.enumerator(atPath: bag + "/data")
        while let relative = walker?.nextObject() as? String {
            var isFolder: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: bag + "/data/" + relative, isDirectory: &isFolder)
            if !isFolder.boolValue {
                files.append(("data/" + relative, [UInt8](try Data(contentsOf: URL(fileURLWithPath: bag + "/data/" + relative)))))
            }
        }
        files.sort { Array($0.path.utf8).lexicographicallyPrecedes(Array($1.path.utf8)) }
        let digests = Dictionary(uniqueKeysWithValues: files.map { ($0.path, (SHA256Hex.of($0.bytes), $0.bytes.count)) })
        try files.map { "\(digests[$0.path]!.0)  \($0.path)\n" }.joined().write(toFile: bag + "/manifest-sha256.txt", atomically: false, encoding: .utf8)
        try setPayloadOxum("\(files.reduce(0) { $0 + $1.bytes.count }).\(files.count)", inBag: bag)

        let manifestPath = bag + "/porta-manifest.json"
        var lines = try String(contentsOfFile: manifestPath, encoding: .utf8).components(separatedBy: "\n")
        var current: String?
        for index in lines.indices {
            let line = lines[index]
            if line.hasPrefix("      \"path\": \"") { current = String(line.dropFirst(15).prefix { $0 != "\"" }) }
            guard let path = current, let (sha256, size) = digests[path] else { continue }
            if line.hasPrefix("      \"bytes\": ") { lines[index] = "      \"bytes\": \(size)," }
            if line.hasPrefix("      \"sha256\": ") { lines[index] = "      \"sha256\": \"\(sha256)\"" + (line.hasSuffix(",") ? "," : "") }
        }
        try lines.joined(separator: "\n").write(toFile: manifestPath, atomically: false, encoding: .utf8)

        var tags = ""
        for name in ["bag-info.txt", "bagit.txt", "manifest-sha256.txt", "porta-manifest.json"] {
            let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: bag + "/" + name)))
            tags += "\(SHA256Hex.of(bytes))  \(name)\n"
        }
        try tags.write(toFile: bag + "/tagmanifest-sha256.txt", atomically: false, encoding: .utf8)
    }

    /// Puts the CSV files' true sizes and digests into `data/csv/datapackage.json`.
    private static func resealDataPackage(_ bag: String) throws {
        let path = bag + "/data/csv/datapackage.json"
        guard FileManager.default.fileExists(atPath: path) else { return }
        var lines = try lines(of: path)
        var current: [UInt8]?
        for index in lines.indices {
            let line = lines[index]
            if line.hasPrefix("      \"path\": \"") {
                let name = String(line.dropFirst(15).prefix { $0 != "\"" })
                current = [UInt8](try Data(contentsOf: URL(fileURLWithPath: bag + "/data/csv/" + name)))
            }
            guard let bytes = current else { continue }
            if line.hasPrefix("      \"bytes\": ") { lines[index] = "      \"bytes\": \(bytes.count)," }
            if line.hasPrefix("      \"hash\": ") { lines[index] = "      \"hash\": \"sha256:\(SHA256Hex.of(bytes))\"," }
        }
        try write(lines: lines, to: path)
    }

    /// The lines of a text file split at LF only (a CR before it stays on the line), so that
    /// joining them with LF gives the file back.
    public static func lines(of path: String) throws -> [String] {
        try String(contentsOfFile: path, encoding: .utf8).unicodeScalars
            .split(separator: "\n", omittingEmptySubsequences: false).map { String(String.UnicodeScalarView($0)) }
    }

    /// Writes lines joined with LF.
    public static func write(lines: [String], to path: String) throws {
        try lines.joined(separator: "\n").write(toFile: path, atomically: false, encoding: .utf8)
    }

    /// Rewrites one line of a text file (1-based).
    public static func editLine(_ number: Int, of path: String, _ edit: (String) -> String) throws {
        var lines = try lines(of: path)
        lines[number - 1] = edit(lines[number - 1])
        try write(lines: lines, to: path)
    }
}
