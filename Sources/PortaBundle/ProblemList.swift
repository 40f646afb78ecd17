/// Problems gathered with a bound per code, so a hostile bundle (a manifest listing two
/// million missing files) cannot fill memory or a report: the first ``perCode`` of each code
/// are kept, the rest only counted, and ``problems`` ends with one problem per code saying how
/// many were left out. (`formats/findings.md` states the bound.)
public struct ProblemList: Sendable {
    /// How many problems of one code are kept.
    public static let perCode = 100

    private var kept: [BundleProblem] = []
    private var counts: [FindingCode: Int] = [:]

    public init() {}

    /// Takes a problem, or only counts it once its code has ``perCode`` kept.
    public mutating func append(_ problem: BundleProblem) {
        counts[problem.code, default: 0] += 1
        if counts[problem.code]! <= Self.perCode { kept.append(problem) }
    }

    public mutating func append(contentsOf problems: some Sequence<BundleProblem>) {
        for problem in problems { append(problem) }
    }

    /// Takes another list's problems and counts, as if each had been appended here.
    public mutating func append(_ other: ProblemList) {
        for problem in other.kept { append(problem) }
        for (code, count) in other.counts {
            let keptThere = other.kept.filter { $0.code == code }.count
            counts[code, default: 0] += count - keptThere
        }
    }

    /// The kept problems in the order they came, then for each code with more, how many more.
    public var problems: [BundleProblem] {
        kept + counts.filter { $0.value > Self.perCode }.sorted { $0.key.rawValue < $1.key.rawValue }.map { code, count in
            BundleProblem(code: code, message: "\(count - Self.perCode) more \(code.rawValue) problems were found and left out of the report")
        }
    }

    public var isEmpty: Bool { kept.isEmpty }
}
