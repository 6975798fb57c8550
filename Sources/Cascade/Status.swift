import PlanModel

/// Where an indicator stands against its target on a given day.
public enum StatusState: String, Codable, Hashable, Sendable, CaseIterable {
    /// The target is met.
    case onTrack = "on-track"
    /// Not met yet, but the deadline has not passed.
    case atRisk = "at-risk"
    /// Not met and the deadline has passed.
    case missed
    /// No figure (or no target) to judge.
    case noData = "no-data"
    /// The figure leaves out units expected to report (``Completeness``): not judged.
    case incomplete
    /// A collected unit whose documents do not decode (hand-edited in the parent's clone,
    /// damaged, or collected by an older version): nothing of it is judged or counted.
    case invalid

    /// The state as a catalogue term (`term.state.on-track`…), for tables and messages.
    public var term: Message.Value { .term("term.state.\(rawValue)") }
}

/// Progress against targets (the "progress below target at a deadline" flag of DESIGN.md).
public enum Status {
    /// Evaluates one indicator:
    /// - no figure → `no-data`; no target either → `no-data` (there is nothing to judge a
    ///   figure against, and calling it on track would claim too much);
    /// - the target met by its comparator (`>=`, `>`, `<=`, `<`, `=`, or within a band) → `on-track`;
    /// - not met, and the target's deadline (without one, the period's last day) is before
    ///   `asOf` → `missed`; on the deadline itself it is still `at-risk`;
    /// - otherwise `at-risk`.
    ///
    /// For a ratio, pass the percentage (see `actual(of:indicator:)`).
    public static func evaluate(target: Target?, actual: Exact?, period: Period, asOf: CivilDate) -> StatusState {
        guard let actual, let target else { return .noData }
        if target.isMet(actual: actual) { return .onTrack }
        let deadline = target.deadline ?? period.end
        return deadline < asOf ? .missed : .atRisk
    }

    /// Evaluates a unit's rollup figure (nil: no figure). A figure that leaves out units
    /// expected to report (`completeness`) is `incomplete`, whatever it is: part of a
    /// subtree is neither on track nor a missed target.
    public static func evaluate(
        target: Target?, figure: RollupFigure?, indicator: Indicator, period: Period, asOf: CivilDate,
        completeness: Completeness? = nil
    ) -> StatusState {
        let state = evaluate(target: target, actual: figure.flatMap { actual(of: $0, indicator: indicator) }, period: period, asOf: asOf)
        if state != .noData, let completeness, !completeness.isComplete { return .incomplete }
        return state
    }

    /// The figure to compare with a target. A numerator/denominator figure gives the exact
    /// percentage numerator / denominator × 100 (20 fractional digits, not the rounded
    /// display value), or for a `score` indicator with a `maxScore` its score (ratio ×
    /// maxScore rounded half-up to 4 places, as scores are published); a bare figure its
    /// `value`. Nil when there is no value and the denominator is zero.
    public static func actual(of figure: Figure, indicator: Indicator) -> Exact? {
        actual(numerator: figure.numerator, denominator: figure.denominator, value: figure.value, indicator: indicator)
    }

    /// The figure of a rollup to compare with a target (see `actual(of:indicator:)`):
    /// a `ratio` indicator's Σnumerator / Σdenominator, otherwise its `value`.
    public static func actual(of figure: RollupFigure, indicator: Indicator) -> Exact? {
        if indicator.aggregation == .ratio {
            return actual(numerator: figure.numerator, denominator: figure.denominator, value: nil, indicator: indicator)
        }
        return figure.value
    }

    static func actual(numerator: Exact?, denominator: Exact?, value: Exact?, indicator: Indicator) -> Exact? {
        if let value { return value }
        guard let numerator, let denominator else { return nil }
        if indicator.measure == .score, indicator.maxScore != nil {
            return CriteriaTree.score(numerator: numerator, denominator: denominator, maxScore: indicator.maxScore)
        }
        return Exact.quotient(numerator * 100, denominator, scale: Exact.divisionScale)
    }
}
