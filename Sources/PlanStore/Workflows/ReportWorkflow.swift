import Foundation
import Git
import PlanModel

/// `plancascade report`: one validated commit of the unit's figures for a period.
///
/// A ratio indicator keeps numerator and denominator (41940/58818), never only the
/// percentage. Reporting again for the same period replaces the figures given and keeps
/// the others; the history keeps the old values.
public struct ReportWorkflow {
    public struct Outcome: Sendable {
        public let report: ProgressReport
        public let path: String
        public let replaced: [String: Figure]
        public let commit: Oid?
    }

    public let environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    /// Parses `indicator=value` or `indicator=numerator/denominator`.
    /// - Throws: `PlanStoreError.invalidArgument` saying what form is expected.
    public static func parseFigure(_ text: String) throws -> (indicator: String, figure: Figure) {
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty else {
            throw PlanStoreError.invalidArgument(name: "figure", value: text, reason: "is not indicator=value or indicator=numerator/denominator, e.g. DVC-ONLINE=41940/58818")
        }
        let indicator = parts[0].trimmingCharacters(in: .whitespaces)
        if let problem = Identifier.problem(indicator) {
            throw PlanStoreError.invalidArgument(name: "indicator", value: indicator, reason: problem)
        }
        let value = parts[1].trimmingCharacters(in: .whitespaces)
        if value.contains("/") {
            let halves = value.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard halves.count == 2, let numerator = Exact(halves[0]), let denominator = Exact(halves[1]) else {
                throw PlanStoreError.invalidArgument(name: indicator, value: value, reason: "is not numerator/denominator of exact decimals, e.g. 41940/58818")
            }
            guard denominator > Exact(0), numerator >= Exact(0) else {
                throw PlanStoreError.invalidArgument(name: indicator, value: value, reason: "needs a denominator above 0 and a numerator of at least 0")
            }
            return (indicator, Figure(numerator: numerator, denominator: denominator))
        }
        guard let exact = Exact(value) else {
            throw PlanStoreError.invalidArgument(name: indicator, value: value, reason: "is not an exact decimal; write decimals with a point, e.g. 62.4")
        }
        return (indicator, Figure(value: exact))
    }

    /// Records `figures` and `tasks` for `period` in one commit.
    public func run(period periodText: String, figures: [(indicator: String, figure: Figure)], tasks: [String: TaskStatus],
                    in repository: UnitRepository) throws -> Outcome {
        guard let period = Period(periodText) else {
            throw PlanStoreError.invalidArgument(name: "period", value: periodText, reason: "is not a period; write 2024, 2024-H1, 2024-Q3, 2024-10 or 2024-11-18")
        }
        guard !figures.isEmpty || !tasks.isEmpty else {
            throw PlanStoreError.invalidArgument(name: "report", value: periodText, reason: "has no figures; give indicator=value or indicator=numerator/denominator")
        }
        guard let head = try repository.head() else { throw PlanStoreError.notAUnitRepository(path: repository.displayRoot) }
        // Only what the figures and task states are checked against.
        let snapshot = try PlanSnapshot.load(from: repository, commit: head, kinds: [.indicator, .task])
        let year = period.year
        let plan = snapshot.years[year] ?? PlanSnapshot.Year()
        var problems: [String] = []
        for (code, figure) in figures {
            guard let indicator = plan.indicators[code] else {
                throw PlanStoreError.unknownIndicator(code: code, year: year, known: plan.indicators.keys.sorted())
            }
            if indicator.aggregation == .ratio && figure.value != nil {
                problems.append("\(code) is a ratio indicator: report numerator/denominator (e.g. \(code)=41940/58818), not only the percentage, so it can be summed up the hierarchy")
            }
        }
        for id in tasks.keys where plan.tasks[id] == nil {
            problems.append("task '\(id)' is not in plans/\(year)/tasks/ (tasks: \(plan.tasks.keys.sorted().prefix(8).joined(separator: ", ")))")
        }
        if !problems.isEmpty { throw PlanStoreError.invalidInput(findings: problems) }

        let path = Layout.progressFile(year: year, period: period.description)
        let unit = snapshot.unit
        let identity = try Identity.resolve(for: repository.git, environment: environment)
        var report = try repository.document(ProgressReport.self, at: path)
            ?? ProgressReport(unit: unit.id, period: period, reportedBy: identity.author.name, reportedAt: Self.timestamp(identity.author))
        var replaced: [String: Figure] = [:]
        for (code, figure) in figures {
            if let old = report.figures[code], old != figure { replaced[code] = old }
            report.figures[code] = figure
        }
        for (id, status) in tasks { report.tasks[id] = status }
        report.reportedBy = identity.author.name
        report.reportedAt = Self.timestamp(identity.author)

        let summary = figures.map { "\($0.indicator) \(Self.text($0.figure))" } + tasks.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value.rawValue)" }
        let message = CommitTrailers.report(replaced: replaced.sorted { $0.key < $1.key }.map { ($0.key, Self.text($0.value)) })
            .message("Report \(period) of \(unit.id): " + summary.joined(separator: ", "))
        let commit = try repository.commitValidated([path: try CanonicalJSON.encode(report)], message: message, identity: identity)
        return Outcome(report: report, path: path, replaced: replaced, commit: commit)
    }

    /// A figure as a clerk writes it: `41940/58818` or `62.4`.
    public static func text(_ figure: Figure) -> String {
        if let numerator = figure.numerator, let denominator = figure.denominator { return "\(numerator)/\(denominator)" }
        return figure.value.map { "\($0)" } ?? "?"
    }

    /// The signature's time as an ISO 8601 timestamp with its offset.
    static func timestamp(_ signature: Signature) -> Timestamp { Timestamp(signature) }
}
