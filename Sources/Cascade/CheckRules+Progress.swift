import PlanModel

/// The rules of `plancascade check` that compare figures with targets and reports with
/// the reporting cadence. Their findings are warnings: a missed target or a missing report
/// is for a clerk to follow up, not a broken cascade.
extension CheckRules {
    /// Targets of `unit` whose latest figure of `year` is below them after their deadline,
    /// judged exactly as `plancascade status` judges `missed` (``Status/evaluate(target:figure:indicator:period:asOf:)``).
    /// - Parameters:
    ///   - rollups: the unit's figures (over its subtree) by period.
    ///   - indicators: how each indicator is measured, by code.
    ///   - completeness: how many of the expected units each latest figure sums, by code: an
    ///     incomplete figure is not judged (``incompleteRollups(unit:year:completeness:prefix:)``).
    public static func missedTargets(
        unit: String, year: Int, targets: [String: Target], rollups: [Period: Rollup], indicators: [String: Indicator],
        asOf: CivilDate, completeness: [String: Completeness] = [:]
    ) -> [Finding] {
        targets.sorted { $0.key < $1.key }.compactMap { code, target in
            guard let indicator = indicators[code],
                  let (period, rollup) = rollups.filter({ $0.key.year == year && $0.value.figures[code] != nil }).max(by: { $0.key < $1.key }),
                  let figure = rollup.figures[code],
                  Status.evaluate(target: target, figure: figure, indicator: indicator, period: period, asOf: asOf, completeness: completeness[code]) == .missed,
                  let actual = Status.actual(of: figure, indicator: indicator)
            else { return nil }
            let isPercent = indicator.aggregation == .ratio && indicator.measure == .percent
            var shown = isPercent ? "\(actual.rounded(scale: 2))%" : "\(actual)"
            var figureValue: Message.Value = isPercent ? .percent(actual.rounded(scale: 2)) : .number(actual)
            if indicator.aggregation == .ratio, let n = figure.numerator, let d = figure.denominator {
                shown += " (\(n)/\(d))"
                figureValue = .message(Message("check.figure-ratio", ["value": figureValue, "numerator": .number(n), "denominator": .number(d)]))
            }
            let deadline = target.deadline ?? period.end
            return Finding(
                .warning, .missedTarget, unit: unit, year: year, indicator: code, period: period.description,
                expected: target.condition, actual: shown,
                message: Message("check.missed-target", [
                    "indicator": .text(code), "unit": .text(unit), "figure": figureValue, "period": .period(period.description),
                    "comparator": .text(target.shownComparator), "target": .number(target.shownValue), "deadline": .date(deadline),
                    "asOf": .date(asOf),
                ]))
        }
    }

    /// The windows of `windows` in which `unit` has no report (warning each): a window is
    /// covered when any of `reported` (the unit's own reports and its rollups' periods) lies
    /// within it. `expected` is the window's first and last day, `start..end`.
    public static func missingReports(
        unit: String, year: Int, reported: Set<Period>, windows: [ReportingWindow], cadence: CheckCadence
    ) -> [Finding] {
        windows.filter { window in !reported.contains { window.covers($0) } }.map { window in
            Finding(
                .warning, .missingReport, unit: unit, year: year, period: window.label,
                expected: "\(window.start)..\(window.end)",
                message: Message("check.missing-report", [
                    "unit": .text(unit), "period": .period(window.label), "cadence": .term("term.cadence.\(cadence.rawValue)"),
                ]))
        }
    }

    /// One child's part in ``childrenShort(unit:year:indicator:target:children:)``.
    public struct ChildShare: Hashable, Sendable {
        public var unit: String
        /// The child's own target; nil when it has none (exempt, or missing).
        public var target: Exact?
        /// The denominator of the child's latest figure (its subtree's).
        public var denominator: Exact

        public init(unit: String, target: Exact?, denominator: Exact) {
            self.unit = unit
            self.target = target
            self.denominator = denominator
        }
    }

    /// Whether `unit`'s own target of a ratio indicator is out of reach even if every child
    /// meets its own (warning): Σ(child target × child's latest denominator) / Σ(latest
    /// denominators) against the unit's target, exact to 20 places.
    ///
    /// A child without a target (exempt) promises nothing: 0 for a `>=` target, 100 for a
    /// `<=` one. Children without a figure carry no weight. Only `ratio` indicators with a
    /// `>=` or `<=` target are checked.
    public static func childrenShort(
        unit: String, year: Int, indicator: Indicator, target: Target, children: [ChildShare], prefix: String = ""
    ) -> Finding? {
        guard indicator.aggregation == .ratio, let way = target.comparator.direction else { return nil }
        let weighed = children.filter { $0.denominator > 0 }.sorted { $0.unit < $1.unit }
        let total = weighed.reduce(Exact.zero) { $0 + $1.denominator }
        let none: Exact = way == .higher ? 0 : 100
        let promised = weighed.reduce(Exact.zero) { $0 + ($1.target ?? none) * $1.denominator }
        guard let aggregate = Exact.quotient(promised, total, scale: Exact.divisionScale),
              !target.isMet(actual: aggregate) else { return nil }
        let shown = "\(aggregate.rounded(scale: 2))"
        let unitSign = indicator.measure == .percent ? "%" : ""
        let untargeted = weighed.filter { $0.target == nil }.map(\.unit)
        return Finding(
            .warning, .childrenShort, unit: unit, year: year, indicator: indicator.code,
            file: prefix + "plans/\(year)/targets/\(indicator.code).json",
            expected: target.condition, actual: shown,
            message: Message("check.children-short", [
                "unit": .text(unit), "indicator": .text(indicator.code),
                "reach": unitSign.isEmpty ? .number(aggregate.rounded(scale: 2)) : .percent(aggregate.rounded(scale: 2)),
                "weights": .list(weighed.map { share in
                    .message(Message("check.children-short.weight", [
                        "unit": .text(share.unit), "target": share.target.map { .number($0) } ?? .message(Message("check.children-short.none")),
                        "denominator": .number(share.denominator),
                    ]))
                }),
                "comparator": .text(target.shownComparator), "target": .number(target.shownValue),
                "untargeted": untargeted.isEmpty ? .text("") : .message(Message("check.children-short.untargeted", [
                    "units": .list(untargeted.map { .text($0) }), "count": .count(untargeted.count),
                ])),
            ]))
    }
}
