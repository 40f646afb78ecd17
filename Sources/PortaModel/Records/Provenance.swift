/// How the controller came to hold a record: the distinction GDPR Art. 20(1) and the EDPB's
/// portability guidelines (WP 242 rev.01) draw between data the person *provided*, data
/// *observed* from their use of a service, data *derived* or inferred by the controller, and
/// data *acquired* from someone else (a data broker, a public register).
public enum Provenance: String, Sendable, CaseIterable, Codable {
    case provided
    case observed
    case derived
    case acquired
}
