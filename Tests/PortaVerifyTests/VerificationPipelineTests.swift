import Foundation
import PortaTestSupport
import PortaVerify
import Testing

/// The levels are stages a library user can run one by one on what reading hands on.
@Suite struct VerificationPipelineTests {
    @Test func theStagesRunOneByOneGiveTheVerifiersLevels() async throws {
        let bundle = try await SampleBundle.make()
        let scratch = TemporaryFolder("porta-pipeline")
        let pipeline = VerificationPipeline(options: VerifyOptions())
        let read = BundleReading(maxLevel: 5, scratch: scratch.path).read(bag: bundle.path)
        let levels = pipeline.stages.map { $0.judge(read) }
        #expect(levels == (try bundle.verifyAll().levels))
        #expect(levels.map(\.name) == ["bag", "formats", "semantics", "cross-format", "authenticity"])
    }

    @Test func oneStageAloneJudgesOnlyItsLevel() async throws {
        let bundle = try await SampleBundle.make()
        try BagFiles.flipByte(of: bundle.file("data/json/order.json"), at: 40)
        let scratch = TemporaryFolder("porta-pipeline")
        let read = BundleReading(maxLevel: 1, scratch: scratch.path).read(bag: bundle.path)
        let level = BagStage().judge(read)
        #expect(level.level == 1 && level.name == "bag")
        #expect(level.findings.map(\.code) == ["checksum-mismatch"])
    }

    @Test func thePipelineRunsOnlyTheStagesUpToTheLevelAskedFor() {
        let stages = VerificationPipeline(options: VerifyOptions(maxLevel: 3)).stages
        #expect(stages.map(\.level) == [1, 2, 3])
    }

    @Test func theLevelNamesAreTheStagesNames() {
        #expect(VerificationPipeline.levelNames == [1: "bag", 2: "formats", 3: "semantics", 4: "cross-format", 5: "authenticity"])
    }
}
