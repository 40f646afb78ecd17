import Crypto

/// A checksum algorithm a BagIt manifest may use (RFC 8493 §2.4), by its manifest name.
public enum HashAlgorithm: String, CaseIterable, Sendable {
    case sha256
    case sha512
    case sha1
    case md5

    public var name: String { rawValue }

    var hexLength: Int {
        switch self {
        case .sha256: 64
        case .sha512: 128
        case .sha1: 40
        case .md5: 32
        }
    }
}

/// Hashes one stream with several algorithms at once, so each file is read once.
public struct MultiHasher {
    private var sha256: SHA256?
    private var sha512: SHA512?
    private var sha1: Insecure.SHA1?
    private var md5: Insecure.MD5?

    public init(_ algorithms: Set<HashAlgorithm>) {
        if algorithms.contains(.sha256) { sha256 = SHA256() }
        if algorithms.contains(.sha512) { sha512 = SHA512() }
        if algorithms.contains(.sha1) { sha1 = Insecure.SHA1() }
        if algorithms.contains(.md5) { md5 = Insecure.MD5() }
    }

    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        sha256?.update(bufferPointer: bytes)
        sha512?.update(bufferPointer: bytes)
        sha1?.update(bufferPointer: bytes)
        md5?.update(bufferPointer: bytes)
    }

    public func finalize() -> [HashAlgorithm: String] {
        var digests: [HashAlgorithm: String] = [:]
        if let sha256 { digests[.sha256] = sha256.finalize().hex }
        if let sha512 { digests[.sha512] = sha512.finalize().hex }
        if let sha1 { digests[.sha1] = sha1.finalize().hex }
        if let md5 { digests[.md5] = md5.finalize().hex }
        return digests
    }
}
