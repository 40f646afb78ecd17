import Foundation
import PortaBundle
import PortaTestSupport
import Testing

/// `formats/findings.md` lists every finding code with its meaning, exactly as the catalogue in
/// code does.
@Suite struct FindingCodeDocumentTests {
    /// The document's table rows, as (code, meaning), in order.
    static func documentedCodes() throws -> [(code: String, meaning: String)] {
        let text = try String(contentsOfFile: Repository.path("formats/findings.md"), encoding: .utf8)
        return text.split(separator: "\n").compactMap { line in
            guard line.hasPrefix("| `") else { return nil }
            let cells = line.dropFirst(2).dropLast(2).components(separatedBy: " | ")
            guard cells.count == 2 else { return nil }
            return (String(cells[0].dropFirst().dropLast()), cells[1])
        }
    }

    @Test func theDocumentListsEveryCodeOfTheCatalogueInOrder() throws {
        #expect(try Self.documentedCodes().map(\.code) == FindingCode.allCases.map(\.rawValue))
    }

    @Test func theDocumentGivesEachCodeTheCataloguesMeaning() throws {
        for (code, meaning) in try Self.documentedCodes() {
            #expect(FindingCode(rawValue: code)?.meaning == meaning, "\(code)")
        }
    }

    @Test func everyCodeIsALowerCaseToken() {
        for code in FindingCode.allCases {
            #expect(code.rawValue.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }, "\(code)")
        }
    }
}
