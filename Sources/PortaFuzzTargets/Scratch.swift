import Dispatch
import Foundation
import Logging
import PortaBundle
import PortaConnectors
import PortaModel

/// The fuzz targets' owner-only scratch folder: the files a parser that reads from disk is
/// given, a config whose mbox and vCard sources read them, and an age identity.
final class Scratch: @unchecked Sendable {
    static let shared = Scratch()

    let path: String
    let identity = AgeIdentity()
    /// Held while a target runs.
    let lock = NSLock()
    private var sources: [String: SourceConfig] = [:]
    private var folders = 0

    private init() {
        path = NSTemporaryDirectory() + "porta-fuzz-\(getpid())"
        mkdir(path, 0o700)
        // The sample controller's mbox and vCard sources, reading the scratch files.
        let config = """
            porta: 1
            controller: { id: fuzz, name: Fuzz, country: SE, contact: privacy@example.org }
            sources:
              - id: inquiries
                connector: mbox
                path: fuzz.mbox
                subjects: {}
                records:
                  - kind: person
                    table: subject
                    key: key
                    provenance: provided
                    legal-basis: contract
                    category: customer-service
                    fields: {}
                  - kind: message
                    table: messages
                    key: key
                    provenance: provided
                    legal-basis: contract
                    category: customer-service
                    collected-at: date
                    fields:
                      person: subject-key
                      direction: direction
                      sentAt: date
                      from: from
                      to: to
                      subject: subject
                      body: body
                  - kind: attachment
                    table: attachments
                    key: key
                    provenance: provided
                    legal-basis: contract
                    category: customer-service
                    file: { blob: content }
                    fields:
                      person: subject-key
                      message: message
                      fileName: file-name
                      mediaType: media-type

              - id: addressbook
                connector: vcard
                path: fuzz.vcf
                subjects:
                  identifiers:
                    email: email
                    phone: { column: tel, unique: false }
                records:
                  - kind: person
                    table: cards
                    key: key
                    provenance: provided
                    legal-basis: legitimate-interest
                    category: contact
                    fields:
                      fullName: fn
                      givenName: n.given
                      familyName: n.family
                      birthDate: bday
                  - kind: email-address
                    table: emails
                    key: key
                    provenance: provided
                    legal-basis: legitimate-interest
                    category: contact
                    fields:
                      person: card
                      address: email
                  - kind: phone-number
                    table: phones
                    key: key
                    provenance: provided
                    legal-basis: legitimate-interest
                    category: contact
                    fields:
                      person: card
                      number: tel
                  - kind: postal-address
                    table: addresses
                    key: key
                    provenance: provided
                    legal-basis: legitimate-interest
                    category: contact
                    fields:
                      person: card
                      street: adr.street
                      postalCode: adr.postal-code
                      locality: adr.locality
                      country: { value: SE }

            """
        _ = FileManager.default.createFile(atPath: path + "/porta.yml", contents: Data(config.utf8))
        do {
            for source in try PortaConfig.load(from: path + "/porta.yml").sources { sources[source.id] = source }
        } catch {
            fatalError("the fuzz config does not load: \(error)")
        }
    }

    /// Writes `bytes` to `name` in the scratch folder and calls `body` with its path.
    func withFile(_ name: String, _ bytes: [UInt8], _ body: (String) -> Void) {
        let file = path + "/" + name
        _ = FileManager.default.createFile(atPath: file, contents: Data(bytes), attributes: [.posixPermissions: 0o600])
        body(file)
    }

    /// A bag folder kept for every input, with an empty `data/`: a target that only rewrites its
    /// tag files costs a few writes per input, not a folder made and removed.
    lazy var bag: String = {
        let folder = path + "/bag"
        mkdir(folder, 0o700)
        mkdir(folder + "/data", 0o700)
        return folder
    }()

    /// Replaces the file at `path` with `bytes`, through the system calls alone.
    func overwrite(_ path: String, with bytes: [UInt8]) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { return }
        _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
    }

    /// Calls `body` with a new empty folder, removed afterwards.
    func withFolder(_ body: (String) -> Void) {
        folders += 1
        let folder = path + "/folder-\(folders)"
        mkdir(folder, 0o700)
        body(folder)
        try? FileManager.default.removeItem(atPath: folder)
    }

    /// The scratch config's source `id`.
    func source(_ id: String) -> SourceConfig {
        guard let source = sources[id] else { fatalError("the fuzz config has no source \(id)") }
        return source
    }

    /// Reads the file source `id` of the scratch config through its connector, as
    /// `porta sources check` samples it; returns the rows read.
    @discardableResult
    func sampleSource(_ id: String) -> Int {
        guard let source = sources[id],
              let connector = try? Connectors.make(source, referenceDate: CalendarDate.today(), logger: Logger(label: "porta-fuzz")) else {
            return 0
        }
        let done = DispatchSemaphore(value: 0)
        let rows = RowCount()
        Task {
            rows.value = ((try? await connector.sample(rowsPerMapping: 1000)) ?? []).reduce(0) { $0 + $1.rows }
            done.signal()
        }
        done.wait()
        return rows.value
    }
}

/// A count set by a task and read after it signals.
private final class RowCount: @unchecked Sendable {
    var value = 0
}
