import Foundation
import PortaBytes

/// How a `porta/1` bundle is signed: `porta-signature.sig`, an SSHSIG in the namespace
/// `porta-bundle` over `tagmanifest-sha256.txt`. The tag manifest pins every other file's
/// digest, so the one signature covers the whole bag; the signature file itself is a tag file
/// outside the tag manifest. `ssh-keygen -Y verify -n porta-bundle` checks it as well as Porta.
public enum BundleSignature {
    public static let namespace = "porta-bundle"

    /// Signs the bag folder at `bag` with `key`, replacing an earlier signature, and returns it.
    /// - Throws: ``BundleError`` when the bag has no tag manifest or the signature cannot be written.
    @discardableResult
    public static func sign(bagAt bag: String, with key: SSHSigningKey) throws -> SSHSignature {
        let signed = bag + "/" + BundleLayout.tagManifest
        var info = stat()
        guard lstat(signed, &info) == 0, info.st_mode & S_IFMT == S_IFREG, let bytes = FileManager.default.contents(atPath: signed) else {
            throw BundleError(.io, "the bag has no \(BundleLayout.tagManifest) to sign", path: bag)
        }
        let signature = try SSHSignature(signing: [UInt8](bytes), namespace: namespace, with: key)
        try WholeFile.write(Array(signature.armored.utf8), to: bag + "/" + BundleLayout.signature)
        return signature
    }
}
