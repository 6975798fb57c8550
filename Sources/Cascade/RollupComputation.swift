import PlanModel

/// Rolling figures up the hierarchy: a unit's rollup is its own report plus each child's
/// rollup (the child's whole subtree), per indicator, by the indicator's `aggregation`.
///
/// | aggregation | total | `value` |
/// |---|---|---|
/// | `ratio` | Σnumerator / Σdenominator, both sums kept exact | the percentage rounded half-up to 2 places, for display (a `score` indicator with a `maxScore`: the score, ratio × maxScore rounded half-up to 4 places, as 003 Phụ lục 7.3.6); nil while Σdenominator is 0 |
/// | `sum` | Σvalue | the sum |
/// | `mean` | Σvalue over Σunits (each unit's figure once, never a mean of means), kept as `numerator`/`denominator` | numerator / denominator (20 places) |
/// | `min`, `max` | the least / greatest value | it |
/// | `latest`, `none` | the unit's own figure only | it |
///
/// Decisions where the plans are silent:
/// - A ratio is never an average of percentages. A figure of a ratio indicator given as a
///   bare `value` (no numerator/denominator) is skipped, without a warning: it cannot be
///   weighted. It does not count in `units` or `contributors`.
/// - A unit's own figure given as numerator/denominator for a non-ratio indicator counts as
///   its value: the score (ratio × maxScore, 4 places) for a `score` indicator, otherwise the
///   exact percentage.
/// - The unit's own `score` figures are first completed with ``CriteriaTree``: a parent
///   criterion the unit did not report itself is the sum of its reported children.
/// - `none` (the default for scores, issue 17 part 4): a unit's score is its own, assessed
///   figure, never the sum of its children's (two districts' 1.5 of a maximum 1.5 are not
///   the province's 3); children do not contribute, exactly as for `latest`.
/// - `latest`: within one period "the most recent" figure of a unit is its own; a child's
///   figure (a district's rank, say) is not the parent's, so children do not contribute
///   and a unit without its own figure gets none.
/// - Only indicators in `indicators` (the unit's own) are rolled up; a child's figure for an
///   indicator the unit does not declare is dropped, not carried over: it would not total
///   the subtree, and two children could disagree. The child's own rollup under
///   `children/<id>/rollup/` still shows it.
/// - An own figure of 0/0 (no dossiers) contributes: it counts as a reporting unit and adds
///   nothing to either sum.
/// - The caller passes the rollups and the report of the same period; `compute` does not
///   check the periods or that `own.unit == unit`.
/// - `units` is the sum of the contributions' `units` (the unit itself counts 1);
///   `contributors` the sorted union of their ids.
extension Rollup {
    /// Fractional digits of a ratio's displayed percentage.
    public static let percentageScale = 2

    /// The rollup of `unit` for `period`.
    /// - Parameters:
    ///   - own: the unit's own report for the period, if any.
    ///   - children: each child's rollup for the period, by child id.
    ///   - indicators: the unit's indicators for the period's year, by code.
    public static func compute(
        unit: String, period: Period, own: ProgressReport?, children: [String: Rollup],
        indicators: [String: Indicator]
    ) -> Rollup {
        let ownFigures = own?.figures ?? [:]
        let ownScores = CriteriaTree.scores(figures: ownFigures, indicators: indicators)
        let childRollups = children.sorted { $0.key < $1.key }.map(\.value)
        var figures: [String: RollupFigure] = [:]
        for (code, indicator) in indicators {
            var total = Total(aggregation: indicator.aggregation)
            let ownFigure = ownFigures[code]
            switch indicator.aggregation {
            case .ratio:
                if let f = ownFigure, let n = f.numerator, let d = f.denominator {
                    total.addRatio(n, d, units: 1, contributors: [unit])
                }
                for child in childRollups {
                    guard let f = child.figures[code], let n = f.numerator, let d = f.denominator else { continue }
                    total.addRatio(n, d, units: f.units, contributors: f.contributors)
                }
            case .sum, .mean, .min, .max, .latest, .none:
                let ownValue = indicator.measure == .score ? ownScores[code] : ownFigure.flatMap(value(of:))
                if let ownValue { total.addValue(ownValue, units: 1, contributors: [unit]) }
                guard indicator.aggregation != .latest, indicator.aggregation != .none else { break }
                for child in childRollups {
                    guard let f = child.figures[code] else { continue }
                    if indicator.aggregation == .mean, let n = f.numerator, let d = f.denominator {
                        total.addMean(sum: n, count: d, units: f.units, contributors: f.contributors)
                    } else if let v = f.value {
                        total.addValue(v, units: f.units, contributors: f.contributors)
                    }
                }
            }
            if let figure = total.figure(indicator) { figures[code] = figure }
        }
        return Rollup(unit: unit, period: period, figures: figures)
    }

    /// The value of a unit's own figure for a non-ratio indicator: `value`, else the exact
    /// percentage numerator / denominator × 100.
    static func value(of figure: Figure) -> Exact? {
        if let value = figure.value { return value }
        guard let n = figure.numerator, let d = figure.denominator else { return nil }
        return Exact.quotient(n * 100, d, scale: Exact.divisionScale)
    }
}

/// The running total of one indicator.
private struct Total {
    let aggregation: Aggregation
    var numerator: Exact = .zero
    var denominator: Exact = .zero
    var value: Exact?
    var units = 0
    var contributors: Set<String> = []
    var contributed = false

    init(aggregation: Aggregation) {
        self.aggregation = aggregation
    }

    mutating func count(_ units: Int, _ ids: [String]) {
        self.units += units
        contributors.formUnion(ids)
        contributed = true
    }

    mutating func addRatio(_ n: Exact, _ d: Exact, units: Int, contributors ids: [String]) {
        numerator += n
        denominator += d
        count(units, ids)
    }

    /// A mean's exact parts: the sum of the unit values and how many there were.
    mutating func addMean(sum: Exact, count n: Exact, units: Int, contributors ids: [String]) {
        numerator += sum
        denominator += n
        count(units, ids)
    }

    mutating func addValue(_ v: Exact, units: Int, contributors ids: [String]) {
        switch aggregation {
        case .sum: value = (value ?? .zero) + v
        case .min: value = value.map { Swift.min($0, v) } ?? v
        case .max: value = value.map { Swift.max($0, v) } ?? v
        case .latest, .none: value = v
        case .mean:
            // A figure without its parts: its value stands for `units` equal values.
            numerator += v * Exact(units)
            denominator += Exact(units)
        case .ratio: return
        }
        count(units, ids)
    }

    func figure(_ indicator: Indicator) -> RollupFigure? {
        guard contributed else { return nil }
        let ids = contributors.sorted()
        switch aggregation {
        case .ratio:
            let shown =
                indicator.measure == .score && indicator.maxScore != nil
                ? CriteriaTree.score(numerator: numerator, denominator: denominator, maxScore: indicator.maxScore)
                : Exact.quotient(numerator * 100, denominator, scale: Rollup.percentageScale)
            return RollupFigure(numerator: numerator, denominator: denominator, value: shown, units: units, contributors: ids)
        case .mean:
            let mean = denominator == 0 ? nil : numerator / denominator
            return RollupFigure(numerator: numerator, denominator: denominator, value: mean, units: units, contributors: ids)
        case .sum, .min, .max, .latest, .none:
            return RollupFigure(value: value, units: units, contributors: ids)
        }
    }
}
