/// The name of the format Porta writes and reads, `porta/1`: in every bundle's manifest, and
/// in the derivation of every record id (so ids of one version never collide with another's).
public enum FormatVersion {
    public static let current = "porta/1"
}
