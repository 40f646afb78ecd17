import Foundation
import PortaTestSupport
import Testing

/// Direct transmission (Art. 20(2)) through the real binaries on loopback, as two controllers
/// run it: keys, export, zip, sign, seal, `porta serve` on one side and `porta send` on the
/// other, the receipt checked by `ssh-keygen`.
@Suite(.serialized) struct ServeCommandTests {
    let sender = TemporaryFolder("porta-send"), receiver = TemporaryFolder("porta-serve")

    func porta(_ arguments: [String]) throws -> ProcessOutput { try ExternalProcess.porta(arguments) }

    /// Keys as `porta keygen` makes them: the sender's signing key (the receiver's
    /// allowed-signers line binds it to the sample controller) and age identity, the
    /// receiver's age identity and receipt key.
    func keys() throws {
        let signing = try porta(["keygen", "--sign", "--out", sender.file("dpo.key"), "--comment", "dpo@exempelbutiken.se",
                                 "--controller", "exempelbutiken"])
        #expect(signing.status == 0, "\(signing.combined)")
        try BagFiles.write(signing.standardOutput, to: receiver.file("allowed_signers"))
        for (folder, name) in [(sender, "sender.age"), (receiver, "receiver.age")] {
            #expect(try porta(["keygen", "--seal", "--out", folder.file(name)]).status == 0)
        }
        #expect(try porta(["keygen", "--sign", "--out", receiver.file("receipt.key"), "--comment", "receiver"]).status == 0)
        try FileManager.default.copyItem(atPath: receiver.file("receipt.key.pub"), toPath: sender.file("receiver.pub"))
    }

    /// The sample subject's bundle for `requestID`: exported as a zip, signed, sealed to the
    /// receiver and to the sender itself. Returns the sealed file.
    func sealedBundle(_ requestID: String) throws -> String {
        let sample = try SampleController()
        let export = try porta(["export", "--config", sample.configPath, "--subject", SampleSubject.anna, "--purpose", "portability",
                                "--out", sender.path, "--created-at", SampleSubject.createdAt, "--request-id", requestID, "--zip", "--quiet"])
        #expect(export.status == 0, "\(export.combined)")
        let zip = sender.file("porta-\(requestID).zip")
        #expect(try porta(["sign", zip, "--key", sender.file("dpo.key")]).status == 0)
        let recipients = try [sender.file("sender.age.pub"), receiver.file("receiver.age.pub")].flatMap {
            ["--recipient", try String(contentsOfFile: $0, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)]
        }
        let sealed = try porta(["seal", zip] + recipients)
        #expect(sealed.status == 0, "\(sealed.combined)")
        return zip + ".age"
    }

    func serve(_ extra: [String] = []) throws -> ServeProcess {
        try ServeProcess(["--listen", "127.0.0.1:0", "--identity", receiver.file("receiver.age"), "--trusted-keys",
                          receiver.file("allowed_signers"), "--key", receiver.file("receipt.key"), "--store", receiver.file("store.sqlite")] + extra,
                         errors: receiver.file("serve.log"))
    }

    func send(_ bundle: String, to url: String, _ extra: [String] = []) throws -> ProcessOutput {
        try porta(["send", bundle, "--to", url, "--receiver-key", sender.file("receiver.pub"), "--identity", sender.file("sender.age"),
                   "--attempts", "2"] + extra)
    }

    func storeCount(_ sql: String) throws -> Int {
        Int(try ExternalProcess.run("sqlite3", [receiver.file("store.sqlite"), sql]).standardOutput
            .trimmingCharacters(in: .whitespacesAndNewlines)) ?? -1
    }

    @Test func aBundleTravelsFromSendToServeAndTheReceiptVerifiesWithSSHKeygen() throws {
        try PeerTool.require("ssh-keygen")
        try keys()
        let bundle = try sealedBundle("req-wire-1")
        let server = try serve(["--verbose"])
        defer { server.stop() }
        let sent = try send(bundle, to: server.url, ["--register", sender.file("register.sqlite")])
        #expect(sent.status == 0, "\(sent.combined)\n\(server.log)")
        #expect(sent.standardOutput.contains("records imported: 29, skipped: 0"))
        #expect(sent.standardOutput.contains("receipt: \(bundle).receipt.json"))
        try BagFiles.write("receiver " + String(contentsOfFile: sender.file("receiver.pub"), encoding: .utf8), to: sender.file("receivers"))
        let checked = try ExternalProcess.run("sh", ["-c", "ssh-keygen -Y verify -f \"$1\" -I receiver -n porta-receipt -s \"$2\" < \"$3\"",
                                                     "sh", sender.file("receivers"), bundle + ".receipt.json.sig", bundle + ".receipt.json"])
        #expect(checked.status == 0, "\(checked.combined)")
        #expect(try storeCount("SELECT count(*) FROM porta_record") == 29)
        let register = try porta(["register", "list", "--register", sender.file("register.sqlite")])
        #expect(register.standardOutput.contains("send"), "\(register.combined)")
        #expect(server.log.contains("upload imported"), "\(server.log)")
        for personal in ["anna", "Anna", "Svensson", "19850312", "+4670"] {
            #expect(!server.log.contains(personal), "the server's log holds no personal data: \(server.log)")
        }
    }

    @Test func sendExitsOneWhenTheReceiverRefusesAndTwoWhenItCannotDeliver() throws {
        try keys()
        let bundle = try sealedBundle("req-wire-2")
        // The receiver does not trust the sender's key: refused, with the finding printed.
        try BagFiles.write("", to: receiver.file("allowed_signers"))
        let server = try serve()
        defer { server.stop() }
        let refused = try send(bundle, to: server.url)
        #expect(refused.status == 1, "\(refused.combined)")
        #expect(refused.standardOutput.contains("[untrusted-signer]"))
        #expect(try storeCount("SELECT count(*) FROM porta_bundle") <= 0)
        let undelivered = try send(bundle, to: "http://127.0.0.1:9", ["--timeout", "1"])
        #expect(undelivered.status == 2, "\(undelivered.combined)")
    }

    @Test func overHTTPSWithTheReceiversCertificate() throws {
        try PeerTool.require("openssl")
        try keys()
        let made = try ExternalProcess.run("openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                                                       "-keyout", receiver.file("tls.key"), "-out", receiver.file("tls.crt"), "-days", "2",
                                                       "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"])
        #expect(made.status == 0, "\(made.combined)")
        let bundle = try sealedBundle("req-wire-3")
        let server = try serve(["--tls-cert", receiver.file("tls.crt"), "--tls-key", receiver.file("tls.key")])
        defer { server.stop() }
        #expect(server.url.hasPrefix("https://127.0.0.1:"))
        let untrusted = try send(bundle, to: server.url, ["--timeout", "5"])
        #expect(untrusted.status == 2, "an unknown certificate is not trusted: \(untrusted.combined)")
        #expect(untrusted.standardError.contains("--ca-cert"), "said at once, not retried: \(untrusted.combined)")
        let sent = try send(bundle, to: server.url, ["--ca-cert", receiver.file("tls.crt")])
        #expect(sent.status == 0, "\(sent.combined)\n\(server.log)")
    }

    @Test func theServerAnswersAsItsOpenAPIDescriptionSays() throws {
        try PeerTool.require("schemathesis")
        try keys()
        let server = try serve()
        defer { server.stop() }
        let checks = "not_a_server_error,status_code_conformance,content_type_conformance,response_headers_conformance,response_schema_conformance"
        let run = try ExternalProcess.run("schemathesis", ["run", Repository.path("formats/transfer/porta-transfer.openapi.yaml"),
                                                          "--url", server.url, "--checks", checks, "--max-examples", "40",
                                                          "--seed", "20261128", "--warnings", "off"],
                                          in: receiver.path)  // its cache goes there, not into the repository
        #expect(run.status == 0, "\(run.combined)\n\(server.log)")
        #expect(run.standardOutput.contains("Tested: 2"), "\(run.standardOutput)")
    }

    @Test func acceptedAndRefusedReceiptsMatchTheReceiptSchema() throws {
        try keys()
        let bundle = try sealedBundle("req-wire-4")
        let server = try serve()
        defer { server.stop() }
        #expect(try send(bundle, to: server.url).status == 0)
        try BagFiles.write("not a bundle", to: sender.file("junk.zip"))
        let refused = try ExternalProcess.run("curl", ["-s", "-o", sender.file("refused.json"), "-w", "%{http_code}",
                                                       "--data-binary", "@" + sender.file("junk.zip"), server.url + "/v1/bundles"])
        #expect(refused.standardOutput == "422")
        let checked = try PeerTool.checkJSONSchema(Repository.path("formats/transfer/receipt.schema.json"),
                                                   [bundle + ".receipt.json", sender.file("refused.json")])
        #expect(checked.status == 0, "\(checked.combined)")
    }

    @Test func intoTheReceiversOwnTables() throws {
        try keys()
        let bundle = try sealedBundle("req-wire-5")
        let nybutiken = try ReceiverSample()
        let server = try ServeProcess(["--listen", "127.0.0.1:0", "--identity", receiver.file("receiver.age"), "--trusted-keys",
                                       receiver.file("allowed_signers"), "--key", receiver.file("receipt.key"),
                                       "--mapping", nybutiken.mappingPath, "--target", "sqlite:" + nybutiken.databasePath,
                                       "--spool", receiver.file("spool")], errors: receiver.file("serve.log"))
        defer { server.stop() }
        let sent = try send(bundle, to: server.url)
        #expect(sent.status == 0, "\(sent.combined)\n\(server.log)")
        let orders = try nybutiken.rows("SELECT count(*) AS n FROM kundorder").first?["n"] as Int?
        #expect((orders ?? 0) > 0)
        let withoutSpool = try porta(["serve", "--listen", "127.0.0.1:0", "--trusted-keys", receiver.file("allowed_signers"),
                                      "--key", receiver.file("receipt.key"), "--mapping", nybutiken.mappingPath,
                                      "--target", "sqlite:" + nybutiken.databasePath])
        #expect(withoutSpool.status == 2 && withoutSpool.standardError.contains("--spool"))
    }

    @Test func plainHTTPAwayFromLoopbackDoesNotStart() throws {
        try keys()
        let started = try porta(["serve", "--listen", "0.0.0.0:0", "--trusted-keys", receiver.file("allowed_signers"),
                                 "--key", receiver.file("receipt.key"), "--store", receiver.file("store.sqlite")])
        #expect(started.status == 2)
        #expect(started.standardError.contains("plain HTTP is served only on a loopback address"))
    }
}

/// `porta serve` SIGKILLed while uploads arrive and bundles are imported, then started again:
/// resends complete, and the store holds each bundle once and whole.
@Suite(.serialized) struct ServeCrashSafetyTests {
    let parties = ServeCommandTests()

    /// Uploads `bundle` with curl in the background, as an impatient sender would.
    func upload(_ bundle: String, to url: String) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["curl", "-s", "-o", "/dev/null", "--max-time", "30", "--data-binary", "@" + bundle, url + "/v1/bundles"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    @Test func aKilledServerLosesNothingAndImportsEachBundleOnceWhole() throws {
        try PeerTool.require("curl")
        try parties.keys()
        let bundles = try (1...4).map { try parties.sealedBundle("req-kill-\($0)") }
        // Kills before the store exists, among the imports and after them (seen here: none, 3 and 4 of
        // the 4 bundles in the store when killed).
        for (round, delay) in [0.05, 0.2, 0.4].enumerated() {
            let server = try parties.serve()
            let uploads = try bundles.flatMap { [try upload($0, to: server.url), try upload($0, to: server.url)] }
            usleep(UInt32(delay * 1_000_000))
            server.stop(SIGKILL)
            uploads.forEach { $0.waitUntilExit() }
            let bundlesNow = try parties.storeCount("SELECT count(*) FROM porta_bundle")
            #expect(bundlesNow <= 4, "round \(round)")
        }
        let server = try parties.serve()
        defer { server.stop() }
        for bundle in bundles {
            let sent = try parties.send(bundle, to: server.url)
            #expect(sent.status == 0, "\(sent.combined)\n\(server.log)")
        }
        #expect(try parties.storeCount("SELECT count(*) FROM porta_bundle") == 4)
        #expect(try parties.storeCount("SELECT count(*) FROM porta_bundle WHERE records_imported = 29") == 4)
        #expect(try parties.storeCount("""
            SELECT count(*) FROM (SELECT bundle_digest FROM porta_bundle_kind GROUP BY bundle_digest HAVING sum(imported) = 29)
            """) == 4)
        #expect(try ExternalProcess.run("sqlite3", [parties.receiver.file("store.sqlite"), "PRAGMA integrity_check"]).standardOutput == "ok\n")
        let spool = try FileManager.default.contentsOfDirectory(atPath: parties.receiver.file("store.sqlite.spool/incoming"))
        #expect(spool.isEmpty, "what a killed server left in the spool is gone: \(spool)")
        // A resend is answered with the first receive time, as the store recorded it.
        let receipt = try String(contentsOfFile: bundles[0] + ".receipt.json", encoding: .utf8)
        let firstTime = try ExternalProcess.run("sqlite3", [parties.receiver.file("store.sqlite"),
                                                            "SELECT imported_at FROM porta_bundle WHERE bundle_id LIKE '%' ORDER BY imported_at"])
        #expect(firstTime.standardOutput.split(separator: "\n").contains { receipt.contains("\"receivedAt\":\"\($0)\"") })
    }
}
