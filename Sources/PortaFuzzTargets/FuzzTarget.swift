import Foundation
import PortaBundle
import PortaBytes
import PortaConnectors
import PortaFormats
import PortaModel
import PortaVerify
#if FUZZING
// The fuzz build (debug, so testable) reaches the mbox reader without a connector's task per
// input; replaying goes through the connector, which runs the same reader.
@testable import PortaConnectors
#endif

/// Every parser of outside input, as a fuzz target: each takes any bytes, and must answer
/// with a value or a thrown error, never a crash, a hang or a sanitizer report. `porta-fuzz`
/// runs one under libFuzzer (`scripts/fuzz.sh`); the test suite replays the regression inputs
/// kept in `Tests/Fixtures/fuzz/<target>/` through the same code.
public enum FuzzTarget: String, CaseIterable, Sendable {
    case json, csv, xml, mbox, vcard, zip, age, sshsig
    case allowedSigners = "allowed-signers"
    case portaManifest = "porta-manifest"
    case tagFiles = "tag-files"

    /// The target named by `PORTA_FUZZ_TARGET` (`json` when unset): the one libFuzzer runs.
    public static let selected: FuzzTarget = {
        let name = ProcessInfo.processInfo.environment["PORTA_FUZZ_TARGET"] ?? "json"
        guard let target = FuzzTarget(rawValue: name) else { fatalError("PORTA_FUZZ_TARGET names no target: \(name)") }
        return target
    }()

    /// Feeds `bytes` to the target's parser; errors are the expected answer to bad input.
    /// - Returns: how many items (values, rows, records, cards, entries, signers) the parser
    ///   read before it stopped, so a test can see the target reaches its parser.
    @discardableResult
    public func run(_ bytes: [UInt8]) -> Int {
        // One input at a time: the targets share the scratch folder's files.
        Scratch.shared.lock.withLock { parse(bytes) }
    }

    private func parse(_ bytes: [UInt8]) -> Int {
        var items = 0
        func count<T>(_ next: () throws -> T?) {
            while (try? next()) != nil { items += 1 }
        }
        switch self {
        case .json:
            var parser = StrictJSONParser(input: ByteInput(bytes: bytes, name: "fuzz.json", format: .json))
            if (try? parser.parseDocument()) != nil { items += 1 }
            var stream = StrictJSONParser(input: ByteInput(bytes: bytes, name: "fuzz.json", format: .json))
            count { try stream.nextElement() }
        case .csv:
            var parser = CSVParser(input: ByteInput(bytes: bytes, name: "fuzz.csv", format: .csv))
            count { try parser.nextRow() }
        case .xml:
            Scratch.shared.withFile("fuzz.xml", bytes) { path in
                guard let reader = try? XMLRecordReader(path: path, name: "data/xml/person.xml", kind: .person) else { return }
                count { try reader.next() }
            }
        case .mbox:
            #if FUZZING
            var splitter = MboxSplitter(input: ByteInput(bytes: bytes, name: "fuzz.mbox", format: .mbox))
            let reader = MboxUnitReader(source: Scratch.shared.source("inquiries"), referenceDate: CalendarDate.today())
            while let (message, line) = try? splitter.nextMessage() {
                items += reader.unit(MIMEEntity(bytes: message), ordinal: items + 1, line: line, subjectAddresses: []).rows.count
            }
            #else
            Scratch.shared.withFile("fuzz.mbox", bytes) { _ in items = Scratch.shared.sampleSource("inquiries") }
            #endif
        case .vcard:
            var parser = VCardParser(input: ByteInput(bytes: bytes, name: "fuzz.vcf", format: .vcard))
            count { try parser.nextCard() }
            #if !FUZZING
            Scratch.shared.withFile("fuzz.vcf", bytes) { _ in Scratch.shared.sampleSource("addressbook") }
            #endif
        case .zip:
            Scratch.shared.withFile("fuzz.zip", bytes) { path in
                Scratch.shared.withFolder { folder in
                    let limits = ZipLimits(maximumEntries: 1000, maximumTotalBytes: 16 << 20)
                    if let root = try? SafeUnzip.unpack(path, into: folder, limits: limits) {
                        items = (FileManager.default.enumerator(atPath: root)?.allObjects.count) ?? 0
                    }
                }
            }
        case .age:
            Scratch.shared.withFile("fuzz.age", bytes) { path in
                if (try? SealedFile.open(path, to: Scratch.shared.path + "/opened.zip", identities: [Scratch.shared.identity])) != nil { items = 1 }
                unlink(Scratch.shared.path + "/opened.zip")
            }
        case .sshsig:
            if (try? SSHSignature(armored: String(decoding: bytes, as: UTF8.self))) != nil { items = 1 }
        case .allowedSigners:
            items = (try? AllowedSigners(text: String(decoding: bytes, as: UTF8.self)))?.signers.count ?? 0
        case .portaManifest:
            Scratch.shared.withFolder { bag in
                _ = FileManager.default.createFile(atPath: bag + "/porta-manifest.json", contents: Data(bytes))
                items = PortaManifest.read(bag: bag).0?.files.count ?? 0
            }
        case .tagFiles:
            let bag = Scratch.shared.bag
            for name in ["bagit.txt", "bag-info.txt", "manifest-sha256.txt", "tagmanifest-sha256.txt", "fetch.txt"] {
                Scratch.shared.overwrite(bag + "/" + name, with: bytes)
            }
            for rules in [BagRules.porta, .rfc8493] {
                var reader = BagReader(bag: bag, rules: rules)
                reader.conclude(digests: [:])
                items += reader.hashJobs.count
            }
        }
        return items
    }
}
