/// A kind of canonical record (Person, Order, Review, …): its name, id prefix and fields.
///
/// The kinds of `porta/1` are the static members (see `RecordKind+Catalogue.swift`); a
/// controller may declare its own (``RecordKind/declared(name:idPrefix:title:fields:)``). Each is
/// written to its own file in every format, named after ``name``. The field list drives the
/// writers, the readers and the published schemas alike, so they cannot drift apart.
public struct RecordKind: Hashable, Sendable, CustomStringConvertible {
    /// The kind's name in file names, manifests and configs (`order-line`).
    public let name: String
    /// The short prefix of its record ids (`orl`).
    public let idPrefix: String
    /// The kind's name for people (`Order line`).
    public let title: String
    /// The kind's own fields, in the order every format writes them (after the metadata).
    public let fields: [FieldDefinition]
    /// Whether a controller declared it (an extension kind) rather than `porta/1` itself.
    public let isExtension: Bool

    init(name: String, idPrefix: String, title: String, fields: [FieldDefinition], isExtension: Bool = false) {
        self.name = name
        self.idPrefix = idPrefix
        self.title = title
        self.fields = fields
        self.isExtension = isExtension
    }

    /// The `porta/1` kind with this name, or nil; an extension kind is found through its
    /// ``RecordCatalogue``.
    public init?(named name: String) {
        guard let kind = Self.all.first(where: { $0.name == name }) else { return nil }
        self = kind
    }

    /// The field with this name, or nil.
    public func field(named name: String) -> FieldDefinition? {
        fields.first { $0.name == name }
    }

    /// The position of the field with this name in ``fields``, or nil.
    public func position(ofField name: String) -> Int? {
        fields.firstIndex { $0.name == name }
    }

    public var description: String { name }

    public static func == (lhs: RecordKind, rhs: RecordKind) -> Bool { lhs.name == rhs.name }
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }
}
