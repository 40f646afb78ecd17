import Foundation
import PortaBundle
import PortaTestSupport

/// A corpus of BagIt bags made by the tests themselves, each named after the RFC 8493 clause
/// it tests and carrying the RFC's verdict: valid bags in every algorithm, version and line
/// ending, and invalid ones that break one rule each.
struct BagItCorpus {
    /// One bag to make: its name (the clause and what it tests), the RFC's verdict, and how it
    /// differs from a plain bag.
    struct Case: Sendable {
        let name: String
        let valid: Bool
        var version = "1.0"
        var encoding = "UTF-8"
        var lineEnding = "\n"
        var bagInfo = true
        var tagManifest = true
        var extraAlgorithm: HashAlgorithm?
        /// Changes the written bag (its folder) before it is judged.
        var change: @Sendable (String) throws -> Void = { _ in }
    }

    /// The payload of every bag.
    static let payload: [(String, String)] = [("data/hello.txt", "Hej världen\n"), ("data/sub/notes and more.txt", "two\nlines\n")]
    /// Its `Payload-Oxum`.
    static let oxum = "\(payload.reduce(0) { $0 + $1.1.utf8.count }).\(payload.count)"

    /// Writes `bag` in `algorithm` into `folder`.
    static func make(_ bag: Case, algorithm: HashAlgorithm, in folder: String) throws {
        let fm = FileManager.default
        try fm.createDirectory(atPath: folder + "/data/sub", withIntermediateDirectories: true)
        let end = bag.lineEnding
        for (path, text) in payload { try BagFiles.write(text, to: folder + "/" + path) }
        try BagFiles.write("BagIt-Version: \(bag.version)\(end)Tag-File-Character-Encoding: \(bag.encoding)\(end)", to: folder + "/bagit.txt")
        let algorithms = [algorithm] + (bag.extraAlgorithm.map { [$0] } ?? [])
        for each in algorithms {
            let lines = try payload.map { "\(try digest(folder + "/" + $0.0, each))  \($0.0)" }
            try BagFiles.write(lines.joined(separator: end) + end, to: folder + "/manifest-\(each.name).txt")
        }
        if bag.bagInfo {
            let organisation = bag.encoding == "ISO-8859-1" ? "Malmö Arkiv" : "Exempelbutiken"
            let text = "Source-Organization: \(organisation)\(end)Payload-Oxum: \(oxum)\(end)"
            if bag.encoding == "ISO-8859-1" {
                try Data(text.unicodeScalars.map { UInt8($0.value) }).write(to: URL(fileURLWithPath: folder + "/bag-info.txt"))
            } else {
                try BagFiles.write(text, to: folder + "/bag-info.txt")
            }
        }
        try bag.change(folder)
        if bag.tagManifest { try writeTagManifest(in: folder, algorithm: algorithm, lineEnding: end) }
    }

    /// A tag manifest of every top-level tag file but tag manifests.
    static func writeTagManifest(in folder: String, algorithm: HashAlgorithm, lineEnding: String = "\n") throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasSuffix(".txt") && !$0.hasPrefix("tagmanifest-") }.sorted()
        let lines = try names.map { "\(try digest(folder + "/" + $0, algorithm))  \($0)" }
        try BagFiles.write(lines.joined(separator: lineEnding) + lineEnding, to: folder + "/tagmanifest-\(algorithm.name).txt")
    }

    static func digest(_ path: String, _ algorithm: HashAlgorithm) throws -> String {
        var hasher = MultiHasher([algorithm])
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        bytes.withUnsafeBytes { hasher.update($0) }
        return hasher.finalize()[algorithm]!
    }

    /// Replaces `old` with `new` in the file at `path`.
    static func edit(_ path: String, _ old: String, _ new: String) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try BagFiles.write(text.replacingOccurrences(of: old, with: new), to: path)
    }

    /// Every case: valid bags first, then one broken rule each.
    static let cases: [Case] = valid + invalid

    static let valid: [Case] = [
        Case(name: "2.1 a complete bag with bag-info and a tag manifest", valid: true),
        Case(name: "2.1 a minimal bag: declaration, payload manifest, payload", valid: true, bagInfo: false, tagManifest: false),
        Case(name: "2.2.2 bag-info is optional", valid: true, bagInfo: false),
        Case(name: "2.2.1 a tag manifest is optional", valid: true, tagManifest: false),
        Case(name: "2.1.1 BagIt 0.97 with ISO-8859-1 tag files", valid: true, version: "0.97", encoding: "ISO-8859-1"),
        Case(name: "2 tag files may end lines with CR LF", valid: true, lineEnding: "\r\n"),
        Case(name: "2 tag files may end lines with CR", valid: true, lineEnding: "\r"),
        Case(name: "2.1.3 several payload manifests, each complete", valid: true, extraAlgorithm: .sha512),
        Case(name: "2.2.3 a fetch.txt whose files were fetched", valid: true, change: { bag in
            let line = "https://example.org/hello.txt 13 data/hello.txt\n"
            try BagFiles.write(line, to: bag + "/fetch.txt")
        }),
        Case(name: "3 names differing only in Unicode normalisation are a warning", valid: true, change: { bag in
            try BagFiles.write("nfc\n", to: bag + "/data/caf\u{E9}.txt")
            try BagFiles.write("nfd\n", to: bag + "/data/cafe\u{301}.txt")
            for name in try FileManager.default.contentsOfDirectory(atPath: bag) where name.hasPrefix("manifest-") {
                let algorithm = HashAlgorithm(rawValue: String(name.dropFirst(9).dropLast(4)))!
                let extra = try ["data/caf\u{E9}.txt", "data/cafe\u{301}.txt"].map { "\(try digest(bag + "/" + $0, algorithm))  \($0)\n" }
                try BagFiles.append(extra.joined(), to: bag + "/" + name)
            }
            try edit(bag + "/bag-info.txt", "Payload-Oxum: \(oxum)", "Payload-Oxum: \(Int(oxum.split(separator: ".")[0])! + 8).4")
        }),
    ]

    static let invalid: [Case] = [
        Case(name: "2.1.1 bagit.txt is missing", valid: false, change: { try FileManager.default.removeItem(atPath: $0 + "/bagit.txt") }),
        Case(name: "2.1.1 the version line is malformed", valid: false, change: { try edit($0 + "/bagit.txt", "BagIt-Version: 1.0", "BagIt Version 1.0") }),
        Case(name: "2.1.1 an unknown BagIt version", valid: false, change: { try edit($0 + "/bagit.txt", "BagIt-Version: 1.0", "BagIt-Version: 2.0") }),
        Case(name: "2.1.1 bagit.txt starts with a byte order mark", valid: false, change: { bag in
            let text = try Data(contentsOf: URL(fileURLWithPath: bag + "/bagit.txt"))
            try (Data([0xEF, 0xBB, 0xBF]) + text).write(to: URL(fileURLWithPath: bag + "/bagit.txt"))
        }),
        Case(name: "2.1.1 the encoding line is missing", valid: false, change: { try BagFiles.write("BagIt-Version: 1.0\n", to: $0 + "/bagit.txt") }),
        Case(name: "2.1.1 bagit.txt has a third line", valid: false, change: { try BagFiles.append("Extra: line\n", to: $0 + "/bagit.txt") }),
        Case(name: "2.1.2 the payload folder is missing", valid: false, change: { try FileManager.default.removeItem(atPath: $0 + "/data") }),
        Case(name: "2.1.3 there is no payload manifest", valid: false, change: { bag in
            for name in try FileManager.default.contentsOfDirectory(atPath: bag) where name.hasPrefix("manifest-") {
                try FileManager.default.removeItem(atPath: bag + "/" + name)
            }
        }),
        Case(name: "2.1.3 a payload file no manifest lists", valid: false, change: { try BagFiles.write("stowaway\n", to: $0 + "/data/extra.txt") }),
        Case(name: "2.1.3 a listed payload file is missing", valid: false, change: { try FileManager.default.removeItem(atPath: $0 + "/data/hello.txt") }),
        Case(name: "2.1.3 a payload file was changed", valid: false, change: { try BagFiles.write("Hej varlden!\n", to: $0 + "/data/hello.txt") }),
        Case(name: "2.1.3 a manifest line has no path", valid: false, change: { try appendToManifests($0, "0123456789abcdef\n") }),
        Case(name: "2.1.3 a manifest lists a file outside data", valid: false, change: { try appendToManifests($0, nil, path: "bagit.txt") }),
        Case(name: "2.1.3 a manifest path leaves the bag", valid: false, change: { try appendToManifests($0, nil, path: "data/../../etc/passwd") }),
        Case(name: "2.1.3 a manifest lists one file twice", valid: false, change: { try appendToManifests($0, nil, path: "data/hello.txt") }),
        Case(name: "2.1.3 a checksum of the wrong length", valid: false, change: { try appendToManifests($0, "abc  data/hello.txt\n") }),
        Case(name: "2.1.3 one of several payload manifests is incomplete", valid: false, extraAlgorithm: .md5, change: { bag in
            try edit(bag + "/manifest-md5.txt", "data/hello.txt", "data/other.txt")
        }),
        Case(name: "2.2.1 a tag manifest that does not list the payload manifest", valid: false, tagManifest: false, change: { bag in
            let name = try FileManager.default.contentsOfDirectory(atPath: bag).first { $0.hasPrefix("manifest-") }!
            let algorithm = HashAlgorithm(rawValue: String(name.dropFirst(9).dropLast(4)))!
            try BagFiles.write("\(try digest(bag + "/bagit.txt", algorithm))  bagit.txt\n", to: bag + "/tagmanifest-\(algorithm.name).txt")
        }),
        Case(name: "2.2.1 a tag manifest that lists a tag manifest", valid: false, tagManifest: false, change: { bag in
            let name = try FileManager.default.contentsOfDirectory(atPath: bag).first { $0.hasPrefix("manifest-") }!
            let algorithm = HashAlgorithm(rawValue: String(name.dropFirst(9).dropLast(4)))!
            let other: HashAlgorithm = algorithm == .md5 ? .sha1 : .md5
            try writeTagManifest(in: bag, algorithm: other)
            try writeTagManifest(in: bag, algorithm: algorithm)
            try BagFiles.append("\(try digest(bag + "/tagmanifest-\(other.name).txt", algorithm))  tagmanifest-\(other.name).txt\n",
                                to: bag + "/tagmanifest-\(algorithm.name).txt")
        }),
        Case(name: "2.2.1 a tag file changed after the tag manifest", valid: false, tagManifest: false, change: { bag in
            let name = try FileManager.default.contentsOfDirectory(atPath: bag).first { $0.hasPrefix("manifest-") }!
            try writeTagManifest(in: bag, algorithm: HashAlgorithm(rawValue: String(name.dropFirst(9).dropLast(4)))!)
            try BagFiles.append("Contact-Name: Someone Else\n", to: bag + "/bag-info.txt")
        }),
        Case(name: "2.2.1 a tag manifest lists a tag file that is missing", valid: false, tagManifest: false, change: { bag in
            try BagFiles.write("x\n", to: bag + "/gone.txt")
            let name = try FileManager.default.contentsOfDirectory(atPath: bag).first { $0.hasPrefix("manifest-") }!
            try writeTagManifest(in: bag, algorithm: HashAlgorithm(rawValue: String(name.dropFirst(9).dropLast(4)))!)
            try FileManager.default.removeItem(atPath: bag + "/gone.txt")
        }),
        Case(name: "2.2.2 Payload-Oxum does not match the payload", valid: false, change: { try edit($0 + "/bag-info.txt", "Payload-Oxum: \(oxum)", "Payload-Oxum: 1\(oxum)") }),
        Case(name: "2.2.2 Payload-Oxum is not OCTETS.COUNT", valid: false, change: { try edit($0 + "/bag-info.txt", "Payload-Oxum: \(oxum)", "Payload-Oxum: many") }),
        Case(name: "2.2.2 a bag-info line is not Label: value", valid: false, change: { try BagFiles.append("no colon here\n", to: $0 + "/bag-info.txt") }),
        Case(name: "2.2.2 bag-info starts with a byte order mark", valid: false, change: { bag in
            let text = try Data(contentsOf: URL(fileURLWithPath: bag + "/bag-info.txt"))
            try (Data([0xEF, 0xBB, 0xBF]) + text).write(to: URL(fileURLWithPath: bag + "/bag-info.txt"))
        }),
        Case(name: "2.2.3 a fetch.txt target outside the bag", valid: false, change: { try BagFiles.write("https://example.org/x 5 /etc/passwd\n", to: $0 + "/fetch.txt") }),
        Case(name: "2.2.3 a fetch.txt URL without a scheme", valid: false, change: { try BagFiles.write("example.org/hello.txt 13 data/hello.txt\n", to: $0 + "/fetch.txt") }),
        Case(name: "2.2.3 a fetch.txt file no manifest lists", valid: false, change: { try BagFiles.write("https://example.org/y - data/hello.txt.bak\n", to: $0 + "/fetch.txt") }),
        Case(name: "2.2.3 a fetch.txt naming a tag file", valid: false, change: { try BagFiles.write("https://example.org/b 10 bag-info.txt\n", to: $0 + "/fetch.txt") }),
        Case(name: "2.2.3 a fetch.txt length that is not a number", valid: false, change: { try BagFiles.write("https://example.org/h ten data/hello.txt\n", to: $0 + "/fetch.txt") }),
        Case(name: "3 a bag whose fetch.txt files were not fetched is incomplete", valid: false, change: { bag in
            try BagFiles.write("https://example.org/hello.txt 13 data/hello.txt\n", to: bag + "/fetch.txt")
            try FileManager.default.removeItem(atPath: bag + "/data/hello.txt")
            try edit(bag + "/bag-info.txt", "Payload-Oxum: \(oxum)", "Payload-Oxum: \(Int(oxum.split(separator: ".")[0])! - 13).1")
        }),
    ]

    /// Appends `line` to every payload manifest, or a correct line for `path` when `line` is nil.
    static func appendToManifests(_ bag: String, _ line: String?, path: String = "") throws {
        for name in try FileManager.default.contentsOfDirectory(atPath: bag) where name.hasPrefix("manifest-") {
            let algorithm = HashAlgorithm(rawValue: String(name.dropFirst(9).dropLast(4)))!
            let checksum = String(repeating: "0", count: try digest(bag + "/bagit.txt", algorithm).count)
            try BagFiles.append(line ?? "\(checksum)  \(path)\n", to: bag + "/" + name)
        }
    }
}
