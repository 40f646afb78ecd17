import Foundation
import PortaModel

/// The sample subject and the fixed inputs tests export it with.
public enum SampleSubject {
    /// Anna Svensson (customer 1), who shares her name with customer 2.
    public static let anna = "email:anna.svensson@example.se"
    /// A fixed creation time, so bundles are reproducible.
    public static let createdAt = "2026-01-01T00:00:00Z"
    /// The day of ``createdAt``: the day identifiers are read against.
    public static let day = try! CalendarDate(parsing: "2026-01-01")
}
