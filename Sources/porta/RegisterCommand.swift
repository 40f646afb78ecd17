import ArgumentParser
import Foundation
import PortaBundle
import PortaConnectors
import PortaModel
import PortaRegister

/// `porta register`: what the controller did for which request, and what is overdue.
struct RegisterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "register",
        abstract: "The register of requests: list entries, find a person's, record a received request, list overdue ones.",
        subcommands: [List.self, Find.self, Receive.self, Due.self]
    )

    /// Options every register command takes.
    struct Common: ParsableArguments {
        @Option(name: .long, help: "The controller's porta.yml (its register: section names the file and the secret's variable).")
        var config: String?

        @OptionGroup var file: RegisterArguments

        func validate() throws {
            if (config == nil) == (file.register == nil) {
                throw ValidationError("name the register with --config porta.yml or with --register FILE (one of them)")
            }
        }

        func openRegister() throws -> RequestRegister {
            if let register = try file.open() { return register }
            guard let config else { throw ExitStatus.couldNotRun }
            do {
                guard let register = try RegisterAccess.open(try PortaConfig.load(from: config)) else {
                    printError("\(config): the config keeps no register (add a register: section)")
                    throw ExitStatus.couldNotRun
                }
                return register
            } catch let exit as ExitCode {
                throw exit
            } catch {
                printError("\(error)")
                throw ExitStatus.couldNotRun
            }
        }
    }

    /// How entries are printed.
    enum ListingFormat: String, ExpressibleByArgument, CaseIterable { case text, json, csv }

    static func print(_ entries: [StoredRegisterEntry], as format: ListingFormat) {
        switch format {
        case .text: if !entries.isEmpty { Swift.print(RegisterListing.text(entries)) }
        case .json: FileHandle.standardOutput.write(Data(RegisterListing.json(entries)))
        case .csv: FileHandle.standardOutput.write(Data(RegisterListing.csv(entries)))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every entry, oldest first.")
        @OptionGroup var common: Common
        @Option(name: .long, help: "Only entries made on or after this day (YYYY-MM-DD) or time (RFC 3339).")
        var since: String?
        @Option(name: .long, help: "text, json or csv.")
        var format: ListingFormat = .text

        func run() throws {
            let register = try common.openRegister()
            let from: Timestamp?
            do {
                from = try since.map { text in
                    text.count == 10 ? try Timestamp(parsing: text + "T00:00:00Z") : try Timestamp(parsing: text)
                }
            } catch {
                throw ValidationError("--since must be YYYY-MM-DD or an RFC 3339 UTC time")
            }
            RegisterCommand.print(try register.entries(since: from), as: format)
        }
    }

    struct Find: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Did we answer this person? Their entries, by any one identifier.")
        @OptionGroup var common: Common
        @Option(name: .long, help: "An identifier of the person: email:…, phone:…, personnummer:… or customer-number:….")
        var subject: String
        @Option(name: .long, help: "text, json or csv.")
        var format: ListingFormat = .text

        func run() throws {
            let register = try common.openRegister()
            let identifier: SubjectIdentifier
            do { identifier = try SubjectIdentifier(parsing: subject, referenceDate: .today()) } catch { throw ValidationError("\(error)") }
            let entries = try register.entries(of: identifier)
            RegisterCommand.print(entries, as: format)
            if entries.isEmpty && format == .text { Swift.print("no entries for this person") }
        }
    }

    struct Receive: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Record a request as received, starting its one-month clock.")
        @OptionGroup var common: Common
        @Option(name: .customLong("request-id"), help: "The request's id, as its export will use it.")
        var requestID: String
        @Option(name: .long, help: "portability or access.")
        var purpose: Purpose
        @Option(name: .long, help: "An identifier of the person. Repeat for several.")
        var subject: [String]
        @Option(name: .long, help: "The day the request arrived, YYYY-MM-DD.")
        var received: String

        func run() throws {
            let register = try common.openRegister()
            let day: CalendarDate, identifiers: [SubjectIdentifier]
            do {
                day = try CalendarDate(parsing: received)
                identifiers = try subject.map { try SubjectIdentifier(parsing: $0, referenceDate: .today()) }
            } catch {
                throw ValidationError("\(error)")
            }
            let number = try register.append(RegisterEntry(action: .received, requestID: requestID, purpose: purpose,
                                                           at: Timestamp(Date()), receivedOn: day, outcome: .ok,
                                                           toolVersion: PortaVersion.current), subject: identifiers)
            Swift.print("entry \(number): request \(requestID) received \(day), due \(day.adding(months: 1))")
        }
    }

    struct Due: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Requests past GDPR's one-month deadline (Art. 12(3)): unanswered, or answered late. Exit 1 if any.")
        @OptionGroup var common: Common
        @Option(name: .long, help: "The day to judge by, YYYY-MM-DD (default: today, UTC).")
        var today: String?

        func run() throws {
            let register = try common.openRegister()
            let day: CalendarDate
            do { day = try today.map(CalendarDate.init(parsing:)) ?? .today() } catch { throw ValidationError("\(error)") }
            let due = try register.due(today: day)
            for request in due {
                let state = request.answeredAt.map { "answered late, \($0.date)" } ?? "OPEN"
                Swift.print("\(request.requestID) received \(request.receivedOn) due \(request.deadline): \(state)")
            }
            if due.isEmpty { Swift.print("no request is past its deadline") } else { throw ExitStatus.invalid }
        }
    }
}
