import Crypto

extension Digest {
    /// The digest as lower-case hex digits, as BagIt manifests write it.
    public var hex: String {
        var text = ""
        text.reserveCapacity(Self.byteCount * 2)
        let digits = Array("0123456789abcdef")
        for byte in self {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return text
    }
}
