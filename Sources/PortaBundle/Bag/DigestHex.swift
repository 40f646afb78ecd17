import Crypto
import PortaBytes

extension Digest {
    /// The digest as lower-case hex digits, as BagIt manifests write it.
    public var hex: String { Hex.lowercase(self) }
}
