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
        /// The figures recorded by this command, in the order given.
        public var figures: [(indicator: String, figure: Figure)] = []
        /// Whether the period was still running on the report's day: its figures are
        /// provisional (tạm tính); ``ProgressReport/isProvisional`` keeps it in the file.
        public var provisional = false
        /// What the clerk should know: the figures are provisional, a window is recorded for today.
        public var notices: [Message] = []
    }

    public let environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    /// Parses `indicator=value` or `indicator=numerator/denominator` in English writing
    /// (decimal point), without knowing the indicator; ``run(period:figureTexts:tasks:language:in:)``
    /// parses with the user's language and the indicator's measure.
    /// - Throws: ``InputProblem`` saying what form is expected.
    public static func parseFigure(_ text: String) throws -> (indicator: String, figure: Figure) {
        try parseFigure(text, language: .english)
    }

    /// Parses `indicator=value` or `indicator=numerator/denominator` as `language` writes
    /// numbers (``NumberInput``): numerator and denominator are counts; a value is a count
    /// when `measure` is `count` or `rank`.
    /// - Throws: ``InputProblem`` naming the indicator, what was read and what to type.
    public static func parseFigure(_ text: String, language: Language, measure: Measure? = nil) throws -> (indicator: String, figure: Figure) {
        let (indicator, value) = try split(text)
        return (indicator, try figure(value, indicator: indicator, language: language, measure: measure))
    }

    /// `indicator=rest` split at the first `=`.
    static func split(_ text: String) throws -> (String, String) {
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[0].trimmingCharacters(in: .whitespaces).isEmpty else {
            throw InputProblem(Message("input.report.figure-form", ["input": .text(text)]))
        }
        let indicator = parts[0].trimmingCharacters(in: .whitespaces)
        if let problem = Identifier.problem(indicator) {
            throw PlanStoreError.invalidArgument(name: "indicator", value: indicator, reason: problem)
        }
        return (indicator, parts[1].trimmingCharacters(in: .whitespaces))
    }

    static func figure(_ value: String, indicator: String, language: Language, measure: Measure?) throws -> Figure {
        func number(_ text: String, _ part: String, _ kind: NumberInput.Kind) throws -> Exact {
            switch NumberInput.parse(text, as: kind, language: language) {
            case .success(let n): return n
            case .failure(let problem):
                throw InputProblem(Message("input.report.figure-part", [
                    "indicator": .text(indicator), "part": .term("figure.part.\(part)"), "problem": .message(problem.message),
                ]))
            }
        }
        if value.contains("/") {
            let halves = value.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            guard halves.count == 2 else {
                throw InputProblem(Message("input.report.figure-form", ["input": .text("\(indicator)=\(value)")]))
            }
            return Figure(numerator: try number(halves[0], "numerator", .count), denominator: try number(halves[1], "denominator", .count))
        }
        let kind: NumberInput.Kind = measure == .count || measure == .rank ? .count : .value
        return Figure(value: try number(value, "value", kind))
    }

    /// Records `figures` and `tasks` for `period` in one commit (English writing, figures
    /// parsed already: for scripts and tests).
    public func run(period periodText: String, figures: [(indicator: String, figure: Figure)], tasks: [String: TaskStatus],
                    in repository: UnitRepository) throws -> Outcome {
        try record(period: periodText, figures: figures.map { ($0.indicator, .parsed($0.figure)) }, tasks: tasks, language: .english, in: repository)
    }

    /// Records the figures typed as `indicator=value` or `indicator=numerator/denominator`
    /// and `tasks` for `period`, all read as `language` writes them (``PeriodInput``,
    /// ``NumberInput``), in one commit.
    ///
    /// Refused, naming the indicator, the figure and the rule (``FigureRules``), with nothing
    /// committed: a period that has not begun on the author's day (`GIT_AUTHOR_DATE`, else
    /// today); an unknown indicator (with the nearest codes of the plan: "did you mean");
    /// a figure that breaks a rule. A period still running is accepted and its figures are
    /// provisional (``Outcome/provisional``).
    /// - Throws: ``InputProblem`` (`input.report.refused` listing every problem), or
    ///   `PlanStoreError` when the command cannot run.
    public func run(period periodText: String, figureTexts: [String], tasks: [String: TaskStatus], language: Language,
                    in repository: UnitRepository) throws -> Outcome {
        var figures: [(String, Pending)] = []
        var problems: [Message] = []
        for text in figureTexts {
            do {
                let (code, value) = try Self.split(text)
                figures.append((code, .text(value)))
            } catch let problem as InputProblem {
                problems.append(problem.message)
            }
        }
        if !problems.isEmpty { throw Self.refused(problems) }
        return try record(period: periodText, figures: figures, tasks: tasks, language: language, in: repository)
    }

    /// A figure given already parsed, or as typed (parsed once its indicator is known).
    enum Pending {
        case parsed(Figure)
        case text(String)
    }

    static func refused(_ problems: [Message]) -> InputProblem {
        InputProblem(Message("input.report.refused", ["problems": .list(problems.map { .message($0) }, separator: "\n")]))
    }

    private func record(period periodText: String, figures pending: [(String, Pending)], tasks: [String: TaskStatus],
                        language: Language, in repository: UnitRepository) throws -> Outcome {
        let parsed: PeriodInput.Parsed
        switch PeriodInput.parse(periodText, language: language) {
        case .success(let p): parsed = p
        case .failure(let problem): throw Self.refused([problem.message])
        }
        guard !pending.isEmpty || !tasks.isEmpty else {
            throw Self.refused([Message("input.report.no-figures", ["period": .period(parsed.description)])])
        }
        guard let head = try repository.head() else { throw PlanStoreError.notAUnitRepository(path: repository.displayRoot) }
        let identity = try Identity.resolve(for: repository.git, environment: environment)
        // The author's day (GIT_AUTHOR_DATE when set, so scripts and tests can set it).
        let today = Self.timestamp(identity.author).date
        guard parsed.start <= today else {
            throw Self.refused([Message("input.report.future-period", [
                "period": .period(parsed.description), "start": .date(parsed.start), "today": .date(today),
            ])])
        }
        var notices: [Message] = []
        let period: Period
        switch parsed {
        case .period(let p): period = p
        case .window(_, let last):
            // A window's figures are as of its last day, or of today while it runs.
            period = .day(min(last, today))
            if today <= last {
                notices.append(Message("input.report.window-today", ["window": .period(parsed.description), "day": .date(today)]))
            }
        }
        let provisional = period.isRunning(on: today)
        if provisional, case .period = parsed {
            notices.append(Message("input.report.provisional", ["period": .period(period.description), "end": .date(period.end)]))
        }

        // Only what the figures and task states are checked against.
        let snapshot = try PlanSnapshot.load(from: repository, commit: head, kinds: [.indicator, .task])
        let year = period.year
        let plan = snapshot.years[year] ?? PlanSnapshot.Year()
        var problems: [Message] = []
        var figures: [(indicator: String, figure: Figure)] = []
        for (code, entry) in pending {
            guard let indicator = plan.indicators[code] else {
                let near = NearestCodes.nearest(to: code, among: plan.indicators.keys)
                if near.isEmpty {
                    let known = plan.indicators.keys.sorted()
                    problems.append(Message("input.report.unknown-indicator-none", [
                        "indicator": .text(code), "year": .year(year),
                        "known": .text(known.isEmpty ? "—" : known.prefix(12).joined(separator: ", ") + (known.count > 12 ? ", …" : "")),
                    ]))
                } else {
                    problems.append(Message("input.report.unknown-indicator", [
                        "indicator": .text(code), "year": .year(year), "suggestions": .list(near.map { .text($0) }, separator: ", "),
                    ]))
                }
                continue
            }
            let figure: Figure
            switch entry {
            case .parsed(let f): figure = f
            case .text(let text):
                do { figure = try Self.figure(text, indicator: code, language: language, measure: indicator.measure) } catch let problem as InputProblem {
                    problems.append(problem.message)
                    continue
                }
            }
            if indicator.aggregation == .ratio && figure.value != nil {
                problems.append(Message("input.report.ratio-needs-parts", ["indicator": .text(code)]))
                continue
            }
            problems += FigureRules.all(figure, code: code, indicator: indicator).map(\.message)
            figures.append((code, figure))
        }
        for id in tasks.keys.sorted() where plan.tasks[id] == nil {
            problems.append(Message("input.report.unknown-task", [
                "task": .text(id), "year": .year(year), "known": .text(plan.tasks.keys.sorted().prefix(8).joined(separator: ", ")),
            ]))
        }
        if !problems.isEmpty { throw Self.refused(problems) }

        let path = Layout.progressFile(year: year, period: period.description)
        let unit = snapshot.unit
        let existing = try repository.document(ProgressReport.self, at: path)
        var report = existing
            ?? ProgressReport(unit: unit.id, period: period, reportedBy: identity.author.name, reportedAt: Self.timestamp(identity.author))
        var replaced: [String: Figure] = [:]
        for (code, figure) in figures {
            if let old = report.figures[code], old != figure { replaced[code] = old }
            report.figures[code] = figure
        }
        for (id, status) in tasks { report.tasks[id] = status }
        // The same figures and task states typed again are no change: the report (and any
        // approval that locked it) stays as it is, timestamp included.
        if let existing, existing.figures == report.figures, existing.tasks == report.tasks {
            return Outcome(report: existing, path: path, replaced: [:], commit: nil, figures: figures, provisional: provisional, notices: notices)
        }
        report.reportedBy = identity.author.name
        report.reportedAt = Self.timestamp(identity.author)

        let summary = figures.map { "\($0.indicator) \(Self.text($0.figure))" } + tasks.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value.rawValue)" }
        let message = CommitTrailers.report(
            replaced: replaced.sorted { $0.key < $1.key }.map { ($0.key, Self.text($0.value)) }, provisional: provisional ? period.end : nil)
            .message("Report \(period) of \(unit.id): " + summary.joined(separator: ", "))
        let commit = try repository.commitValidated([path: try CanonicalJSON.encode(report)], message: message, identity: identity)
        return Outcome(report: report, path: path, replaced: replaced, commit: commit, figures: figures, provisional: provisional, notices: notices)
    }

    /// A figure as a clerk writes it: `41940/58818` or `62.4`.
    public static func text(_ figure: Figure) -> String {
        if let numerator = figure.numerator, let denominator = figure.denominator { return "\(numerator)/\(denominator)" }
        return figure.value.map { "\($0)" } ?? "?"
    }

    /// The signature's time as an ISO 8601 timestamp with its offset.
    static func timestamp(_ signature: Signature) -> Timestamp { Timestamp(signature) }
}
