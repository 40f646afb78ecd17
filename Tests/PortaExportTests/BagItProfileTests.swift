import Foundation
import PortaBundle
import PortaExport
import PortaModel
import PortaTestSupport
import Testing

/// The sample bundle against `formats/bagit-profile.json`, the BagIt Profile of `porta/1`:
/// judged by bagit-profiles-validator, and for the 1.4 rules that tool does not check
/// (`Payload-Files-Required`, `Tag-Files-Allowed`), by this test itself.
@Suite struct BagItProfileTests {
    static let profilePath = Repository.path("formats/bagit-profile.json")

    func profile() async throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: Self.profilePath))) as? [String: Any])
    }

    @Test(arguments: Purpose.allCases)
    func theSampleBundleValidatesAgainstTheProfile(_ purpose: Purpose) async throws {
        let sample = try SampleController(), out = TemporaryFolder()
        let bundle = try await sample.export(purpose: purpose, into: out.path).bundlePath
        let verdict = try PeerTool.bagitProfileValidate(Self.profilePath, identifier: BundleLayout.bagItProfileIdentifier, bundle)
        #expect(verdict.status == 0, "\(verdict.combined)")
    }

    @Test func theProfileNamesTheIdentifierTheExporterWrites() async throws {
        let info = try await #require(try profile()["BagIt-Profile-Info"] as? [String: Any])
        #expect(info["BagIt-Profile-Identifier"] as? String == BundleLayout.bagItProfileIdentifier)
    }

    @Test func theSampleBundleHasTheRequiredPayloadAndOnlyAllowedTagFiles() async throws {
        let sample = try SampleController(), out = TemporaryFolder()
        let bundle = try await sample.export(into: out.path).bundlePath
        let files = try BagFiles.contents(of: bundle).keys
        let profile = try await profile()
        for required in try #require(profile["Payload-Files-Required"] as? [String]) {
            #expect(files.contains(required), "\(required) is required")
        }
        let allowed = try #require(profile["Tag-Files-Allowed"] as? [String])
        for tagFile in files where !tagFile.hasPrefix("data/") {
            #expect(allowed.contains { pattern in Self.matches(tagFile, pattern) }, "\(tagFile) is not an allowed tag file")
        }
    }

    @Test func aBundleWithoutTheProfileIdentifierFails() async throws {
        let sample = try SampleController(), out = TemporaryFolder()
        let bundle = try await sample.export(into: out.path).bundlePath
        try BagFiles.replace("BagIt-Profile-Identifier", with: "X-Profile", in: bundle + "/bag-info.txt")
        let verdict = try PeerTool.bagitProfileValidate(Self.profilePath, identifier: BundleLayout.bagItProfileIdentifier, bundle)
        #expect(verdict.status != 0)
    }

    /// A profile's file pattern: `*` stands for any run of characters within a name.
    static func matches(_ name: String, _ pattern: String) -> Bool {
        let parts = pattern.components(separatedBy: "*")
        guard parts.count == 2 else { return name == pattern }
        return name.hasPrefix(parts[0]) && name.hasSuffix(parts[1]) && !name.dropFirst(parts[0].count).contains("/")
    }
}
