import Foundation
import PortaConnectors
import PortaModel
import PortaTestSupport
import Testing

/// The sample bundle against the text of `formats/porta-1.md`: its layout and bag-info.
@Suite struct FormatDocumentTests {
    static let document = (try? String(contentsOfFile: Repository.path("formats/porta-1.md"), encoding: .utf8)) ?? ""

    /// The paths of the layout block in section 1, `<kind>` kept as a placeholder.
    static var documentedPaths: [String] {
        let lines = document.components(separatedBy: "\n")
        guard let start = lines.firstIndex(of: "porta-<request id>/") else { return [] }
        return lines[(start + 1)...].prefix { $0 != "```" }.compactMap { $0.split(separator: " ").first.map(String.init) }
    }

    /// The labels of the bag-info table in section 1.1, in order.
    static var documentedBagInfoLabels: [String] {
        let section = document.components(separatedBy: "### 1.1 bag-info.txt")[1].components(separatedBy: "## 2.")[0]
        return section.components(separatedBy: "\n").filter { $0.hasPrefix("| `") }.map { String($0.dropFirst(3).prefix { $0 != "`" }) }
    }

    static func matches(_ path: String, _ pattern: String, kinds: [RecordKind] = RecordKind.all) -> Bool {
        if pattern == "data/files/<attachment>" {
            let name = path.dropFirst("data/files/".count)
            return path.hasPrefix("data/files/") && (try? RecordID(validating: String(name.prefix { $0 != "." })))?.prefix == "att"
        }
        guard pattern.contains("<kind>") else { return path == pattern }
        return kinds.contains { pattern.replacingOccurrences(of: "<kind>", with: $0.name) == path }
    }

    @Test(arguments: Purpose.allCases)
    func everyFileOfTheSampleBundleIsInTheDocumentedLayout(_ purpose: Purpose) async throws {
        let sample = try SampleController(), out = TemporaryFolder()
        let bundle = try await sample.export(purpose: purpose, into: out.path).bundlePath
        let patterns = Self.documentedPaths
        #expect(patterns.count >= 9)
        let files = try BagFiles.contents(of: bundle).keys.sorted()
        for file in files {
            #expect(patterns.contains { Self.matches(file, $0) }, "\(file) is not in the layout of formats/porta-1.md")
        }
        for fixed in patterns where !fixed.contains("<") && fixed != "data/csv/datapackage.json" && !fixed.hasPrefix("data/schemas/") {
            #expect(files.contains(fixed), "\(fixed) is documented as always present")
        }
    }

    @Test func everyFileOfABundleWithExtensionKindsIsInTheDocumentedLayout() async throws {
        let out = TemporaryFolder(), gym = try GymSample()
        let result = try await gym.export(into: out.path)
        let kinds = try PortaConfig.load(from: gym.configPath).catalogue.kinds
        let files = try BagFiles.contents(of: result.bundlePath).keys.sorted()
        #expect(files.contains("data/schemas/porta-1-extension.xsd") && files.contains("data/schemas/booking.schema.json"))
        for file in files {
            #expect(Self.documentedPaths.contains { Self.matches(file, $0, kinds: kinds) }, "\(file) is not in the layout of formats/porta-1.md")
        }
    }

    @Test func bagInfoHasTheDocumentedLabelsInOrder() async throws {
        let sample = try SampleController(), out = TemporaryFolder()
        let bundle = try await sample.export(into: out.path).bundlePath
        let labels = try String(contentsOfFile: bundle + "/bag-info.txt", encoding: .utf8)
            .split(separator: "\n").map { String($0.prefix { $0 != ":" }) }
        #expect(labels == Self.documentedBagInfoLabels)
    }
}
