import Crypto
import Foundation
import PortaBundle
import PortaBytes
import PortaImport
import PortaRegister
import PortaVerify

/// Everything `porta serve` needs: where it listens, with which TLS certificate, which keys it
/// trusts to sign bundles, which identities open sealed ones, the key that signs its receipts,
/// the store the records go into, and how large an upload may be.
public struct ServerConfiguration: Sendable {
    /// The host name or address to listen on, and its port (0: any free port).
    public var host: String
    public var port: Int
    /// The PEM certificate chain and private key of the HTTPS listener; nil serves plain HTTP,
    /// which is allowed only on a loopback address.
    public var tls: (certificateChain: String, privateKey: String)?
    /// The keys trusted to sign bundles; a bundle must carry a signature by one of them.
    public let trustedSigners: AllowedSigners
    /// The receiver's age identities, which open sealed uploads.
    public let identities: [AgeIdentity]
    /// The key that signs receipts (SSHSIG, namespace `porta-receipt`).
    public var receiptKey: SSHSigningKey {
        // The bytes came from a key that was read whole, so they make a key again.
        SSHSigningKey(privateKey: try! .init(rawRepresentation: receiptKeyBytes), comment: "")
    }
    /// The receipt key's private bytes (swift-crypto's key type cannot cross tasks).
    private let receiptKeyBytes: [UInt8]
    /// Where accepted records go: Porta's SQLite store (`formats/store.md`), or the receiver's
    /// own tables through a receiver mapping (`docs/receiver-yml.md`).
    public enum Destination: Sendable {
        case store(path: String)
        /// `open` connects to the receiver's database, once per import.
        case receiverTables(mapping: ReceiverMapping, open: @Sendable () async throws -> any ReceiverDatabase)
    }

    public var destination: Destination
    /// The folder for uploads being received, verification scratch and refusal receipts.
    public var spool: String
    /// The largest body taken; past it the answer is 413 and nothing is kept.
    public var maxBodyBytes: Int
    /// The kinds the receiver's purpose needs; nil takes every kind.
    public let acceptedKinds: Set<String>?
    /// Where every import is recorded, when the receiver keeps a register.
    public var register: RequestRegister?
    /// A digest of what decides whether a bundle is taken (the trusted keys, the identities and
    /// the accepted kinds, which are therefore constants): a refusal is repeated for the same
    /// upload only while this is unchanged.
    public let trust: String

    /// Reads the trusted keys, identities and receipt key from their files.
    /// - Throws: ``ServeError`` `key` naming a file that cannot be read, `spool` when no spool
    ///   folder is given for receiver tables (a store's spool is beside it).
    public init(host: String, port: Int, tls: (certificateChain: String, privateKey: String)? = nil,
                trustedKeysFile: String, identityFiles: [String], receiptKeyFile: String, destination: Destination,
                spool: String? = nil, maxBodyBytes: Int = 256 << 20, acceptedKinds: Set<String>? = nil,
                register: RequestRegister? = nil) throws(ServeError) {
        func read<T>(_ path: String, _ body: (String) throws -> T) throws(ServeError) -> T {
            do { return try body(path) } catch {
                throw ServeError(.key, path: path, message: "cannot be used: \(error)", cause: error)
            }
        }
        self.host = host
        self.port = port
        self.tls = tls
        // Read once: the signers and the trust digest come from the same bytes.
        let trustedKeys = try read(trustedKeysFile) { try String(contentsOfFile: $0, encoding: .utf8) }
        trustedSigners = try read(trustedKeysFile) { _ in try AllowedSigners(text: trustedKeys) }
        var identities: [AgeIdentity] = []
        for path in identityFiles { identities += try read(path) { try AgeIdentity.read(contentsOf: $0) } }
        self.identities = identities
        receiptKeyBytes = try read(receiptKeyFile) { Array(try SSHSigningKey(contentsOf: $0).privateKey.rawRepresentation) }
        self.destination = destination
        switch (spool, destination) {
        case (let spool?, _): self.spool = spool
        case (nil, .store(let path)): self.spool = path + ".spool"
        case (nil, .receiverTables(let mapping, _)):
            throw ServeError(.spool, path: mapping.file, message: "give a spool folder (--spool) for imports into your own tables")
        }
        self.maxBodyBytes = maxBodyBytes
        self.acceptedKinds = acceptedKinds
        self.register = register
        var hash = SHA256()
        hash.update(data: Array(trustedKeys.utf8))
        for identity in identities { hash.update(data: identity.recipient.publicKey) }
        hash.update(data: Array((acceptedKinds?.sorted().joined(separator: " ") ?? "*").utf8))
        trust = String(Hex.lowercase(Array(hash.finalize())).prefix(16))
    }

    /// Whether `host` names this machine only (127.0.0.0/8, ::1 or localhost).
    public static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }
}
