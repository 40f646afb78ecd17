import Foundation
import PortaModel
import PortaRegister
import Yams

/// A controller's `porta.yml`: who the controller is, its portability policy, and its sources
/// with the mapping of each onto the canonical model.
///
/// Loading checks everything that can be checked without opening a source: unknown keys, kinds
/// and fields that do not exist, required fields left unmapped, values that cannot be a
/// provenance or legal basis. Each error names the file, key path and line.
///
/// ```swift
/// let config = try PortaConfig.load(from: "samples/retailer/porta.yml")
/// config.sources.map(\.id) // ["shop"]
/// ```
public struct PortaConfig: Sendable {
    /// The file the config was read from.
    public let file: String
    /// The controller answering requests.
    public let controller: ControllerSettings
    /// The controller's choices within what the GDPR allows.
    public let policy: PolicySettings
    /// The record kinds of this controller's bundles: `porta/1`'s and those it declares (`kinds:`).
    public let catalogue: RecordCatalogue
    /// The sources, in the order they are asked.
    public let sources: [SourceConfig]
    /// The id of the database source whose subject table lists everyone, for bulk export
    /// (`subject-index:`); nil when the config names none.
    public let subjectIndex: String?
    /// The register of requests, when the config keeps one (`register:`).
    public let register: RegisterSettings?

    /// Reads and checks a config file. Relative source paths are taken from the file's folder.
    /// - Throws: ``ConfigError``.
    public static func load(from path: String) throws -> PortaConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigError(file: path, keyPath: "", line: nil, message: "cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(file: path, keyPath: "", line: nil, message: "is not UTF-8 text")
        }
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        return try parse(yaml: text, file: path, baseDirectory: folder)
    }

    /// Parses and checks config text.
    /// - Throws: ``ConfigError``.
    public static func parse(yaml: String, file: String, baseDirectory: String) throws -> PortaConfig {
        let root = try ConfigNode.root(yaml: yaml, file: file)
            .mapping(allowed: ["porta", "controller", "policy", "kinds", "sources", "subject-index", "register"])
        let version = try root.required("porta")
        guard try version.string() == "1" else { throw version.error("must be 1 (the config format this Porta reads)") }
        let controller = try ControllerSettings(try root.required("controller"))
        let policy = try root.optional("policy").map(PolicySettings.init) ?? PolicySettings()
        let catalogue = try KindDeclarations.catalogue(root.optional("kinds"))
        let sourceNodes = try root.required("sources").sequence()
        guard !sourceNodes.isEmpty else { throw try root.required("sources").error("must list at least one source") }
        var sources: [SourceConfig] = []
        for sourceNode in sourceNodes {
            let source = try SourceConfig(sourceNode, baseDirectory: baseDirectory, catalogue: catalogue)
            guard !sources.contains(where: { $0.id == source.id }) else {
                throw sourceNode.error("source id \(source.id) is used twice")
            }
            sources.append(source)
        }
        var subjectIndex: String?
        if let indexNode = root.optional("subject-index") {
            let id = try indexNode.string()
            guard let source = sources.first(where: { $0.id == id }) else { throw indexNode.error("names no source of this config") }
            guard source.kind.isSQL else {
                throw indexNode.error("must name a sqlite, postgresql or mysql source: only a database has a table of every subject")
            }
            subjectIndex = id
        }
        let register = try root.optional("register").map { try RegisterSettings($0, baseDirectory: baseDirectory) }
        return PortaConfig(file: file, controller: controller, policy: policy, catalogue: catalogue, sources: sources, subjectIndex: subjectIndex,
                           register: register)
    }
}

/// Who the controller is, as bundles and the page for the person name it.
public struct ControllerSettings: Sendable, Hashable {
    /// A short token naming the controller in ids (`exempelbutiken`).
    public let id: String
    /// The controller's legal name.
    public let name: String
    /// The company registration number, when given.
    public let organisationNumber: String?
    /// The controller's country, ISO 3166-1 alpha-2.
    public let country: String
    /// Where the person can reach the controller about their data (a DPO's address).
    public let contact: String?
    /// The language of bundles when a request names none, BCP 47.
    public let language: String
    /// The zone the person's page shows times in (IANA, `Europe/Stockholm`); UTC when not given.
    public let timeZone: String?

    init(_ node: ConfigNode) throws {
        let map = try node.mapping(allowed: ["id", "name", "organisation-number", "country", "contact", "language", "time-zone"])
        let idNode = try map.required("id")
        id = try idNode.string()
        guard id.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }) else {
            throw idNode.error("must be lower-case letters, digits and hyphens")
        }
        name = try Self.singleLine(try map.required("name"))
        organisationNumber = try map.optional("organisation-number").map(Self.singleLine)
        let countryNode = try map.required("country")
        do { country = try CountryCode(try countryNode.string()).code } catch let error as ModelError {
            throw countryNode.error(error.message)
        }
        contact = try map.optional("contact").map(Self.singleLine)
        if let languageNode = map.optional("language") {
            do { language = try LanguageTag(try languageNode.string()).tag } catch let error as ModelError {
                throw languageNode.error(error.message)
            }
        } else {
            language = "en"
        }
        if let zoneNode = map.optional("time-zone") {
            let name = try zoneNode.string()
            guard TimeZone(identifier: name) != nil else { throw zoneNode.error("is not a time zone of the tz database") }
            timeZone = name
        } else {
            timeZone = nil
        }
    }

    private static func singleLine(_ node: ConfigNode) throws -> String {
        let text = try node.string()
        guard !text.contains(where: \.isNewline) else { throw node.error("must be one line") }
        return text
    }
}

/// The controller's portability policy switches. By default a portability bundle keeps what
/// Art. 20(1)(a) covers: data the person provided, processed on consent or under contract.
/// A controller may keep less (`include-consent: false`), which its config must say, and which
/// ``warnings`` names; or more (`include-observed: true`).
public struct PolicySettings: Sendable, Hashable {
    /// Keep data processed on consent in a portability bundle (Art. 20(1)(a)); on by default.
    public var includeConsent = true
    /// Also keep observed data in a portability bundle (EDPB WP 242).
    public var includeObserved = false

    public init(includeConsent: Bool = true, includeObserved: Bool = false) {
        self.includeConsent = includeConsent
        self.includeObserved = includeObserved
    }

    init(_ node: ConfigNode) throws {
        let map = try node.mapping(allowed: ["portability"])
        guard let portability = map.optional("portability") else { return }
        let switches = try portability.mapping(allowed: ["include-consent", "include-observed"])
        includeConsent = try switches.optional("include-consent")?.bool() ?? true
        includeObserved = try switches.optional("include-observed")?.bool() ?? false
    }

    /// What these settings keep that the law would not have them keep: one sentence each,
    /// naming the article, for `porta sources check` and `porta export` to show.
    public var warnings: [String] {
        includeConsent ? [] : [
            "policy: portability bundles keep data processed under contract only (include-consent: false), "
                + "less than GDPR Art. 20(1)(a) covers (provided data on consent or contract)",
        ]
    }

    /// The policy for a request of `purpose` under these settings.
    public func policy(for purpose: Purpose) -> ExportPolicy {
        switch purpose {
        case .access: .access
        case .portability: .portability(includeConsent: includeConsent, includeObserved: includeObserved)
        }
    }
}
