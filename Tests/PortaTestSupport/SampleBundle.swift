import PortaVerify

/// A Porta bundle of the sample subject in a temporary folder, to break in one way per test.
public struct SampleBundle {
    public let sample: SampleController
    public let out: TemporaryFolder
    public let path: String

    /// Exports the sample subject. (A factory, not an `async init`: with Swift 6.3.1 an async
    /// initializer of this struct crashes the test process now and then.)
    public static func make() async throws -> SampleBundle {
        let sample = try SampleController()
        let out = TemporaryFolder("porta-bundle")
        let path = try await sample.export(into: out.path).bundlePath
        return SampleBundle(sample: sample, out: out, path: path)
    }

    public func file(_ relative: String) -> String { path + "/" + relative }

    public func verify() throws -> VerificationReport { try BundleVerifier(maxLevel: 1).verify(path) }

    /// Every level.
    public func verifyAll() throws -> VerificationReport { try BundleVerifier().verify(path) }

    /// The findings' codes and paths, `code path`.
    public func findings() throws -> [String] {
        try verify().findings.map { "\($0.code) \($0.path ?? "-")" }
    }
}
