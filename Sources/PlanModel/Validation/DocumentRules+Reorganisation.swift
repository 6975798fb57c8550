/// The rules of a reorganisation decision (`reorg/<id>.json`), which may come from a parent's
/// published targets: hostile input like any other document.
extension DocumentRules {
    mutating func checkReorganisation(_ decision: Reorganisation) {
        let root = JSONPath()
        checkID(decision.id, .term("reorg.term.decision-id"), at: root.appending(key: "id"))
        checkFileName(decision.id, .term("reorg.term.decision-id"), at: root.appending(key: "id"))
        checkID(decision.decidedBy, ValidationTerm.unitID, at: root.appending(key: "decidedBy"))
        if decision.basis.allSatisfy(\.isWhitespace) {
            report("missing-field", Message("reorg.validation.basis"), at: root.appending(key: "basis"))
        }
        if decision.changes.isEmpty {
            report("missing-field", Message("reorg.validation.no-changes"), at: root.appending(key: "changes"))
        }
        var seen: [String: Int] = [:]
        for (i, change) in decision.changes.enumerated() {
            let at = root.appending(key: "changes").appending(index: i)
            checkID(change.unit, ValidationTerm.unitID, at: at.appending(key: "unit"))
            for (field, id) in [("from", change.from), ("to", change.to)] {
                if let id { checkID(id, ValidationTerm.parentUnitID, at: at.appending(key: field)) }
            }
            for (field, ids) in [("predecessors", change.predecessors), ("successors", change.successors)] {
                for (j, id) in ids.enumerated() { checkID(id, ValidationTerm.unitID, at: at.appending(key: field).appending(index: j)) }
            }
            for field in change.missingFields {
                report("missing-field", Message("reorg.validation.field", [
                    "action": .text(change.action.rawValue), "field": .text(field), "unit": .text(change.unit)]), at: at)
            }
            if change.action == .moves, let from = change.from, from == change.to {
                report("range", Message("reorg.validation.same-parent", ["unit": .text(change.unit), "parent": .text(from)]), at: at.appending(key: "to"))
            }
            if change.to == change.unit {
                report("range", Message("reorg.validation.own-parent", ["unit": .text(change.unit)]), at: at.appending(key: "to"))
            }
            if let first = seen[change.unit] {
                report("duplicate-id", Self.duplicateInList(change.unit, ValidationTerm.unitID, list: "changes", first: first), at: at.appending(key: "unit"))
            } else {
                seen[change.unit] = i
            }
        }
        for id in decision.hubs.keys.sorted() {
            if let problem = Self.identifierProblem(id, ValidationTerm.unitID) { reportAtKey("identifier", problem, container: "hubs", key: id) }
        }
    }
}
