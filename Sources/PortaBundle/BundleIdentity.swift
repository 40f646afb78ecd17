import Crypto
import PortaBytes
import PortaModel

/// Derives a bundle's id from what identifies the answer to a request: the controller, the
/// request id and the creation time. Never random, so a re-run gives the same bundle.
public enum BundleIdentity {
    /// A `urn:uuid:` in UUID version 8 form over SHA-256 of the three inputs.
    public static func bundleID(controllerID: String, requestID: String, createdAt: Timestamp) -> String {
        var hasher = SHA256()
        hasher.update(data: Array("porta-bundle\0\(controllerID)\0\(requestID)\0\(createdAt)".utf8))
        var bytes = Array(hasher.finalize().prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x80
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        let hex = Hex.lowercase(bytes)
        let groups = [hex.prefix(8), hex.dropFirst(8).prefix(4), hex.dropFirst(12).prefix(4),
                      hex.dropFirst(16).prefix(4), hex.dropFirst(20)]
        return "urn:uuid:" + groups.joined(separator: "-")
    }
}
