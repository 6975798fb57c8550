import PlanModel

/// The PAR Index score tree of one unit (rules 38 and 40; 000 Phụ lục I, 003 Phụ lục):
/// score indicators whose codes are dotted (`7`, `7.3`, `7.3.6`) form a tree, and a parent
/// is worth the sum of its children unless it has a figure of its own.
///
/// - Only indicators with `measure` `score` take part; figures of other or undeclared
///   indicators are ignored.
/// - A code's parent is its nearest declared ancestor: with `7` and `7.3.6` declared but
///   not `7.3`, `7.3.6` counts directly towards `7`.
/// - A figure with a `value` is worth that value, as given. A figure with a `numerator`
///   and a `denominator` is worth `numerator / denominator × maxScore`, rounded half-up to
///   4 places on the exact quotient (003 Phụ lục 7.3.6: 41,940 / 58,818 × 1.5 = 1.0696);
///   without a `maxScore`, or with a zero denominator, it is worth nothing and is left out.
/// - A parent's own figure wins over its children's sum (a mismatch is not reported here).
/// - A parent none of whose descendants has a score has no score.
public enum CriteriaTree {
    /// Fractional digits of a score computed from a ratio.
    public static let scoreScale = 4

    /// Every code's score, given or summed, exactly.
    public static func scores(figures: [String: Figure], indicators: [String: Indicator]) -> [String: Exact] {
        let codes = Set(indicators.filter { $0.value.measure == .score }.keys)
        // Only a criterion with a figure, and its ancestors, get a score: the rest of the tree
        // (most of the PAR Index's 133 criteria, for a report of a few) is not walked. A
        // rollup computes this for every unit, period and version: at a province, most
        // reports have no score figure at all.
        var relevant: Set<String> = []
        for code in figures.keys where codes.contains(code) {
            var next: String? = code
            while let current = next, relevant.insert(current).inserted { next = parent(of: current, among: codes) }
        }
        guard !relevant.isEmpty else { return [:] }
        var children: [String: [String]] = [:]
        for code in relevant {
            if let parent = parent(of: code, among: codes) { children[parent, default: []].append(code) }
        }
        var result: [String: Exact] = [:]
        var visited: Set<String> = []
        func visit(_ code: String) -> Exact? {
            if visited.contains(code) { return result[code] }
            visited.insert(code)
            // Children first, so that every descendant's score is in `result`.
            let childScores = (children[code] ?? []).compactMap(visit)
            if let figure = figures[code], let given = score(of: figure, maxScore: indicators[code]?.maxScore) {
                result[code] = given
            } else if !childScores.isEmpty {
                result[code] = childScores.reduce(Exact.zero, +)
            }
            return result[code]
        }
        for code in relevant.sorted() { _ = visit(code) }
        return result
    }

    /// What one figure of a score indicator is worth: its `value`, or
    /// `numerator / denominator × maxScore` rounded half-up to ``scoreScale`` places.
    /// Nil when the figure has neither, or its ratio has no `maxScore` or a zero denominator.
    public static func score(of figure: Figure, maxScore: Exact?) -> Exact? {
        if let value = figure.value { return value }
        return score(numerator: figure.numerator, denominator: figure.denominator, maxScore: maxScore)
    }

    /// `numerator / denominator × maxScore`, rounded half-up to ``scoreScale`` places.
    public static func score(numerator: Exact?, denominator: Exact?, maxScore: Exact?) -> Exact? {
        guard let numerator, let denominator, let maxScore else { return nil }
        return Exact.quotient(numerator * maxScore, denominator, scale: scoreScale)
    }

    /// The nearest ancestor of `code` (dropping dotted segments from the end) that is in
    /// `codes`; nil for a top-level code (``CriteriaCodes/parent(of:among:)``).
    public static func parent(of code: String, among codes: Set<String>) -> String? {
        CriteriaCodes.parent(of: code, among: codes)
    }
}
