import Foundation
import PortaBundle
import PortaTestSupport
import PortaVerify
import Testing

/// `porta verify --bagit` gives RFC 8493's verdict on a corpus the tests make: every case of
/// ``BagItCorpus`` in every algorithm the RFC names; and level 1 keeps porta/1's own rules apart,
/// as `profile-…` findings.
@Suite struct BagItCorpusTests {
    /// Makes every case in every algorithm under `folder`; returns (bag path, case) pairs.
    static func makeCorpus(in folder: TemporaryFolder) throws -> [(path: String, bag: BagItCorpus.Case)] {
        var made: [(String, BagItCorpus.Case)] = []
        for algorithm in HashAlgorithm.allCases {
            for (index, bag) in BagItCorpus.cases.enumerated() {
                let path = folder.file("\(algorithm.name)-\(index)")
                try BagItCorpus.make(bag, algorithm: algorithm, in: path)
                made.append((path, bag))
            }
        }
        return made
    }

    @Test func theCorpusHasAtLeastAHundredBags() {
        #expect(BagItCorpus.cases.count * HashAlgorithm.allCases.count >= 100)
    }

    @Test func verifyBagItGivesTheRFCsVerdictOnEveryBag() throws {
        let folder = TemporaryFolder("porta-bagit-corpus")
        let corpus = try Self.makeCorpus(in: folder)
        let run = try ExternalProcess.porta(["verify", "--bagit"] + corpus.map(\.path))
        #expect(run.status == 1, "the corpus holds invalid bags: \(run.standardError)")
        let verdicts = Dictionary(run.standardOutput.split(separator: "\n").filter { !$0.hasPrefix(" ") }.map { line -> (String, Bool) in
            let parts = line.components(separatedBy: ": ")
            return (parts[0], parts[1].hasPrefix("valid"))
        }, uniquingKeysWith: { first, _ in first })
        for (path, bag) in corpus {
            #expect(verdicts[path] == bag.valid, "\(URL(fileURLWithPath: path).lastPathComponent) \(bag.name)")
        }
    }

    @Test func aNormalisationTwinIsAWarningNotAnError() throws {
        let folder = TemporaryFolder("porta-bagit-corpus"), path = folder.file("twins")
        let twins = try #require(BagItCorpus.valid.first { $0.name.contains("Unicode normalisation") })
        try BagItCorpus.make(twins, algorithm: .sha256, in: path)
        let verdict = BagItValidator().validate(path)
        #expect(verdict.isValid && verdict.warnings.map(\.code) == [.normalizationCollision], "\(verdict.text(bag: path))")
    }

    @Test func levelOneReportsOnlyProfileRulesOnAValidBagThatIsNoPorta1Bundle() throws {
        let folder = TemporaryFolder("porta-bagit-corpus"), path = folder.file("old")
        let old = try #require(BagItCorpus.valid.first { $0.version == "0.97" })
        try BagItCorpus.make(old, algorithm: .md5, in: path)
        let findings = try BundleVerifier(maxLevel: 1).verify(path).findings.map(\.code)
        #expect(Set(findings) == ["profile-bagit-version", "profile-tag-encoding", "profile-sha256-manifests"], "\(findings)")
    }

    @Test func aPorta1BundlePassesTheRFCAlone() async throws {
        let bundle = try await SampleBundle.make()
        let verdict = BagItValidator().validate(bundle.path)
        #expect(verdict.isValid && verdict.warnings.isEmpty, "\(verdict.text(bag: bundle.path))")
    }
}
