import Foundation
import PortaConnectors
import PortaModel

/// `receiver.yml`: where a receiving controller puts the records of a bundle in its own tables
/// (`docs/receiver-yml.md`). The inverse of `porta.yml`'s mapping: per kind it takes, the
/// table, the row key, how a record finds a row that exists, what a later bundle does to a row
/// Porta made, and per column the field it takes, converted back into the receiver's own
/// representation (minor units, local times, its own codes).
///
/// ```swift
/// let mapping = try ReceiverMapping.load(from: "receiver.yml")
/// ```
public struct ReceiverMapping: Sendable {
    /// How a record finds a row of the receiver's that exists.
    public enum Match: Sendable, Equatable {
        /// By the link table alone: the sender and the record's stable id.
        case link
        /// By the receiver's natural key: a row whose `columns` hold the record's values.
        case columns([String])
    }

    /// What a later bundle from the same sender does to a row Porta made.
    public enum OnUpdate: String, Sendable, CaseIterable {
        case update, keep
    }

    /// One column of a target table, the field it takes and how.
    public struct Column: Sendable {
        public let name: String
        public let field: String
        public let conversion: ReceiverConversion
    }

    /// Where the records of one kind go.
    public struct Target: Sendable {
        public let kind: String
        public let table: String
        /// The receiver's row key column, which its database fills on insert.
        public let key: String
        public let match: Match
        public let onUpdate: OnUpdate
        public let columns: [Column]
    }

    /// The file it was read from.
    public let file: String
    /// What the link table and the table of imported bundles start with.
    public let prefix: String
    /// The targets, in the file's order.
    public let targets: [Target]

    /// The target of a kind, or nil when the receiver does not take it.
    public func target(for kind: String) -> Target? { targets.first { $0.kind == kind } }

    /// Reads and checks a receiver mapping. Fields of `porta/1`'s kinds are checked now; those
    /// of a sender's own kinds when a bundle declares them.
    /// - Throws: ``ConfigError`` naming the file, line and key.
    public static func load(from path: String) throws -> ReceiverMapping {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw ConfigError(file: path, keyPath: "", line: nil, message: "cannot read the file as UTF-8 text")
        }
        return try parse(yaml: text, file: path)
    }

    /// Parses and checks receiver mapping text.
    /// - Throws: ``ConfigError``.
    public static func parse(yaml: String, file: String) throws -> ReceiverMapping {
        let root = try ConfigNode.root(yaml: yaml, file: file).mapping(allowed: ["porta-receiver", "prefix", "kinds"])
        let version = try root.required("porta-receiver")
        guard try version.string() == "1" else { throw version.error("must be 1 (the receiver mapping format this Porta reads)") }
        let prefix = try root.optional("prefix")?.identifier() ?? "porta_"
        var targets: [Target] = []
        let kindsNode = try root.required("kinds")
        for (kind, node) in try kindsNode.freeMapping() {
            guard RecordKind.isKindName(kind) else { throw node.error("is not a kind name") }
            targets.append(try target(kind: kind, node))
        }
        guard !targets.isEmpty else { throw kindsNode.error("must map at least one kind") }
        let mapping = ReceiverMapping(file: file, prefix: prefix, targets: targets)
        try mapping.check(against: .porta1)
        return mapping
    }

    private static func target(kind: String, _ node: ConfigNode) throws -> Target {
        let map = try node.mapping(allowed: ["table", "key", "match", "on-update", "columns"])
        let table = try map.required("table").identifier()
        let key = try map.required("key").identifier()
        var match = Match.link
        if let matchNode = map.optional("match") {
            let names = try matchNode.oneOrMany().map { try $0.identifier() }
            if names != ["link"] { match = .columns(names) }
        }
        let onUpdate = try map.optional("on-update")?.oneOf(OnUpdate.self) ?? .update
        var columns: [Column] = []
        for (name, columnNode) in try map.required("columns").freeMapping() {
            guard ConfigNode.isIdentifier(name) else { throw columnNode.error("is not a plain column name") }
            guard name != key else { throw columnNode.error("is the row key, which the receiver's database fills") }
            let (field, conversion) = try ReceiverConversion.read(columnNode)
            columns.append(Column(name: name, field: field, conversion: conversion))
        }
        if case .columns(let names) = match, let stray = names.first(where: { name in !columns.contains { $0.name == name } }) {
            throw map.optional("match")!.error("names \(stray), which is not one of the columns")
        }
        return Target(kind: kind, table: table, key: key, match: match, onUpdate: onUpdate, columns: columns)
    }

    /// Every field a target names exists in its kind, fits its conversion, and every
    /// reference names a kind the receiver also takes, so each can be resolved to a row.
    /// - Throws: ``ConfigError`` naming the kind and column.
    public func check(against catalogue: RecordCatalogue) throws {
        func fail(_ message: String) -> ConfigError {
            ConfigError(file: file, keyPath: "kinds", line: nil, message: message)
        }
        for target in targets {
            // A sender's own kind is checked when a bundle declares it.
            guard let kind = catalogue.kind(named: target.kind) else { continue }
            for column in target.columns {
                guard let field = kind.field(named: column.field) else {
                    throw fail("\(target.kind).columns.\(column.name): \(target.kind) has no field \(column.field)")
                }
                if let problem = column.conversion.problem(for: field.type) {
                    throw fail("\(target.kind).columns.\(column.name): \(problem)")
                }
                if field.type == .money, column.conversion.part == .amount, column.conversion.currency == nil,
                   !target.columns.contains(where: { $0.field == column.field && $0.conversion.part == .currency }) {
                    throw fail("\(target.kind).columns.\(column.name): takes the amount of \(column.field) without its currency; "
                               + "map the currency to a column (part: currency) or name the one the column holds (currency: SEK)")
                }
                if case .reference(let to) = field.type, self.target(for: to.kind) == nil {
                    throw fail("\(target.kind).columns.\(column.name): takes a reference to \(to.kind), which this mapping does not take, so it cannot become a row key")
                }
            }
        }
    }
}

extension ConfigNode {
    /// Whether `text` is a plain SQL name: letters, digits and underscores, not starting with a digit.
    static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.first, first.isASCII, first.isLetter || first == "_" else { return false }
        return text.count <= 63 && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
    }
}
