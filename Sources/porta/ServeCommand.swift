import ArgumentParser
import Foundation
import Logging
import PortaImport
import PortaServe

/// `porta serve`: the receiver of direct transmission (Art. 20(2)).
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Receive bundles over HTTPS: verify each at every level, import it, answer with a signed receipt.",
        discussion: """
            POST /v1/bundles takes a sealed (.zip.age, to --identity) or signed zip; the signature must be by one of \
            --trusted-keys. Records go into --store, or through --mapping receiver.yml into your own tables (--target). The answer is a receipt (formats/transfer.md) signed with --key in the namespace \
            porta-receipt: 200 imported, 422 refused, 413 too large. The same bundle sent again gets the same \
            receipt. GET /v1/health answers {"status":"ok"}. Plain HTTP is served only on loopback; elsewhere give \
            --tls-cert and --tls-key. The first line printed is the address listened on.
            """
    )

    @Option(name: .long, help: "HOST:PORT to listen on (port 0: any free port).")
    var listen: String

    @Option(name: .long, help: "An age identity file that opens sealed uploads. Repeat for several.")
    var identity: [String] = []

    @Option(name: .long, help: "OpenSSH allowed-signers file of the keys trusted to sign bundles.")
    var trustedKeys: String

    @Option(name: .long, help: "The receiver's Ed25519 key (porta keygen) that signs receipts.")
    var key: String

    @OptionGroup var destination: ReceiverDestinationArguments

    @Option(name: .long, help: "Folder for uploads in progress and refusals (default: STORE.spool; needed with --mapping).")
    var spool: String?

    @Option(name: .long, help: "The largest upload taken, in bytes; past it the answer is 413.")
    var maxBody: Int = 256 << 20

    @Option(name: .long, help: "PEM certificate chain for HTTPS.")
    var tlsCert: String?

    @Option(name: .long, help: "PEM private key for HTTPS.")
    var tlsKey: String?

    @Option(name: .long, parsing: .upToNextOption, help: "The record kinds to take; all by default.")
    var accept: [String] = []

    @OptionGroup var registerArguments: RegisterArguments

    @OptionGroup var logging: LoggingOptions

    func validate() throws {
        if destination.intoOwnTables && !accept.isEmpty { throw ValidationError("with --mapping, the mapping says which kinds are taken") }
        if destination.intoOwnTables && spool == nil { throw ValidationError("--mapping needs --spool FOLDER for uploads in progress") }
        if (tlsCert == nil) != (tlsKey == nil) { throw ValidationError("--tls-cert and --tls-key go together") }
        guard let colon = listen.lastIndex(of: ":"), Int(listen[listen.index(after: colon)...]) != nil else {
            throw ValidationError("--listen is HOST:PORT")
        }
        if maxBody <= 0 { throw ValidationError("--max-body is a number of bytes") }
    }

    func run() async throws {
        let colon = listen.lastIndex(of: ":")!
        let host = String(listen[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        let port = Int(listen[listen.index(after: colon)...])!
        let server: TransferServer
        do {
            let destination: ServerConfiguration.Destination
            if let mapping = self.destination.mapping {
                destination = .receiverTables(mapping: try ReceiverMapping.load(from: mapping), open: try self.destination.opener())
            } else {
                destination = .store(path: self.destination.store!)
            }
            let configuration = try ServerConfiguration(
                host: host, port: port, tls: tlsCert.map { ($0, tlsKey!) }, trustedKeysFile: trustedKeys, identityFiles: identity,
                receiptKeyFile: key, destination: destination, spool: spool, maxBodyBytes: maxBody,
                acceptedKinds: accept.isEmpty ? nil : Set(accept), register: try registerArguments.open())
            server = try TransferServer(configuration: configuration, logger: logging.makeLogger())
        } catch let exit as ExitCode {
            throw exit
        } catch {
            printError("\(error)")
            throw ExitStatus.couldNotRun
        }
        do {
            try await server.run { url in
                // Written unbuffered: whoever started the server waits for this line.
                FileHandle.standardOutput.write(Data("listening on \(url)\n".utf8))
            }
        } catch {
            printError("porta serve: \(error)")
            throw ExitStatus.couldNotRun
        }
    }
}
