/// The rules of a plan's `reporting` (`plancascade plan set`): a child's plan.json is read
/// by its parent's `check`, `status` and `export`, so every rule holds for a hostile one too.
extension DocumentRules {
    mutating func checkReporting(_ reporting: Reporting, year: Int) {
        let base = JSONPath().appending(key: "reporting")
        if let window = reporting.window {
            checkWindow(window, at: base.appending(key: "window"))
            if window.start.year != year && window.end.year != year {
                report("range", Message("plandata.validation.window-year", ["window": .text(window.description), "year": .year(year)]),
                       at: base.appending(key: "window"))
            }
        }
        if let setBy = reporting.setBy { checkID(setBy, ValidationTerm.parentUnitID, at: base.appending(key: "setBy")) }
        let reports = base.appending(key: "reports")
        checkUniqueReports(reporting.reports.map(\.id), at: reports)
        for (i, required) in reporting.reports.enumerated() {
            let at = reports.appending(index: i)
            checkID(required.id, .term("plandata.term.report-id"), at: at.appending(key: "id"))
            if let covers = required.covers { checkWindow(covers, at: at.appending(key: "covers")) }
            if let window = reporting.window, required.deadline < window.start {
                report("range", Message("plandata.validation.deadline-before-window", [
                    "report": .text(required.id), "deadline": .date(required.deadline), "window": .text(window.description),
                ]), at: at.appending(key: "deadline"))
            }
            if let name = required.name, name.allSatisfy(\.isWhitespace) {
                report("range", Message("plandata.validation.empty-name", ["report": .text(required.id)]), at: at.appending(key: "name"))
            }
        }
    }

    private mutating func checkWindow(_ window: DateWindow, at path: JSONPath) {
        guard window.end < window.start else { return }
        report("range", Message("plandata.validation.window-order", ["start": .date(window.start), "end": .date(window.end)]), at: path)
    }

    private mutating func checkUniqueReports(_ ids: [String], at path: JSONPath) {
        var seen: [String: Int] = [:]
        for (i, id) in ids.enumerated() {
            if let first = seen[id] {
                report("duplicate-id", Self.duplicateInList(id, .term("plandata.term.report-id"), list: "reports", first: first),
                       at: path.appending(index: i).appending(key: "id"))
            } else {
                seen[id] = i
            }
        }
    }
}
