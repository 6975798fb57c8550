import PlanModel

/// The criteria tree as a table, with its root (issue 17 part 4): 000's "TỔNG ĐIỂM 100 /
/// 91.65" and 003's "Tổng cộng 86.2482 / −13.7518" are computed from the tree, never typed.
extension CriteriaTree {
    /// One criterion of the tree, or its root (`code` nil).
    public struct Row: Hashable, Sendable, Encodable {
        /// The criterion's code; nil for the root (the total of the top-level criteria).
        public var code: String?
        public var name: String?
        /// 0 for the root's children (the fields), 1 for their criteria, …; -1 for the root.
        public var depth: Int
        /// The declared maximum, else the sum of the children's.
        public var maxScore: Exact?
        /// Whether `maxScore` is the children's sum rather than declared.
        public var maxScoreSummed: Bool
        /// The target (`>=`) declared, else the sum of the children's targets.
        public var target: Exact?
        public var targetSummed: Bool
        /// The target rank kept from Phụ lục I's "Thứ hạng phấn đấu" (`<code>-rank`).
        public var targetRank: Exact?
        /// The figure: given, or the sum of the children's.
        public var score: Exact?
        public var scoreSummed: Bool
        /// A score given as counts: numerator / denominator × maximum, exactly (before the
        /// rounding to ``scoreScale`` places that `score` carries).
        public var exactScore: Exact?
        /// The figure's note, e.g. what the document prints.
        public var note: String?
        /// `score − maxScore` (Điểm bị trừ), when both are known.
        public var deduction: Exact?
    }

    /// The tree of the `score` indicators in `indicators` as rows, parents before their
    /// children in code order, the root first.
    ///
    /// The root's maximum, target and score are the sums over the top-level criteria, and
    /// only when every top-level criterion has one (a total of some fields is not the
    /// total); a criterion's are declared or, failing that, the sum of its children's.
    /// - Parameters:
    ///   - targets: the unit's targets by indicator; only `>=` targets are summed.
    ///   - figures: the unit's own figures of one period, by indicator (may be empty).
    public static func table(
        indicators: [String: Indicator], targets: [String: Target], figures: [String: Figure]
    ) -> [Row] {
        let scoreCodes = Set(indicators.filter { $0.value.measure == .score }.keys)
        guard !scoreCodes.isEmpty else { return [] }
        let children = CriteriaCodes.children(among: scoreCodes)
        let scores = scores(figures: figures, indicators: indicators)
        // Declared, else the children's sum (only when every child has one); the tree is
        // shallow, so no memo.
        func summed(_ code: String, own: (String) -> Exact?) -> (Exact, Bool)? {
            if let value = own(code) { return (value, false) }
            guard let kids = children[code] else { return nil }
            let parts = kids.compactMap { summed($0, own: own) }
            return parts.count == kids.count ? (parts.reduce(Exact.zero) { $0 + $1.0 }, true) : nil
        }
        func maximum(_ code: String) -> (Exact, Bool)? { summed(code) { indicators[$0]?.maxScore } }
        func goal(_ code: String) -> (Exact, Bool)? {
            summed(code) { targets[$0].flatMap { $0.comparator == .atLeast ? $0.value : nil } }
        }
        var rows: [Row] = []
        func visit(_ code: String, depth: Int) {
            let figure = figures[code]
            let max = maximum(code), target = goal(code)
            let exact = figure.flatMap { f -> Exact? in
                guard f.value == nil, let n = f.numerator, let d = f.denominator, d != 0, let m = indicators[code]?.maxScore else { return nil }
                return Exact.quotient(n * m, d, scale: Exact.divisionScale)
            }
            rows.append(Row(
                code: code, name: indicators[code]?.name, depth: depth, maxScore: max?.0, maxScoreSummed: max?.1 ?? false,
                target: target?.0, targetSummed: target?.1 ?? false,
                targetRank: targets[code + TargetImport.rankSuffix]?.value,
                score: scores[code], scoreSummed: scores[code] != nil && figure == nil, exactScore: exact, note: figure?.note,
                deduction: scores[code].flatMap { s in max.map { s - $0.0 } }))
            for child in children[code] ?? [] { visit(child, depth: depth + 1) }
        }
        let top = scoreCodes.filter { CriteriaCodes.parent(of: $0, among: scoreCodes) == nil }.sorted(by: codeOrder)
        func total(_ part: (String) -> Exact?) -> Exact? {
            let parts = top.compactMap(part)
            return parts.count == top.count ? parts.reduce(Exact.zero, +) : nil
        }
        let totalMax = total { maximum($0)?.0 }, totalScore = total { scores[$0] }
        rows.append(Row(
            code: nil, name: nil, depth: -1, maxScore: totalMax, maxScoreSummed: true,
            target: total { goal($0)?.0 }, targetSummed: true, targetRank: nil,
            score: totalScore, scoreSummed: true, exactScore: nil, note: nil,
            deduction: totalScore.flatMap { s in totalMax.map { s - $0 } }))
        for code in top { visit(code, depth: 0) }
        return rows
    }

    /// Orders criterion codes numerically part by part (1.2 before 1.10), others by text.
    public static func codeOrder(_ a: String, _ b: String) -> Bool {
        let left = a.split(separator: "."), right = b.split(separator: ".")
        for (x, y) in zip(left, right) where x != y {
            if let i = Int(x), let j = Int(y) { return i < j }
            return x < y
        }
        return left.count < right.count
    }
}
