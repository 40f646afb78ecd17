/// How an integer column holds a time: seconds or milliseconds since 1970-01-01T00:00:00Z.
/// An integer is a time only through one of these, named in the mapping
/// (`placedAt: { column: placed_ms, epoch: milliseconds }`).
public enum EpochUnit: String, Sendable, CaseIterable {
    case seconds
    case milliseconds
}

/// The years a time or date field's values may fall in. A value outside is a broken row, so
/// an epoch read in the wrong unit, or a placeholder like `0001-01-01`, never reaches a bundle.
/// By default from 1900 to 100 years after the bundle's creation; a mapping widens it with
/// `earliest-year` and `latest-year`.
public struct YearWindow: Sendable, Hashable {
    /// The earliest year a value may have, when the mapping says.
    public var earliestYear: Int?
    /// The latest year a value may have, when the mapping says.
    public var latestYear: Int?

    public static let defaultEarliestYear = 1900
    public static let defaultYearsAhead = 100

    public init(earliestYear: Int? = nil, latestYear: Int? = nil) {
        self.earliestYear = earliestYear
        self.latestYear = latestYear
    }

    /// The window's bounds for a bundle created in `referenceYear`.
    public func bounds(referenceYear: Int) -> ClosedRange<Int> {
        let earliest = earliestYear ?? Self.defaultEarliestYear
        return earliest...max(earliest, latestYear ?? referenceYear + Self.defaultYearsAhead)
    }
}
