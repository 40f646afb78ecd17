import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import PortaBundle
import PortaModel

/// The receiving side of direct transmission (Art. 20(2)): an HTTP server (HTTPS with a
/// certificate; plain HTTP only on loopback) that takes bundles at `POST /v1/bundles`, judges
/// each (``ReceiptDesk``) and answers with a signed receipt. `formats/transfer-api.yaml`
/// describes the interface.
///
/// Uploads stream into the spool side by side; verifying and importing run one at a time on a
/// thread of their own, so imports into the one store are serialised and the event loops
/// never wait on them.
///
/// ```swift
/// let server = try TransferServer(configuration: configuration)
/// try await server.run { url in print("listening on \(url)") }
/// ```
public struct TransferServer: Sendable {
    public let configuration: ServerConfiguration
    private let spool: UploadSpool
    private let logger: Logger

    /// - Throws: ``ServeError`` `address` for plain HTTP away from loopback, `spool` when the
    ///   spool folder cannot be made.
    public init(configuration: ServerConfiguration, logger: Logger = Logger(label: "porta.serve")) throws(ServeError) {
        guard configuration.tls != nil || ServerConfiguration.isLoopback(configuration.host) else {
            throw ServeError(.address, path: configuration.host,
                             message: "plain HTTP is served only on a loopback address; give --tls-cert and --tls-key")
        }
        self.configuration = configuration
        spool = try UploadSpool(folder: configuration.spool + "/incoming", limit: configuration.maxBodyBytes)
        self.logger = logger
    }

    /// Serves until the process ends, calling `onListening` with the base URL once the socket
    /// listens (with the port chosen when `port` was 0).
    /// - Throws: when the address cannot be bound or the certificate cannot be read.
    public func run(onListening: @escaping @Sendable (String) -> Void = { _ in }) async throws {
        let pool = NIOThreadPool(numberOfThreads: 1)
        pool.start()
        defer { pool.shutdownGracefully { _ in } }
        let desk = ReceiptDesk(configuration: configuration, logger: logger, pool: pool)
        let router = Router()
        router.get("/v1/health") { _, _ in
            Self.json(.ok, Array(#"{"status":"ok","format":"porta-receipt/1"}"#.utf8) + [0x0A])
        }
        router.post("/v1/bundles") { [spool, configuration, logger] request, _ -> Response in
            if let declared = request.headers[.contentLength].flatMap(Int.init), declared > configuration.maxBodyBytes {
                return try Self.answer(desk.tooLarge(bytes: declared, at: Timestamp(.now)))
            }
            let received: UploadSpool.Received
            do { received = try await spool.receive(request.body) } catch let error as ServeError {
                logger.error("an upload could not be spooled", metadata: ["error": "\(error)"])
                return Self.unavailable
            }
            switch received {
            case .tooLarge(let bytes):
                return try Self.answer(desk.tooLarge(bytes: bytes, at: Timestamp(.now)))
            case .complete(let upload):
                defer { upload.remove() }
                do {
                    return Self.answer(try await desk.judge(upload, at: Timestamp(.now)))
                } catch {
                    logger.error("an upload could not be judged", metadata: ["upload": "\(upload.sha256)", "error": "\(error)"])
                    return Self.unavailable
                }
            }
        }
        let server: HTTPServerBuilder
        if let tls = configuration.tls {
            let chain = try NIOSSLCertificate.fromPEMFile(tls.certificateChain).map { NIOSSLCertificateSource.certificate($0) }
            let key = try NIOSSLPrivateKey(file: tls.privateKey, format: .pem)
            server = try .tls(.http1(), tlsConfiguration: TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key)))
        } else {
            server = .http1()
        }
        let scheme = configuration.tls == nil ? "http" : "https"
        let host = configuration.host
        let app = Application(router: router, server: server,
                              configuration: ApplicationConfiguration(address: .hostname(host, port: configuration.port), serverName: "porta"),
                              onServerRunning: { channel in
                                  let shown = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
                                  onListening("\(scheme)://\(shown):\(channel.localAddress?.port ?? configuration.port)")
                              },
                              logger: logger)
        try await app.run()
    }

    /// 503: the receiver could not take or judge the upload now (its spool, store or scratch
    /// space); the sender tries again.
    private static var unavailable: Response {
        json(.serviceUnavailable, Array(#"{"error":"the receiver could not judge the bundle now; send it again"}"#.utf8) + [0x0A],
             retryAfter: true)
    }

    private static func answer(_ answer: ReceiptDesk.Answer) -> Response {
        var response = json(HTTPResponse.Status(code: answer.status), answer.receipt.json)
        response.headers[HTTPField.Name(SignedReceipt.header)!] = answer.receipt.signatureBase64
        return response
    }

    private static func json(_ status: HTTPResponse.Status, _ bytes: [UInt8], retryAfter: Bool = false) -> Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        if retryAfter { headers[.retryAfter] = "1" }
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
