/// The record kinds one export or one bundle knows: the kinds of `porta/1`, then the
/// controller's extension kinds in the order they were declared. Every stage that lists kinds
/// or finds one by name asks the catalogue, so an extension kind travels like any other.
public struct RecordCatalogue: Hashable, Sendable {
    /// The kinds of `porta/1` alone.
    public static let porta1 = RecordCatalogue(checked: RecordKind.all)

    /// Every kind, in the order bundles list them: `porta/1`'s first.
    public let kinds: [RecordKind]
    private let byName: [String: RecordKind]

    private init(checked kinds: [RecordKind]) {
        self.kinds = kinds
        byName = Dictionary(uniqueKeysWithValues: kinds.map { ($0.name, $0) })
    }

    /// `porta/1`'s kinds and `extensions`.
    /// - Throws: ``ModelError`` `invalid-kind-declaration` when an extension is not marked as
    ///   one, when its name or id prefix is taken, or when a reference names a kind the
    ///   catalogue does not hold (or holds under another prefix).
    public init(extensions: [RecordKind]) throws {
        var names = Set(RecordKind.all.map(\.name))
        var prefixes = Set(RecordKind.all.map(\.idPrefix))
        for kind in extensions {
            func fail(_ message: String, _ part: String) -> ModelError {
                ModelError(.invalidKindDeclaration, "kind \(kind.name): \(message)", field: part)
            }
            guard kind.isExtension else { throw fail("is not an extension kind", "name") }
            guard names.insert(kind.name).inserted else { throw fail("the name is already a kind's", "name") }
            guard prefixes.insert(kind.idPrefix).inserted else { throw fail("the id prefix is already a kind's", "idPrefix") }
        }
        self.init(checked: RecordKind.all + extensions)
        for kind in extensions {
            for field in kind.fields {
                guard case .reference(let target) = field.type else { continue }
                guard self.kind(named: target.kind)?.idPrefix == target.idPrefix else {
                    throw ModelError(.invalidKindDeclaration, "kind \(kind.name): refers to a kind that is not declared",
                                     field: "fields.\(field.name)")
                }
            }
        }
    }

    /// The controller's own kinds, in declaration order.
    public var extensions: [RecordKind] { kinds.filter(\.isExtension) }

    /// The kind with this name, or nil.
    public func kind(named name: String) -> RecordKind? { byName[name] }

    /// The reference to `kind`, for declaring a field: nil when the catalogue does not hold it.
    public func reference(to name: String) -> FieldType? {
        kind(named: name).map { FieldType.reference(to: $0) }
    }

    public static func == (lhs: RecordCatalogue, rhs: RecordCatalogue) -> Bool { lhs.kinds.map(\.declaration) == rhs.kinds.map(\.declaration) }
    public func hash(into hasher: inout Hasher) { hasher.combine(kinds.map(\.declaration)) }
}

extension RecordKind {
    /// Everything that defines the kind, for comparing two catalogues.
    fileprivate var declaration: [AnyHashable] { [name, idPrefix, title, fields, isExtension] }
}
