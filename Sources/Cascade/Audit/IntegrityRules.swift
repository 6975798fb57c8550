import PlanModel

/// The comparisons `plancascade verify` makes, without I/O: the caller reads history and
/// recomputes; these say whether what is stored is what the rules give.
public enum IntegrityRules {
    /// The day by which a period's figures are final: the period's last day.
    ///
    /// The plans give no general correction deadline. 001 (III duy trì 2) has DVC figures
    /// reported quarterly "Ngày 30 tháng cuối cùng của quý" — at the end of the quarter
    /// itself — and 004's campaign counts its 10-day reports to the day, so a period's
    /// figures are due when the period ends. A first report after that is a late report
    /// (`check` flags missing ones); changing a figure already reported is a late change.
    public static func deadline(of period: Period) -> CivilDate { period.end }

    /// A figure or task state that existed and was changed (or removed) after its period's
    /// deadline; nil otherwise.
    public static func lateChange(_ change: SemanticChange, date: CivilDate, author: String, commit: String) -> Finding? {
        guard [.figure, .taskStatus].contains(change.subject), let old = change.old,
              let period = change.period.flatMap(Period.init), date > deadline(of: period) else { return nil }
        let deadline = deadline(of: period)
        return Finding(
            .warning, .lateChange, unit: change.unit, item: change.item, period: period.description, file: change.file,
            expected: old, actual: change.new ?? "removed", commit: commit, author: author, date: date,
            message: Message("audit.late-change", [
                "author": .text(author), "unit": .text(change.unit), "item": .text(change.item ?? "?"), "period": .period(period.description),
                "old": .text(old), "new": change.new.map { .text($0) } ?? .message(Message("audit.nothing")), "date": .date(date),
                "deadline": .date(deadline),
            ]))
    }

    /// Compares a stored provenance with the one re-derived from the parent commit it names;
    /// nil when they are equal.
    public static func provenance(
        unit: String, indicator: String, file: String, stored: Provenance, derived: DerivationOutcome?
    ) -> Finding? {
        let parent = "\(stored.parentUnit)@\(stored.parentCommit.prefix(7))"
        guard let derived else {
            return Finding(
                .error, .provenanceMismatch, unit: unit, item: indicator, file: file, expected: "no target", actual: stored.rule,
                message: Message("audit.provenance-without-target", [
                    "unit": .text(unit), "indicator": .text(indicator), "rule": .text(stored.rule), "parent": .text(parent),
                ]))
        }
        guard let expected = derived.target?.provenance else {
            let reason: String
            switch derived {
            case .exempt(let text): reason = text
            case .invalid(let text): reason = text
            case .target: reason = ""
            }
            return Finding(
                .error, .provenanceMismatch, unit: unit, item: indicator, file: file, expected: "no target", actual: stored.rule,
                message: Message("audit.provenance-rule-gives-none", [
                    "unit": .text(unit), "indicator": .text(indicator), "parent": .text(parent), "reason": .text(reason),
                ]))
        }
        guard expected != stored else { return nil }
        let fields: [(String, String?, String?)] = [
            ("parentUnit", expected.parentUnit, stored.parentUnit), ("rule", expected.rule, stored.rule),
            ("base", expected.base?.description, stored.base?.description), ("baseline", expected.baseline?.description, stored.baseline?.description),
            ("derived", expected.derived?.description, stored.derived?.description),
            ("inheritedFrom", expected.inheritedFrom, stored.inheritedFrom),
        ].filter { $0.1 != $0.2 }
        let text = { (pick: ((String, String?, String?)) -> String?) in
            fields.map { "\($0.0) \(pick($0) ?? "none")" }.joined(separator: ", ")
        }
        return Finding(
            .error, .provenanceMismatch, unit: unit, item: indicator, file: file, expected: text { $0.1 }, actual: text { $0.2 },
            message: Message("audit.provenance-mismatch", [
                "unit": .text(unit), "indicator": .text(indicator), "parent": .text(parent), "expected": .text(text { $0.1 }),
                "stored": .text(text { $0.2 }),
            ]))
    }

    /// Compares a stored rollup with its recomputation; nil when they are equal.
    public static func rollup(unit: String, file: String, stored: Rollup, recomputed: Rollup?) -> Finding? {
        let computed = recomputed?.figures ?? [:]
        guard stored.figures != computed else { return nil }
        let codes = Set(stored.figures.keys).union(computed.keys).filter { stored.figures[$0] != computed[$0] }.sorted()
        func text(_ figure: RollupFigure?) -> String {
            guard let figure else { return "none" }
            if let n = figure.numerator, let d = figure.denominator { return "\(n)/\(d) (\(figure.units) units)" }
            return figure.value.map { "\($0) (\(figure.units) units)" } ?? "none"
        }
        func shown(_ figure: RollupFigure?) -> Message.Value {
            guard let figure else { return .message(Message("audit.none")) }
            if let n = figure.numerator, let d = figure.denominator {
                return .message(Message("audit.figure.ratio", ["numerator": .number(n), "denominator": .number(d), "units": .count(figure.units)]))
            }
            return figure.value.map { .message(Message("audit.figure.value", ["value": .number($0), "units": .count(figure.units)])) }
                ?? .message(Message("audit.none"))
        }
        func listed(_ figures: [String: RollupFigure]) -> Message.Value {
            .list(codes.map { .message(Message("audit.figure.coded", ["code": .text($0), "figure": shown(figures[$0])])) })
        }
        let expected = codes.map { "\($0) \(text(computed[$0]))" }.joined(separator: ", ")
        let actual = codes.map { "\($0) \(text(stored.figures[$0]))" }.joined(separator: ", ")
        return Finding(
            .error, .rollupMismatch, unit: unit, item: codes.first, period: stored.period.description, file: file, expected: expected,
            actual: actual,
            message: Message("audit.rollup-mismatch", ["file": .text(file), "actual": listed(stored.figures), "expected": listed(computed)]))
    }
}
