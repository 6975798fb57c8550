/// "Did you mean": the codes nearest to a mistyped one, by edit distance.
public enum NearestCodes {
    /// The codes of `candidates` nearest to `code`: those at the least case-insensitive
    /// Levenshtein distance (a swap of neighbours counts 1), which must be at most a third of
    /// the longer code and at least 1; ties in code order, at most `limit`.
    /// `DVC-ONLNE` among `DVC-ONLINE`, `TT-ONLINE`, `1.1` gives `DVC-ONLINE`.
    public static func nearest(to code: String, among candidates: some Collection<String>, limit: Int = 3) -> [String] {
        let target = Array(code.uppercased())
        var scored: [(Int, String)] = []
        for candidate in candidates where candidate != code {
            let other = Array(candidate.uppercased())
            let allowed = max(1, max(target.count, other.count) / 3)
            guard abs(target.count - other.count) <= allowed else { continue }
            let d = distance(target, other)
            if d <= allowed { scored.append((d, candidate)) }
        }
        guard let best = scored.map(\.0).min() else { return [] }
        return scored.filter { $0.0 == best }.map(\.1).sorted().prefix(limit).map { $0 }
    }

    /// Levenshtein distance (insertions, deletions, substitutions; a swap of neighbours is 1).
    public static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var before = Array(0...b.count), previous = before, current = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { current[j] = min(current[j], before[j - 2] + 1) }
            }
            before = previous
            previous = current
        }
        return previous[b.count]
    }
}
