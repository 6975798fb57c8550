/// A target a unit set against its OWN figure of the previous year (issue 17 part 5; 002
/// II.1–II.4: the province's own 2024 versus its own 2023), with that figure's provenance:
/// which report, at which commit, gave the figure.
public struct YearOnYear: Codable, Hashable, Sendable {
    /// `improve:N`, `rank:-N`, `higher` (strictly better: "cao hơn năm 2023") or `maintain`.
    public var rule: String
    /// The year the figure is of (the target's year − 1).
    public var year: Int
    /// The period of the report the figure came from (`2023`, `2023-Q4`…).
    public var period: String
    /// The unit's own figure of that period (a ratio's exact percentage).
    public var figure: Exact
    /// The report file, e.g. `progress/2023/2023.json`.
    public var file: String
    /// The commit (40 hexadecimal digits) the figure was read at.
    public var commit: String
    /// The value the rule gave.
    public var derived: Exact

    public init(rule: String, year: Int, period: String, figure: Exact, file: String, commit: String, derived: Exact) {
        self.rule = rule
        self.year = year
        self.period = period
        self.figure = figure
        self.file = file
        self.commit = commit
        self.derived = derived
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case rule, year, period, figure, file, commit, derived
    }
}

extension YearOnYear {
    /// `rule`, `year`, `figure`, `file` and `commit` (7 digits), for the messages that name
    /// the figure a target was set against.
    public var messageArguments: [String: Message.Value] {
        ["rule": .text(rule), "year": .year(year), "figure": .number(figure), "file": .text(file), "commit": .text(String(commit.prefix(7)))]
    }
}
