import Foundation
import PortaBundle

/// Checks a bundle someone else wrote, level by level, and reports every finding.
///
/// The levels: 1 bag (RFC 8493 and the bag rules of `porta/1`), 2 formats (every record file
/// read strictly against the schemas built into Porta, the data package, the page, the
/// manifest), 3 semantics (counts, ids, references, policy, identity), 4 cross-format (JSON,
/// CSV and XML hold the same records), 5 authenticity (the SSH signature, when present or
/// required). A bundle is a folder, a zip of one, or a zip sealed with age (opened with
/// ``VerifyOptions/identities``); a zip is unpacked
/// safely into a scratch folder first (see ``ZipLimits``). The verifier only reads the bundle;
/// it follows no symlink and trusts nothing in the bundle to tell it how to check the bundle.
///
/// ```swift
/// let report = try BundleVerifier().verify("out/porta-req-1")
/// print(report.text)
/// ```
public struct BundleVerifier: Sendable {

    public let options: VerifyOptions

    /// A verifier running levels 1 through `maxLevel`.
    public init(maxLevel: Int) {
        self.init(options: VerifyOptions(maxLevel: maxLevel))
    }

    public init(options: VerifyOptions = VerifyOptions()) {
        self.options = options
    }

    /// Verifies the bundle folder, zip or sealed zip at `path`.
    /// - Throws: ``VerifyError`` when verification cannot run (no such file, unreadable, no
    ///   room for scratch files, no identity opens a sealed file). A bundle that is there but
    ///   wrong gives findings instead.
    public func verify(_ path: String) throws(VerifyError) -> VerificationReport {
        let verified = try verifyKeepingBag(path)
        verified.scratch.remove()
        return verified.report
    }

    /// A verified bundle whose bag (unpacked, when it came zipped or sealed) is kept in its
    /// scratch folder until the caller removes it: what import and signing act on, so that
    /// they act on exactly what was verified.
    public struct VerifiedBag: Sendable {
        public let report: VerificationReport
        /// The bag folder, unless the input was refused before it could be read.
        public let bag: String?
        /// The manifest as verification read it, when it could.
        public let manifest: PortaManifest?
        /// Where an unpacked bag lives; `scratch.remove()` when done with it.
        public let scratch: ScratchFolder

        /// What the register needs to know of the bundle, when its manifest and tag manifest were read.
        public var facts: BundleFacts? {
            guard let bag, let manifest, let digest = BagDigest.of(bagAt: bag) else { return nil }
            return BundleFacts(manifest: manifest, digest: digest)
        }
    }

    /// Verifies like ``verify(_:)`` and keeps the bag for the caller to act on.
    /// - Throws: ``VerifyError`` as ``verify(_:)`` does.
    /// - Parameter snapshot: whether a bundle folder is copied into the scratch folder before it
    ///   is verified, and the copy kept, so that nothing that changes the folder meanwhile can
    ///   reach what the caller acts on (import does; signing, which writes into the folder,
    ///   does not). A zip is always unpacked into the scratch folder.
    /// - Parameter highestLevel: given the digest of the opened bag (nil when its tag manifest
    ///   cannot be read), the highest level to run, at most the options' own. Import runs
    ///   level 1 alone for a bundle its store already took: the bag then proves to be the very
    ///   bytes that passed every level before.
    public func verifyKeepingBag(_ path: String, snapshot: Bool = false,
                                 highestLevel: ((String?) -> Int)? = nil) throws(VerifyError) -> VerifiedBag {
        let scratch = try ScratchFolder(verifying: path, in: options.scratchFolder)
        let opened: BundleInput.Opened
        do { opened = try BundleInput.open(path, options: options, scratch: scratch.path, snapshot: snapshot) } catch {
            scratch.remove()
            throw error
        }
        switch opened {
        case .refused(let finding, let reason):
            let levels = VerificationPipeline(options: options).refused(finding, because: reason)
            return VerifiedBag(report: VerificationReport(bundle: path, levels: levels), bag: nil, manifest: nil, scratch: scratch)
        case .bag(let bag):
            var options = self.options
            if let highestLevel { options.maxLevel = min(options.maxLevel, highestLevel(BagDigest.of(bagAt: bag))) }
            let result = VerificationPipeline(options: options).run(bag: bag, scratch: scratch.path)
            return VerifiedBag(report: VerificationReport(bundle: path, levels: result.levels), bag: bag, manifest: result.manifest,
                               scratch: scratch)
        }
    }
}

extension ScratchFolder {
    /// A scratch folder for verifying `bundle`, its failure named as the bundle's.
    init(verifying bundle: String, in parent: String?) throws(VerifyError) {
        do { try self.init(in: parent, prefix: "porta-verify") } catch {
            throw VerifyError(.scratch, path: bundle, message: "cannot make a scratch folder in \(parent ?? NSTemporaryDirectory())")
        }
    }
}
