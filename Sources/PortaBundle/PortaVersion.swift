/// The version of Porta that writes bundles, as `porta-manifest.json` and `bag-info.txt` name it.
public enum PortaVersion {
    public static let current = "0.1.0"
}
