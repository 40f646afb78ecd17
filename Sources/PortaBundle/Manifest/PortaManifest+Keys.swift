/// The JSON keys of `porta-manifest.json`, each spelled once, in the order the manifest writes
/// them. The writer and the reader both take them from here.
extension PortaManifest {
    enum Key: String, CaseIterable {
        case context = "@context", format, bundleId, createdAt, controller, request, subject, policy, kinds, sources, files,
             exclusions, unreadable, identity, contents, generator
    }
    enum ControllerKey: String, CaseIterable { case id, name, organisationNumber, country, contact }
    enum RequestKey: String, CaseIterable { case id, purpose, article, right, language }
    enum SubjectKey: String, CaseIterable { case identifiers }
    enum IdentifierKey: String, CaseIterable { case scheme, value, foundIn }
    enum PolicyKey: String, CaseIterable { case purpose, provenance, legalBasis }
    enum SourceKey: String, CaseIterable { case id, connector, records, excluded, unreadable }
    enum UnreadableKey: String, CaseIterable { case source, kind, reason, records }
    enum FileKey: String, CaseIterable { case path, format, mediaType, kind, bytes, sha256, records }
    enum ExclusionKey: String, CaseIterable { case source, kind, reason, explanation, records }
    enum GeneratorKey: String, CaseIterable { case name, version }
    enum IdentityKey: String, CaseIterable { case excludedSourceKeys, acceptedConflicts }
    enum ConflictKey: String, CaseIterable { case records, fields }
}

/// A key set whose members are all required but for a few.
protocol ManifestKeys: RawRepresentable<String>, CaseIterable, Hashable {
    /// The keys that may be left out.
    static var optional: [Self] { get }
}

extension ManifestKeys {
    static var optional: [Self] { [] }
    static var requiredNames: [String] { allCases.filter { !optional.contains($0) }.map(\.rawValue) }
    static var optionalNames: [String] { optional.map(\.rawValue) }
}

extension PortaManifest.Key: ManifestKeys { static var optional: [Self] { [.kinds, .unreadable, .identity] } }
extension PortaManifest.ControllerKey: ManifestKeys { static var optional: [Self] { [.organisationNumber, .contact] } }
extension PortaManifest.RequestKey: ManifestKeys {}
extension PortaManifest.SubjectKey: ManifestKeys {}
extension PortaManifest.IdentifierKey: ManifestKeys {}
extension PortaManifest.PolicyKey: ManifestKeys {}
extension PortaManifest.SourceKey: ManifestKeys { static var optional: [Self] { [.unreadable] } }
extension PortaManifest.UnreadableKey: ManifestKeys { static var optional: [Self] { [.kind] } }
extension PortaManifest.FileKey: ManifestKeys { static var optional: [Self] { [.kind, .records] } }
extension PortaManifest.ExclusionKey: ManifestKeys {}
extension PortaManifest.GeneratorKey: ManifestKeys {}
extension PortaManifest.IdentityKey: ManifestKeys {}
extension PortaManifest.ConflictKey: ManifestKeys {}
