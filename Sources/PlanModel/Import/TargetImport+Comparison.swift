import Foundation

/// The comparison cells of a target import (issue 17 part 4): a band written in the target
/// cell, and the rank targets of Phụ lục I's `Thứ hạng phấn đấu` column.
extension TargetImport {
    /// The suffix of the rank indicator kept for a row's `target_rank` (`1` → `1-rank`).
    public static let rankSuffix = "-rank"

    /// The two ends of a band written `31–50`, `31-50`, `31 - 50`, `31..50`, `31 đến 50` or
    /// `từ 31 đến 50` (also "từ vị trí thứ 31 đến 50"); nil for anything else. A leading
    /// minus sign is a negative number, not a band.
    public static func bandParts(_ text: String) -> (low: String, high: String)? {
        var t = text.precomposedStringWithCanonicalMapping.lowercased().trimmingCharacters(in: .whitespaces)
        for prefix in ["từ vị trí thứ ", "từ vị trí ", "từ "] where t.hasPrefix(prefix) { t = String(t.dropFirst(prefix.count)) }
        for separator in [" đến ", "..", "–", "—", "-"] {
            guard let range = t.range(of: separator), range.lowerBound != t.startIndex else { continue }
            let low = t[..<range.lowerBound].trimmingCharacters(in: .whitespaces)
            let high = t[range.upperBound...].trimmingCharacters(in: .whitespaces)
            guard !low.isEmpty, !high.isEmpty, !low.hasSuffix("e"), !low.hasSuffix("E") else { continue }
            return (low, high)
        }
        return nil
    }

    /// The rank target of a row whose `target_rank` cell is filled (`10/63` as written, or
    /// `10`): indicator `<code>-rank`, measure rank, lower is better, not aggregated across
    /// units, target `<= 10` with the row's deadline, lead, cooperating agencies and rule; its name says out of how many (`/63`).
    static func rankRow(
        _ record: CSVTable.Record, sheet: ImportSheet, of indicator: Indicator, target: Target?, check: inout RowCheck
    ) -> (indicator: Indicator, target: Target)? {
        let text = sheet.cell("target_rank", in: record)
        guard !text.isEmpty else { return nil }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count <= 2, let rank = check.number(parts[0], "target_rank"), rank >= 1, rank.isInteger else {
            check.report("range", Message("comparison.import.bad-rank", ["text": .text(text)]), column: "target_rank")
            return nil
        }
        var outOf: Exact?
        if parts.count == 2 {
            guard let of = check.number(parts[1], "target_rank"), of >= rank, of.isInteger else {
                check.report("range", Message("comparison.import.bad-rank", ["text": .text(text)]), column: "target_rank")
                return nil
            }
            outOf = of
        }
        let code = indicator.code + rankSuffix
        guard Identifier.isValid(code) else { return nil }
        let name = "Thứ hạng phấn đấu: \(indicator.name)" + (outOf.map { " (/\($0))" } ?? "")
        let rankIndicator = Indicator(code: code, name: name, measure: .rank, direction: .lower, aggregation: .none,
                                      group: indicator.code)
        let rankTarget = Target(
            indicator: code, value: rank, comparator: .atMost, deadline: target?.deadline, lead: target?.lead,
            cooperating: target?.cooperating ?? [], rule: target?.rule)
        return (rankIndicator, rankTarget)
    }
}
