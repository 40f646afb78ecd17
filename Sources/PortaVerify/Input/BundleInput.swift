import Foundation
import PortaBundle

/// A bundle as it arrives (a bag folder, a zip of one, or a zip sealed with age) made into a
/// bag folder that can be read: a zip is unpacked safely into the scratch folder, a sealed
/// file is opened there first with the receiver's identities.
enum BundleInput {
    /// The bag folder, or why the input was refused (a finding of level 1).
    enum Opened {
        case bag(String)
        case refused(Finding, because: String)
    }

    /// - Parameter snapshot: whether a folder is copied into the scratch folder first, so that
    ///   what is verified cannot change before it is acted on (see ``FolderSnapshot``).
    /// - Throws: ``VerifyError`` when the input cannot be read at all, or no identity opens it.
    static func open(_ path: String, options: VerifyOptions, scratch: String, snapshot: Bool = false) throws(VerifyError) -> Opened {
        var info = stat()
        guard stat(path, &info) == 0 else { throw VerifyError(.unreadable, path: path, message: "no such bundle") }
        let isFolder = info.st_mode & S_IFMT == S_IFDIR
        guard isFolder || info.st_mode & S_IFMT == S_IFREG else {
            throw VerifyError(.unreadable, path: path, message: "not a bundle folder or zip")
        }
        guard access(path, isFolder ? R_OK | X_OK : R_OK) == 0 else {
            throw VerifyError(.unreadable, path: path, message: "bundle cannot be read")
        }
        if isFolder {
            guard snapshot else { return .bag(path) }
            do {
                try FolderSnapshot.copy(path, to: scratch + "/copied")
                return .bag(scratch + "/copied")
            } catch {
                switch error {
                case .refused(let finding): return .refused(finding, because: "the folder holds what a bundle must not (level 1)")
                case .system(let reason): throw VerifyError(.scratch, path: path, message: reason)
                }
            }
        }
        var zip = path
        if SealedFile.looksSealed(path) {
            guard !options.identities.isEmpty else {
                throw VerifyError(.notOpened, path: path, message: "the bundle is sealed: give the age identity that opens it (--identity)")
            }
            zip = scratch + "/opened.zip"
            do { try SealedFile.open(path, to: zip, identities: options.identities) } catch let error as BundleError {
                guard error.code == .damaged else { throw VerifyError(.notOpened, path: path, message: error.message, cause: error) }
                return .refused(Finding(level: 1, code: .sealedDamaged, message: error.message),
                                because: "the sealed file does not open (level 1)")
            } catch {
                throw VerifyError(.notOpened, path: path, message: "the sealed file cannot be opened", cause: error)
            }
        } else if !SafeUnzip.looksLikeZip(path) {
            throw VerifyError(.unreadable, path: path, message: "not a bundle folder, zip or sealed zip")
        }
        let folder = scratch + "/unzipped"
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: false,
                                                    attributes: [.posixPermissions: 0o700])
            return .bag(try SafeUnzip.unpack(zip, into: folder, limits: options.zipLimits))
        } catch let refusal as SafeUnzip.Refusal {
            return .refused(Finding(level: 1, code: refusal.code, path: refusal.path, message: refusal.message),
                            because: "the zip was refused (level 1)")
        } catch {
            throw VerifyError(.scratch, path: path, message: "no room to unpack the zip in the scratch folder")
        }
    }
}
