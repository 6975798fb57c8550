/// The dotted codes of a criteria tree (`7`, `7.3`, `7.3.6`; 000 Phụ lục I, 003 Phụ lục).
public enum CriteriaCodes {
    /// The nearest ancestor of `code` (dropping dotted segments from the end) that is in
    /// `codes`; nil for a top-level code.
    public static func parent(of code: String, among codes: Set<String>) -> String? {
        var candidate = Substring(code)
        while let dot = candidate.lastIndex(of: ".") {
            candidate = candidate[..<dot]
            if codes.contains(String(candidate)) { return String(candidate) }
        }
        return nil
    }

    /// Each code's children among `codes`, by parent code, each list sorted.
    public static func children(among codes: Set<String>) -> [String: [String]] {
        var result: [String: [String]] = [:]
        for code in codes {
            if let parent = parent(of: code, among: codes) { result[parent, default: []].append(code) }
        }
        return result.mapValues { $0.sorted() }
    }
}
