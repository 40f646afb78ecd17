import Foundation
import PortaBundle

/// Checks a bundle someone else wrote, level by level, and reports every finding.
///
/// The levels: 1 bag (RFC 8493 and the bag rules of `porta/1`), 2 formats (every record file
/// read strictly against the schemas built into Porta, the data package, the page, the
/// manifest), 3 semantics (counts, ids, references, policy, identity), 4 cross-format (JSON,
/// CSV and XML hold the same records), 5 authenticity (the SSH signature, when present or
/// required). A bundle is a folder or a zip of one; a zip is unpacked
/// safely into a scratch folder first (see ``ZipLimits``). The verifier only reads the bundle;
/// it follows no symlink and trusts nothing in the bundle to tell it how to check the bundle.
///
/// ```swift
/// let report = try BundleVerifier().verify("out/porta-req-1")
/// print(report.text)
/// ```
public struct BundleVerifier: Sendable {
    /// The names of the levels, by number.
    public static let levelNames = [1: "bag", 2: "formats", 3: "semantics", 4: "cross-format", 5: "authenticity"]
    /// The BagIt profile a `porta/1` bag names in `bag-info.txt`.
    public static let bagItProfileIdentifier = "urn:porta:1:bagit-profile"

    public let options: VerifyOptions

    /// A verifier running levels 1 through `maxLevel`.
    public init(maxLevel: Int) {
        self.init(options: VerifyOptions(maxLevel: maxLevel))
    }

    public init(options: VerifyOptions = VerifyOptions()) {
        self.options = options
    }

    /// Verifies the bundle folder or zip at `path`.
    /// - Throws: ``VerifyError`` when verification cannot run (no such file, unreadable, no
    ///   room for scratch files). A bundle that is there but wrong gives findings instead.
    public func verify(_ path: String) throws(VerifyError) -> VerificationReport {
        var info = stat()
        guard stat(path, &info) == 0 else { throw VerifyError(path: path, message: "no such bundle") }
        let isFolder = info.st_mode & S_IFMT == S_IFDIR
        guard isFolder || info.st_mode & S_IFMT == S_IFREG else {
            throw VerifyError(path: path, message: "not a bundle folder or zip")
        }
        guard access(path, isFolder ? R_OK | X_OK : R_OK) == 0 else {
            throw VerifyError(path: path, message: "bundle cannot be read")
        }
        guard isFolder || SafeUnzip.looksLikeZip(path) else {
            throw VerifyError(path: path, message: "not a bundle folder or zip (sealed bundles are opened with porta open)")
        }
        let scratch = try ScratchFolder(verifying: path, in: options.scratchFolder)
        defer { scratch.remove() }
        var bag = path
        if !isFolder {
            do {
                try FileManager.default.createDirectory(atPath: scratch.path + "/unzipped", withIntermediateDirectories: false,
                                                        attributes: [.posixPermissions: 0o700])
                bag = try SafeUnzip.unpack(path, into: scratch.path + "/unzipped", limits: options.zipLimits)
            } catch let refusal as SafeUnzip.Refusal {
                let levels = [VerificationReport.Level(level: 1, name: Self.levelNames[1]!, findings: [Finding(level: 1, code: refusal.code, path: refusal.path, message: refusal.message)])]
                    + VerificationReport.Level.skipped(from: 2, through: options.maxLevel, because: "the zip was refused (level 1)")
                return VerificationReport(bundle: path, levels: levels)
            } catch {
                throw VerifyError(path: path, message: "no room to unpack the zip in the scratch folder")
            }
        }
        let run = VerificationRun(bag: bag, options: options, scratch: scratch.path)
        return VerificationReport(bundle: path, levels: run.levels())
    }
}

extension ScratchFolder {
    /// A scratch folder for verifying `bundle`, its failure named as the bundle's.
    init(verifying bundle: String, in parent: String?) throws(VerifyError) {
        do { try self.init(in: parent, prefix: "porta-verify") } catch {
            throw VerifyError(path: bundle, message: "cannot make a scratch folder in \(parent ?? NSTemporaryDirectory())")
        }
    }
}
