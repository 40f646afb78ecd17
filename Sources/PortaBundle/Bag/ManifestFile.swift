/// A BagIt manifest or tag manifest (`manifest-sha256.txt`), parsed line by line.
struct ManifestFile {
    /// One line: a checksum and the file it is for.
    struct Entry {
        let checksum: String
        /// The path as the file system names it (escapes decoded).
        let path: String
        let line: Int
    }

    /// The manifest's file name.
    let name: String
    let algorithm: HashAlgorithm
    let entries: [Entry]

    /// Parses a manifest's lines; each malformed line becomes a finding.
    static func parse(_ file: TagFile, algorithm: HashAlgorithm, payload: Bool) -> (ManifestFile, ProblemList) {
        var entries: [Entry] = []
        var findings = ProblemList()
        // By exact bytes: names only Unicode normalisation tells apart are two files to RFC 8493.
        var seen: [[UInt8]: Int] = [:]
        func bad(_ number: Int, _ code: FindingCode, _ message: String) {
            findings.append(BundleProblem(code: code, path: file.path, line: number, message: message))
        }
        for (index, line) in file.lines.enumerated() {
            let number = index + 1
            guard let split = line.firstIndex(where: { $0 == " " || $0 == "\t" }) else {
                bad(number, .badManifestLine, "line is not a checksum, white space and a path"); continue
            }
            let checksum = String(line[..<split])
            let rawPath = String(line[split...].drop { $0 == " " || $0 == "\t" })
            guard checksum.count == algorithm.hexLength, checksum.allSatisfy(\.isHexDigit) else {
                bad(number, .badManifestLine, "checksum is not \(algorithm.hexLength) hex digits of \(algorithm.name)"); continue
            }
            guard !rawPath.isEmpty else { bad(number, .badManifestLine, "line has no path"); continue }
            guard let path = BagPath.decode(rawPath) else {
                bad(number, .badManifestPath, "path has a % that is not %25, %0A or %0D"); continue
            }
            if let problem = BagPath.problem(with: path) {
                bad(number, .unsafePath, "path is not allowed in a bag: \(problem)"); continue
            }
            if payload, !path.hasPrefix("data/") {
                bad(number, .badManifestPath, "payload manifest lists a file outside data/"); continue
            }
            if !payload, path.hasPrefix("data/") {
                bad(number, .badManifestPath, "tag manifest lists a payload file"); continue
            }
            if let first = seen[Array(path.utf8)] {
                bad(number, .duplicateManifestEntry, "path is listed twice (first on line \(first))"); continue
            }
            seen[Array(path.utf8)] = number
            entries.append(Entry(checksum: checksum.lowercased(), path: path, line: number))
        }
        return (ManifestFile(name: file.path, algorithm: algorithm, entries: entries), findings)
    }
}
