import PortaModel
import Testing

@Suite struct ExportPolicyTests {
    func metadata(_ provenance: Provenance, _ basis: LegalBasis) throws -> RecordMetadata {
        RecordMetadata(kind: .review, source: "shop", sourceKey: "1", provenance: provenance, legalBasis: basis,
                       category: try DataCategory("opinion"), collectedAt: nil)
    }

    @Test func portabilityKeepsProvidedDataUnderContract() throws {
        #expect(ExportPolicy.portability().decide(try metadata(.provided, .contract)) == .keep)
    }

    @Test func portabilityKeepsProvidedDataOnConsentByDefaultAsArticle20Covers() throws {
        #expect(ExportPolicy.portability().decide(try metadata(.provided, .consent)) == .keep)
    }

    @Test func aContractOnlyPolicyLeavesOutConsentDataWithAReason() throws {
        let decision = ExportPolicy.portability(includeConsent: false).decide(try metadata(.provided, .consent))
        #expect(decision == .exclude(.legalBasisNotCovered(.consent)))
        if case .exclude(let reason) = decision { #expect(reason.code == "legal-basis-consent-not-covered") }
    }

    @Test(arguments: [LegalBasis.legitimateInterest, .legalObligation, .vitalInterest, .publicTask])
    func portabilityLeavesOutWhatArticle20DoesNotCover(_ basis: LegalBasis) throws {
        #expect(ExportPolicy.portability().decide(try metadata(.provided, basis)) == .exclude(.legalBasisNotCovered(basis)))
    }

    @Test(arguments: [Provenance.observed, .derived, .acquired])
    func portabilityLeavesOutWhatThePersonDidNotProvide(_ provenance: Provenance) throws {
        #expect(ExportPolicy.portability().decide(try metadata(provenance, .contract)) == .exclude(.provenanceNotCovered(provenance)))
    }

    @Test func includeObservedKeepsObservedButNotAcquiredData() throws {
        let policy = ExportPolicy.portability(includeObserved: true)
        #expect(policy.decide(try metadata(.observed, .contract)) == .keep)
        #expect(policy.decide(try metadata(.acquired, .contract)) == .exclude(.provenanceNotCovered(.acquired)))
    }

    @Test func provenanceIsJudgedBeforeLegalBasis() throws {
        #expect(ExportPolicy.portability().decide(try metadata(.acquired, .legitimateInterest)) == .exclude(.provenanceNotCovered(.acquired)))
    }

    @Test(arguments: Provenance.allCases)
    func accessKeepsEverything(_ provenance: Provenance) throws {
        for basis in LegalBasis.allCases {
            #expect(ExportPolicy.access.decide(try metadata(provenance, basis)) == .keep)
        }
    }

    @Test func tallyCountsPerSourceKindAndReason() {
        var tally = ExclusionTally()
        tally.count(source: "shop", kind: .review, reason: .legalBasisNotCovered(.consent))
        tally.count(source: "shop", kind: .review, reason: .legalBasisNotCovered(.consent))
        tally.count(source: "shop", kind: .webActivity, reason: .provenanceNotCovered(.observed))
        tally.count(source: "crm", kind: .review, reason: .legalBasisNotCovered(.consent))
        #expect(tally.total == 4)
        #expect(tally.entries.map { "\($0.source)/\($0.kind.name)/\($0.records)" } == ["crm/review/1", "shop/review/2", "shop/web-activity/1"])
    }
}
