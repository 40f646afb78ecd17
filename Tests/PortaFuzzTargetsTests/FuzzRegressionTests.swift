import Foundation
import PortaFuzzTargets
import PortaTestSupport
import Testing

/// Every fuzz target reaches its parser, and every input fuzzing found, kept in
/// `Tests/Fixtures/fuzz/<target>/`, is answered without a crash (a crash ends this process).
@Suite struct FuzzRegressionTests {
    /// A file's bytes.
    static func bytes(_ path: String) throws -> [UInt8] { [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))) }

    /// Runs `target` on `inputs` on a thread of its own, as libFuzzer does: the mbox and vCard
    /// targets wait for their connector's task, which must not block the tests' shared threads.
    static func run(_ target: FuzzTarget, _ inputs: [[UInt8]]) async -> [Int] {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: inputs.map { target.run($0) }) }.start()
        }
    }

    @Test(arguments: [(FuzzTarget.json, "Tests/Fixtures/json-test-suite/test_parsing/y_object_basic.json"),
                      (.csv, "Tests/Fixtures/csv-spectrum/csvs/simple.csv"),
                      (.mbox, "samples/retailer/inquiries.mbox"),
                      (.vcard, "samples/retailer/addressbook.vcf")])
    func aTargetReachesItsParserOnAGoodInput(_ example: (target: FuzzTarget, file: String)) async throws {
        let path = Repository.path(example.file)
        guard FileManager.default.fileExists(atPath: path) else { Issue.record("no seed \(example.file)"); return }
        #expect(await Self.run(example.target, [try Self.bytes(path)]) != [0], "\(example.target)")
    }

    @Test func theSignersTargetReadsAnAllowedSignersLine() {
        let line = "exempelbutiken ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGb4Dm2dtIUdfLsnZkU4wbBuK8pyo5ZQJ5sZJbV1YSfA\n"
        #expect(FuzzTarget.allowedSigners.run(Array(line.utf8)) == 1)
    }

    @Test(arguments: FuzzTarget.allCases)
    func everyInputFuzzingFoundIsAnsweredWithoutACrash(_ target: FuzzTarget) async throws {
        let folder = Repository.path("Tests/Fixtures/fuzz/\(target.rawValue)")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        _ = await Self.run(target, try names.sorted().map { try Self.bytes(folder + "/" + $0) })
    }

    @Test(arguments: FuzzTarget.allCases)
    func emptyAndTruncatedInputsAreAnsweredWithoutACrash(_ target: FuzzTarget) async {
        let inputs: [[UInt8]] = [[], [0], [0xFF, 0xFE], Array("{\"a\":[1,2".utf8), Array("PK\u{3}\u{4}".utf8),
                                 Array("age-encryption.org/v1\n-> X25519".utf8)]
        _ = await Self.run(target, inputs)
    }
}
