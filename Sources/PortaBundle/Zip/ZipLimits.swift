/// Bounds on what reading a zipped bundle may cost: a hostile zip (a "zip bomb") must not
/// fill the disk or take unbounded time. Each bound that is passed stops the unzipping.
public struct ZipLimits: Sendable {
    /// The most entries a zip may have.
    public var maximumEntries: Int
    /// The most bytes all entries may unpack to, counted as they are written (never trusted
    /// from the zip's headers).
    public var maximumTotalBytes: Int64
    /// The highest ratio of unpacked to packed size an entry may reach once it has unpacked
    /// more than `ratioFloor` bytes. Porta's JSON, CSV and XML pack 5–30 times; a bomb packs
    /// a thousand times or more.
    public var maximumRatio: Int64
    /// Below this many unpacked bytes an entry's ratio is not judged (a tiny file of repeated
    /// bytes packs well and harms nobody).
    public var ratioFloor: Int64

    public init(maximumEntries: Int = 200_000, maximumTotalBytes: Int64 = 64 << 30,
                maximumRatio: Int64 = 250, ratioFloor: Int64 = 1 << 20) {
        self.maximumEntries = maximumEntries
        self.maximumTotalBytes = maximumTotalBytes
        self.maximumRatio = maximumRatio
        self.ratioFloor = ratioFloor
    }
}
