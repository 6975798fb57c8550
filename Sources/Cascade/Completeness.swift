import PlanModel

/// How many of the units expected to report a rollup's figure did (issue 17 part 7): a
/// province's November figure made of one of its two communes is `incomplete`, never
/// `on-track`, in `status`, `trace`, `export` and `check`.
///
/// The units expected are the reporting units of the registered subtree (PlanStore's
/// `ExpectedReporters`): each registered unit with no registered children of its own that
/// has a target for the indicator (an exempt unit, or one the target is not for, is not
/// expected), and each registered child never collected (nothing is known of it, so it is
/// expected). A unit with registered children reports through them. A figure's
/// `contributors` name the units whose own reports it sums.
public struct Completeness: Codable, Hashable, Sendable {
    /// Expected units whose own report is in the figure.
    public var reported: Int
    public var expected: Int
    /// Expected units missing from the figure, sorted.
    public var missing: [String]

    public init(reported: Int, expected: Int, missing: [String]) {
        self.reported = reported
        self.expected = expected
        self.missing = missing
    }

    /// The completeness of a figure summing `contributors`, when `expected` should report.
    public init(contributors: [String], expected: [String]) {
        let have = Set(contributors), wanted = Set(expected)
        missing = wanted.subtracting(have).sorted()
        self.expected = wanted.count
        reported = wanted.count - missing.count
    }

    /// Every expected unit is in the figure (also when none is expected).
    public var isComplete: Bool { missing.isEmpty }

    /// `1/2`.
    public var fraction: String { "\(reported)/\(expected)" }
}
