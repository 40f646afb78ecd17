import Foundation
import PortaConnectors
import PortaModel
import PortaTestSupport
import Testing

/// The mbox and vCard connectors against the sample's inquiries and address book.
@Suite struct MboxConnectorTests {
    @Test func readsThePersonsInquiryAndTheReplyWithTheirDirections() async throws {
        let sample = try SampleController()
        let records = try await sample.records(from: "inquiries", for: ["email:anna.svensson@example.se"]).map(\.record)
        let messages = records.filter { $0.kind == .message }
        #expect(messages.map { $0["direction"] } == [.text("inbound"), .text("outbound")])
        #expect(messages[0]["subject"] == .text("Böjd tältpinne (order EB-2023-0001)"))
        #expect(messages[0]["sentAt"] == .timestamp(try Timestamp(parsing: "2023-07-02T08:10:00Z")))
        guard case .text(let body)? = messages[0]["body"] else { Issue.record("no body"); return }
        #expect(body.contains("En av tältpinnarna böjdes första natten.") && body.contains("From the campsite"))
        #expect(messages[1]["subject"] == .text("Svar: Ärende 1234"))
        guard case .text(let reply)? = messages[1]["body"] else { Issue.record("no reply body"); return }
        #expect(reply.contains("Vänliga hälsningar") && reply.contains("\nFrom now on"))
    }

    @Test func carriesTheFileThePersonSentAsAnAttachment() async throws {
        let sample = try SampleController()
        let pulled = try await sample.records(from: "inquiries", for: ["email:anna.svensson@example.se"])
        let attachment = try #require(pulled.first { $0.record.kind == .attachment })
        #expect(attachment.record["fileName"] == .text("böjd pinne.png"))
        #expect(attachment.record["message"] == .reference(RecordID(source: "inquiries", kind: .message, sourceKey: "message-1")))
        guard case .bytes(let bytes)? = attachment.attachment else { Issue.record("no content"); return }
        #expect(bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]))
    }

    @Test func anotherPersonsMessageIsNotIncludedAndItsAddressesDoNotWiden() async throws {
        let sample = try SampleController()
        let connector = try sample.connector("inquiries")
        let match = try await connector.findSubject(matching: [SubjectIdentifier(parsing: "email:anna.svensson@example.se", referenceDate: SampleSubject.day)])
        #expect(match.identifiers.isEmpty, "a message's other addresses are other people's")
        var subjects: [FieldValue?] = []
        try await connector.streamRecords(of: match, problem: { _ in }) { subjects.append($0.record["subject"]) }
        #expect(!subjects.contains(.text("Question about sizes")))
    }

    @Test func aFileThatIsNotAnMboxIsNamed() async throws {
        let sample = try SampleController()
        try BagFiles.write("Subject: no envelope\n\nhello\n", to: sample.folder.file("inquiries.mbox"))
        let error = try await ExportFailure.of { try await sample.records(from: "inquiries", for: ["email:anna.svensson@example.se"]) }
        #expect(error.file == "inquiries.mbox" && error.line == 1 && error.message.contains("From line"))
    }
}

@Suite struct VCardConnectorTests {
    @Test func readsThePersonsCardWithItsEmailsPhonesAndAddress() async throws {
        let sample = try SampleController()
        let records = try await sample.records(from: "addressbook", for: ["email:anna.svensson@example.se"]).map(\.record)
        let person = try #require(records.first { $0.kind == .person })
        let birthDate = FieldValue.date(try CalendarDate(parsing: "1985-03-12"))
        #expect(person["fullName"] == .text("Anna Svensson") && person["birthDate"] == birthDate)
        #expect(records.filter { $0.kind == .phoneNumber }.compactMap { $0["number"] } == [.text("+46701234567"), .text("+46855512345")])
        let address = try #require(records.first { $0.kind == .postalAddress })
        #expect(address["street"] == .text("Storgatan 1") && address["postalCode"] == .text("111 22"))
    }

    @Test func aSharedPhoneMarkedNotUniqueJoinsNobody() async throws {
        let sample = try SampleController()
        let records = try await sample.records(from: "addressbook", for: ["phone:08-555 123 45"]).map(\.record)
        #expect(records.isEmpty, "Anna and Maja share a landline; it identifies neither")
    }

    @Test func aVersion4TelURIIsANumber() async throws {
        let sample = try SampleController()
        let records = try await sample.records(from: "addressbook", for: ["email:erik.j@work.example"]).map(\.record)
        #expect(records.filter { $0.kind == .phoneNumber }.map { $0["number"] } == [.text("+46709876543")])
    }
}

/// Broken vCard and API sources are reported with their location.
@Suite struct BrokenSourceTests {
    @Test func aCardThatNeverEndsIsNamedByFileAndLine() async throws {
        let sample = try SampleController()
        try BagFiles.append("BEGIN:VCARD\r\nVERSION:3.0\r\nFN:Half a card\r\n", to: sample.folder.file("addressbook.vcf"))
        let error = try await ExportFailure.of { try await sample.records(from: "addressbook", for: ["email:anna.svensson@example.se"]) }
        #expect(error.file == "addressbook.vcf" && error.line == 29 && error.message.contains("no END:VCARD"))
    }

    @Test func anAPIItemThatCannotBeARecordIsNamedByItsKey() async throws {
        let sample = try SampleController()
        let data = sample.folder.file("broken-tickets.json")
        try BagFiles.write("""
            {"tickets": [{"id": "T-900", "customer_id": 1, "customer_email": "anna.svensson@example.se",
                          "subject": "x", "body": "y", "created_at": "yesterday", "status": "open"}]}
            """, to: data)
        let server = try APIServer(["--data", data])
        var environment = SampleServices.environment
        environment["PORTA_SUPPORT_API_URL"] = server.url + "/api/tickets"
        let error = try await ExportFailure.of {
            try await sample.records(from: "support", for: ["email:anna.svensson@example.se"], environment: environment)
        }
        #expect(error.code == .invalidRow && error.key == "T-900" && error.message.hasPrefix("collected-at"))
    }
}
