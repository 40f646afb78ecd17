import Crypto
import Foundation
import PortaBytes

/// Seals a file to age X25519 recipients, and opens one, in the age v1 format
/// (age-encryption.org/v1), so `age -d -i key.txt` opens what Porta seals and Porta opens what
/// `age -r` seals.
///
/// The payload is streamed in age's 64 KiB chunks (ChaCha20-Poly1305, a counter nonce whose
/// last byte marks the final chunk), so memory stays flat for any size. Opening writes into a
/// hidden owner-only file beside the destination and renames it into place only after the last
/// chunk authenticated: a wrong key, a truncated file, a changed byte or reordered chunks leave
/// no plaintext on disk. Sealing is not deterministic (a fresh file key and nonce every time);
/// the bundle inside is.
public enum SealedFile {
    static let chunkSize = 64 << 10
    static let tagSize = 16

    /// Whether the file at `path` starts like an age v1 file.
    public static func looksSealed(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: AgeHeader.versionLine.utf8.count + 1)).map { [UInt8]($0) } ?? []
        return head == Array((AgeHeader.versionLine + "\n").utf8)
    }

    /// Seals the file at `input` to `recipients`, writing `output` (owner-only, never over an
    /// existing file).
    /// - Throws: ``BundleError`` naming the file.
    public static func seal(_ input: String, to output: String, recipients: [AgeRecipient]) throws {
        guard !recipients.isEmpty else { throw BundleError(.invalidKey, "name at least one recipient") }
        guard !FileManager.default.fileExists(atPath: output) else {
            throw BundleError(.alreadyExists, "the sealed file exists already; porta never overwrites one", path: output)
        }
        let reader = try ByteFileReader(path: input)
        let fileKey = SymmetricKey(size: .bits128)
        let stanzas = try recipients.map { try X25519Stanza.wrap(fileKey, to: $0) }
        var nonce = [UInt8](repeating: 0, count: 16)
        for index in nonce.indices { nonce[index] = UInt8.random(in: 0...255) }
        try PendingFile.write(to: output) { sink in
            try sink.append(AgeHeader.text(stanzas: stanzas, fileKey: fileKey) + nonce)
            let key = payloadKey(fileKey, nonce: nonce)
            try reader.forEachBlock(of: chunkSize) { chunk, counter, last in
                let box = try ChaChaPoly.seal(chunk, using: key, nonce: chunkNonce(counter, last: last))
                try sink.append(box.ciphertext)
                try sink.append(box.tag)
            }
        }
    }

    /// Opens the sealed file at `input` with the first of `identities` it is sealed to,
    /// writing the plaintext to `output` (owner-only, never over an existing file).
    /// - Throws: ``BundleError`` `wrong-key` when no identity opens it, `damaged` when it is
    ///   not a valid age file or does not authenticate (truncated, changed, reordered).
    public static func open(_ input: String, to output: String, identities: [AgeIdentity]) throws {
        guard !FileManager.default.fileExists(atPath: output) else {
            throw BundleError(.alreadyExists, "the opened file exists already; porta never overwrites one", path: output)
        }
        let reader = try ByteFileReader(path: input)
        let header = try AgeHeader(reading: reader, path: input)
        let fileKey = header.stanzas.lazy.flatMap { stanza in identities.lazy.compactMap { X25519Stanza.unwrap(stanza, with: $0) } }.first
        guard let fileKey else {
            throw BundleError(.wrongKey, "none of the given identities opens this file: it is sealed to someone else", path: input)
        }
        guard header.isAuthentic(with: fileKey) else {
            throw BundleError(.damaged, "the header does not authenticate: the file was changed", path: input)
        }
        let nonce = reader.bytes(16)
        guard nonce.count == 16 else { throw BundleError(.damaged, "the file ends inside its header: it is truncated", path: input) }
        let key = payloadKey(fileKey, nonce: nonce)
        try PendingFile.write(to: output) { sink in
            try reader.forEachBlock(of: chunkSize + tagSize) { chunk, counter, last in
                guard chunk.count >= tagSize, !(last && counter > 0 && chunk.count == tagSize) else {
                    throw BundleError(.damaged, "the file is truncated (chunk \(counter) is incomplete)", path: input)
                }
                guard let box = try? ChaChaPoly.SealedBox(nonce: chunkNonce(counter, last: last),
                                                          ciphertext: chunk[..<(chunk.count - tagSize)], tag: chunk[(chunk.count - tagSize)...]),
                      let plain = try? ChaChaPoly.open(box, using: key) else {
                    let what = last ? "the last chunk does not authenticate: the file is truncated or was changed"
                        : "chunk \(counter) does not authenticate: the file was changed or its chunks reordered"
                    throw BundleError(.damaged, what, path: input)
                }
                try sink.append(plain)
            }
        }
    }

    static func payloadKey(_ fileKey: SymmetricKey, nonce: [UInt8]) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: fileKey, salt: nonce, info: Array("payload".utf8), outputByteCount: 32)
    }

    static func chunkNonce(_ counter: UInt64, last: Bool) throws -> ChaChaPoly.Nonce {
        var bytes = [UInt8](repeating: 0, count: 12)
        for index in 0..<8 { bytes[10 - index] = UInt8(counter >> (8 * UInt64(index)) & 0xFF) }
        bytes[11] = last ? 1 : 0
        return try ChaChaPoly.Nonce(data: bytes)
    }
}
