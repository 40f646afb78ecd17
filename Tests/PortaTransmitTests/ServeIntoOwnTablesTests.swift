import Foundation
import PortaBundle
import PortaImport
import PortaServe
import PortaTestSupport
import Testing

/// `porta serve --mapping receiver.yml --target …`: bundles land in the receiver's own tables
/// (the sample receiver, Nybutiken AB), and the receipt says which kinds it took.
@Suite(.serialized) struct ServeIntoOwnTablesTests {
    let parties: TransferParties
    let receiver: ReceiverSample

    init() throws {
        parties = try TransferParties()
        receiver = try ReceiverSample()
    }

    func configuration() throws -> ServerConfiguration {
        let mapping = try ReceiverMapping.load(from: receiver.mappingPath)
        let path = receiver.databasePath
        return try ServerConfiguration(host: "127.0.0.1", port: 0, trustedKeysFile: parties.allowedSigners,
                                       identityFiles: [parties.receiverIdentity], receiptKeyFile: parties.receiptKey,
                                       destination: .receiverTables(mapping: mapping, open: { try SQLiteReceiver(path: path) }),
                                       spool: parties.folder.file("spool"))
    }

    @Test func aSentBundleLandsInTheReceiversTablesAndTheReceiptSaysWhichKindsItTook() async throws {
        let (_, sealed) = try await parties.bundle("req-own-1")
        let server = try await RunningServer.start(try configuration())
        defer { Task { await server.stop() } }
        let answer = try await RawUpload.post(file: sealed, to: server.url)
        #expect(answer.status == 200, "\(String(decoding: answer.body, as: UTF8.self))")
        let receipt = try answer.receipt(parties).receipt
        let mapping = try ReceiverMapping.load(from: receiver.mappingPath)
        #expect(receipt.kinds.filter { $0.imported > 0 }.allSatisfy { mapping.target(for: $0.kind) != nil })
        #expect(receipt.kinds.filter { $0.skipped > 0 }.allSatisfy { mapping.target(for: $0.kind) == nil })
        #expect(receipt.imported + receipt.skipped == 29)
        let orders = try receiver.rows("SELECT ordernummer FROM kundorder ORDER BY ordernummer").map { $0["ordernummer"] as String }
        #expect(orders.contains("EB-2023-0001"))
        let again = try await RawUpload.post(file: sealed, to: server.url)
        #expect(again.body == answer.body, "the same receipt, with the first receive time")
    }

    @Test func aReceiversTablesNeedASpoolFolderNamed() throws {
        let mapping = try ReceiverMapping.load(from: receiver.mappingPath)
        let path = receiver.databasePath
        #expect {
            try ServerConfiguration(host: "127.0.0.1", port: 0, trustedKeysFile: parties.allowedSigners, identityFiles: [],
                                    receiptKeyFile: parties.receiptKey,
                                    destination: .receiverTables(mapping: mapping, open: { try SQLiteReceiver(path: path) }))
        } throws: { ($0 as? ServeError)?.code == .spool }
    }
}
