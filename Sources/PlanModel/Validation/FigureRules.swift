/// The rules a reported figure must meet, so that it cannot be wrong silently. Used by
/// validation (every read, `validate`, `collect`, the server hook) and by `report` and the
/// imports before they commit; each problem names the indicator, the figure and the rule.
///
/// Without the indicator (``check(_:code:)``, a single-document rule):
/// - every number within ``FigureBounds`` (15 integer digits, 6 decimals): `1e127` and
///   `1e-100` are refused, so no sum up the hierarchy nears the range of ``Exact``;
/// - no negative value, numerator or denominator;
/// - numerator and denominator are whole numbers (they count dossiers, procedures…);
/// - a denominator of 0 only with a numerator of 0: `0/0` is "no dossiers" (it rolls up as
///   nothing, never a division by zero), `5/0` is refused.
///
/// With the indicator (``check(_:code:indicator:)``, a cross-file rule):
/// - a percent indicator's value within 0–100;
/// - a numerator not above its denominator for a percent or ratio indicator (and a score
///   given as numerator/denominator of its maximum);
/// - a score not above its criterion's `maxScore`;
/// - the value of a count or rank indicator a whole number.
public enum FigureRules {
    /// One broken rule: the finding's kind, its message and the figure's field it is about
    /// (`value`, `numerator`, `denominator`; nil for the figure as a whole).
    public struct Problem: Hashable, Sendable {
        public var kind: Finding.Kind
        public var message: Message
        public var field: String?

        public init(_ kind: Finding.Kind, _ message: Message, field: String? = nil) {
            self.kind = kind
            self.message = message
            self.field = field
        }
    }

    private static func parts(_ figure: Figure) -> [(String, Exact)] {
        [("value", figure.value), ("numerator", figure.numerator), ("denominator", figure.denominator)].compactMap { name, v in
            v.map { (name, $0) }
        }
    }

    /// The rules that need no indicator.
    public static func check(_ figure: Figure, code: String) -> [Problem] {
        var problems: [Problem] = []
        var outOfBounds = false
        for (field, value) in parts(figure) {
            let args: [String: Message.Value] = ["indicator": .text(code), "part": .term("figure.part.\(field)"), "figure": .number(value)]
            if !FigureBounds.fitsReport(value) {
                outOfBounds = true
                problems.append(Problem("range", Message("figure.too-long", args.merging([
                    "integer-digits": .count(FigureBounds.integerDigits), "fraction-digits": .count(FigureBounds.fractionDigits),
                ]) { a, _ in a }), field: field))
                continue
            }
            if value.isNegative {
                problems.append(Problem("range", Message("figure.negative", args), field: field))
            } else if field != "value", !value.isInteger {
                problems.append(Problem("range", Message("figure.not-whole", args.merging(["whole": .text(value.rounded(scale: 0).description)]) { a, _ in a }), field: field))
            }
        }
        if !outOfBounds, let n = figure.numerator, let d = figure.denominator, d == .zero, n > .zero {
            problems.append(Problem("range", Message("figure.denominator-zero", ["indicator": .text(code), "numerator": .number(n)]), field: "denominator"))
        }
        return problems
    }

    /// The rules that need the indicator the figure is for.
    public static func check(_ figure: Figure, code: String, indicator: Indicator) -> [Problem] {
        // Numbers out of bounds are reported by the single-document rules; nothing to compare.
        guard parts(figure).allSatisfy({ FigureBounds.fitsReport($0.1) }) else { return [] }
        var problems: [Problem] = []
        if let value = figure.value {
            let args: [String: Message.Value] = ["indicator": .text(code), "figure": .number(value)]
            switch indicator.measure {
            case .percent where value < .zero || value > 100:
                problems.append(Problem("range", Message("figure.percent-range", args), field: "value"))
            case .score:
                if let max = indicator.maxScore, value > max {
                    problems.append(Problem("range", Message("figure.above-max-score", args.merging(["max": .number(max)]) { a, _ in a }), field: "value"))
                }
            case .count, .rank:
                if !value.isInteger {
                    problems.append(Problem("range", Message("figure.not-whole-count", args.merging([
                        "whole": .text(value.rounded(scale: 0).description),
                    ]) { a, _ in a }), field: "value"))
                }
            default:
                break
            }
        }
        let bounded = indicator.measure == .percent || indicator.aggregation == .ratio || (indicator.measure == .score && indicator.maxScore != nil)
        if bounded, let n = figure.numerator, let d = figure.denominator, n > d, d > .zero {
            problems.append(Problem("range", Message("figure.numerator-above-denominator", [
                "indicator": .text(code), "numerator": .number(n), "denominator": .number(d),
            ]), field: "numerator"))
        }
        return problems
    }

    /// Both sets of rules: what `report` and the imports check before they commit.
    public static func all(_ figure: Figure, code: String, indicator: Indicator?) -> [Problem] {
        let single = check(figure, code: code)
        guard let indicator else { return single }
        return single + check(figure, code: code, indicator: indicator)
    }

    /// The report as a whole: its figures are for a period that had begun when it was
    /// reported (`reportedAt` on or after the period's first day). A report for a period that
    /// had not begun is refused wherever it arrives — `report` checks the day it runs, and
    /// `collect` and the server hook check what a child pushed without the tool.
    public static func check(_ report: ProgressReport) -> [Problem] {
        guard report.reportedAt.date < report.period.start else { return [] }
        return [Problem("range", Message("figure.period-not-begun", [
            "period": .period(report.period.description), "start": .date(report.period.start), "reported": .date(report.reportedAt.date),
        ]), field: "reportedAt")]
    }

    /// A rollup figure: every number within the rollup bounds (24 integer digits, 20 decimals).
    public static func check(_ figure: RollupFigure, code: String) -> [Problem] {
        [("numerator", figure.numerator), ("denominator", figure.denominator), ("value", figure.value)].compactMap { field, v in
            guard let v, !FigureBounds.fitsRollup(v) else { return nil }
            return Problem("range", Message("figure.rollup-too-long", [
                "indicator": .text(code), "part": .term("figure.part.\(field)"), "figure": .number(v),
                "integer-digits": .count(FigureBounds.rollupIntegerDigits), "fraction-digits": .count(FigureBounds.rollupFractionDigits),
            ]), field: field)
        }
    }
}
