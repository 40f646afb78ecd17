import Foundation
import PortaBundle

/// An OpenSSH allowed-signers file (`ssh-keygen(1)`, ALLOWED SIGNERS): the keys a receiver
/// trusts to sign bundles, one per line as `principals [options] keytype base64-key [comment]`.
///
/// Read here: `ssh-ed25519` keys, the `namespaces="…"` option (a line with it trusts its key
/// only in the namespaces listed) and the validity options `valid-after`/`valid-before`, which
/// Porta does not evaluate and so refuses rather than ignores. Certificate authorities
/// (`cert-authority`) are not supported: such a line is an error, never silently skipped.
public struct AllowedSigners: Sendable {
    /// One trusted key.
    public struct Signer: Sendable, Hashable {
        /// The principals (comma-separated patterns in the file), as written.
        public let principals: String
        /// The key in SSH wire form.
        let keyBlob: [UInt8]
        /// The namespaces it may sign in; nil for any.
        let namespaces: [String]?
    }

    public let signers: [Signer]

    /// Why the file cannot be read: it names the line, never a key.
    public struct Problem: Error, CustomStringConvertible {
        public let line: Int
        public let message: String
        public var description: String { "line \(line): \(message)" }
    }

    /// Reads the file's text.
    public init(text: String) throws(Problem) {
        var signers: [Signer] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            var fields = Self.fields(line)
            guard fields.count >= 3 else { throw Problem(line: index + 1, message: "is not 'principals [options] keytype key'") }
            let principals = fields.removeFirst()
            var namespaces: [String]?
            if fields.first != "ssh-ed25519" {
                let options = fields.removeFirst()
                for option in Self.options(options) {
                    let lower = option.lowercased()
                    if lower.hasPrefix("namespaces=") {
                        namespaces = String(option.dropFirst(11)).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
                            .split(separator: ",").map(String.init)
                    } else {
                        throw Problem(line: index + 1, message: "option \(lower.prefix { $0 != "=" }) is not supported (only namespaces=)")
                    }
                }
            }
            guard fields.count >= 2, fields[0] == "ssh-ed25519" else {
                throw Problem(line: index + 1, message: "key type is not ssh-ed25519")
            }
            guard let blob = Data(base64Encoded: fields[1]) else { throw Problem(line: index + 1, message: "key is not Base64") }
            var reader = SSHWireReader([UInt8](blob))
            guard reader.string() == Array("ssh-ed25519".utf8), reader.string()?.count == 32, reader.isAtEnd else {
                throw Problem(line: index + 1, message: "key is not an Ed25519 public key")
            }
            signers.append(Signer(principals: principals, keyBlob: [UInt8](blob), namespaces: namespaces))
        }
        self.signers = signers
    }

    /// Reads the file at `path`.
    public init(contentsOf path: String) throws {
        try self.init(text: String(contentsOfFile: path, encoding: .utf8))
    }

    /// The signer trusted for `keyBlob` in `namespace`, if any.
    func signer(for keyBlob: [UInt8], namespace: String) -> Signer? {
        signers.first { $0.keyBlob == keyBlob && ($0.namespaces?.contains(namespace) ?? true) }
    }

    /// The signer trusted for `keyBlob` in `namespace` to speak for `controller`: a line with
    /// that key whose principals include the controller's id exactly (a pattern never binds).
    /// Any trusted key may sign, but only a key bound to a controller speaks for it.
    func signer(for keyBlob: [UInt8], namespace: String, controller: String) -> Signer? {
        signers.first { signer in
            signer.keyBlob == keyBlob && (signer.namespaces?.contains(namespace) ?? true)
                && signer.principals.split(separator: ",").contains { $0 == controller }
        }
    }

    /// Splits at white space outside double quotes.
    private static func fields(_ line: String) -> [String] {
        var fields: [String] = [], current = "", quoted = false
        for character in line {
            if character == "\"" { quoted.toggle() }
            if (character == " " || character == "\t") && !quoted {
                if !current.isEmpty { fields.append(current); current = "" }
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { fields.append(current) }
        return fields
    }

    /// Splits an options field at commas outside double quotes.
    private static func options(_ field: String) -> [String] {
        var options: [String] = [], current = "", quoted = false
        for character in field {
            if character == "\"" { quoted.toggle() }
            if character == "," && !quoted { options.append(current); current = "" } else { current.append(character) }
        }
        options.append(current)
        return options
    }
}
