import PlanModel

/// Compares two versions of one document and says what changed, field by field, in the
/// terms of the plan (``SemanticChange``), not as lines of JSON.
///
/// Works on parsed JSON rather than decoded documents, so that a hand-edited file that no
/// longer validates still shows what was changed. `schema`, and a report's `reportedBy` and
/// `reportedAt` (the commit records who and when), are not changes of their own.
public enum SemanticDiff {
    /// The changes between `old` and `new` (nil: absent on that side) of the document at
    /// `file`; empty when `file` is not a document path or nothing changed.
    /// - Parameter unit: the id of the unit the document belongs to.
    public static func changes(file: String, unit: String, old: JSONValue?, new: JSONValue?) -> [SemanticChange] {
        guard let path = DocumentPath(file), old != new else { return [] }
        var context = Context(file: file, unit: unit, year: path.year, name: path.name)
        switch path.kind {
        case .target: context.target(old, new)
        case .task: context.record(.task, label: "task \(path.name ?? "?")", old, new, describe: { "\(field($0, "content"))" })
        case .indicator: context.record(.indicator, label: "indicator \(path.name ?? "?")", old, new, describe: { field($0, "name") })
        case .plan: context.record(.plan, label: "plan", old, new, describe: { "\(field($0, "number")) \(field($0, "title"))" })
        case .unit: context.record(.unit, label: "unit", old, new, describe: { "\(field($0, "id")) \(field($0, "name"))" })
        case .baselines: context.entries(.baselines, member: "values", label: "baseline of \(path.name ?? "?")", old, new, text: { $0["value"].map(JSONText.compact) ?? JSONText.compact($0) })
        case .progress:
            context.entries(.figure, member: "figures", label: "figure", old, new, text: { JSONText.figure($0) ?? "" })
            context.entries(.taskStatus, member: "tasks", label: "status", old, new, text: JSONText.compact)
        case .rollup: context.entries(.rollup, member: "figures", label: "rollup", old, new, text: rollupText)
        case .conflict: context.conflict(old, new)
        case .approval:
            context.record(.approval, label: "approval of \(path.child ?? "?") \(path.name ?? "?")", old, new,
                           describe: { "\(field($0, "state")) by \(field($0, "by"))" })
        }
        return context.changes
    }

    /// The compact text of member `key`, "" when absent.
    static func field(_ value: JSONValue, _ key: String) -> String {
        value[key].map(JSONText.compact) ?? ""
    }

    /// A subtree total: `507/1070 (2 units)`.
    static func rollupText(_ figure: JSONValue) -> String {
        let units = figure["units"].map { JSONText.compact($0) }.map { " (\($0) unit\($0 == "1" ? "" : "s"))" } ?? ""
        return (JSONText.figure(figure) ?? JSONText.compact(figure)) + units
    }

    /// Fields whose rendering differs, by key (first occurrence of a duplicated key).
    static func fieldChanges(_ old: JSONValue?, _ new: JSONValue?, skipping: Set<String>) -> [(field: String, old: JSONValue?, new: JSONValue?)] {
        let before = members(old), after = members(new)
        return Set(before.keys).union(after.keys).subtracting(skipping).sorted().compactMap { key in
            let a = before[key], b = after[key]
            return a.map(CanonicalJSON.render) == b.map(CanonicalJSON.render) ? nil : (key, a, b)
        }
    }

    public static func members(_ value: JSONValue?) -> [String: JSONValue] {
        guard case .object(let list, _)? = value else { return [:] }
        var result: [String: JSONValue] = [:]
        for member in list where result[member.key] == nil { result[member.key] = member.value }
        return result
    }

    /// Collects the changes of one document.
    struct Context {
        let file: String
        let unit: String
        let year: Int?
        let name: String?
        var changes: [SemanticChange] = []

        var yearText: String { year.map { " \($0)" } ?? "" }

        mutating func add(_ subject: SemanticChange.Subject, item: String?, period: String? = nil, field: String?, old: String?, new: String?, summary: String) {
            changes.append(SemanticChange(
                unit: unit, subject: subject, year: year, item: item, period: period, field: field, old: old, new: new, file: file,
                summary: summary))
        }

        /// A target: its value with the rule and base it came from, then every other field.
        mutating func target(_ old: JSONValue?, _ new: JSONValue?) {
            let code = name ?? "?"
            func value(_ v: JSONValue?) -> String? { v?["value"].map(JSONText.compact) }
            func origin(_ v: JSONValue?) -> String { JSONText.provenance(v?["provenance"]).map { " (\($0))" } ?? "" }
            func shown(_ v: JSONValue?) -> String? {
                guard let v else { return nil }
                guard let number = value(v) else { return JSONText.compact(v) }
                return v["comparator"].map { "\(JSONText.compact($0)) \(number)" } ?? number
            }
            guard let old, let new else {
                let added = old == nil
                add(.target, item: code, field: nil, old: value(old), new: value(new),
                    summary: added ? "\(code)\(yearText) target set to \(shown(new) ?? "?")\(origin(new))"
                                   : "\(code)\(yearText) target removed (was \(shown(old) ?? "?"))")
                return
            }
            for (field, a, b) in SemanticDiff.fieldChanges(old, new, skipping: ["schema", "indicator"]) {
                switch field {
                case "value":
                    add(.target, item: code, field: field, old: a.map(JSONText.compact), new: b.map(JSONText.compact),
                        summary: "\(code)\(yearText) target \(a.map(JSONText.compact) ?? "—") → \(b.map(JSONText.compact) ?? "—")\(origin(new))")
                case "provenance":
                    let before = JSONText.provenance(a), after = JSONText.provenance(b)
                    add(.target, item: code, field: field, old: before, new: after,
                        summary: "\(code)\(yearText) target provenance \(before ?? "none") → \(after ?? "none (no longer derived)")")
                default:
                    let before = a.map(JSONText.compact), after = b.map(JSONText.compact)
                    add(.target, item: code, field: field, old: before, new: after,
                        summary: "\(code)\(yearText) target \(field) \(before ?? "—") → \(after ?? "—")")
                }
            }
        }

        /// A document that is one item (task, indicator, plan, unit): added, removed, or
        /// field by field.
        mutating func record(
            _ subject: SemanticChange.Subject, label: String, _ old: JSONValue?, _ new: JSONValue?, describe: (JSONValue) -> String
        ) {
            let item = subject == .plan || subject == .unit ? nil : name
            guard let old, let new else {
                let text = (new ?? old).map(describe) ?? ""
                add(subject, item: item, field: nil, old: old == nil ? nil : text, new: new == nil ? nil : text,
                    summary: "\(label)\(yearText) \(old == nil ? "added" : "removed"): \(text)")
                return
            }
            for (field, a, b) in SemanticDiff.fieldChanges(old, new, skipping: ["schema"]) {
                let render = field == "provenance" ? JSONText.provenance : { $0.map(JSONText.compact) }
                let before = render(a), after = render(b)
                add(subject, item: item, field: field, old: before, new: after,
                    summary: "\(label)\(yearText) \(field) \(before ?? "—") → \(after ?? "—")")
            }
        }

        /// The entries of an object member (a report's figures or task states, a rollup's
        /// figures, a child's baselines), one change per entry that differs.
        mutating func entries(
            _ subject: SemanticChange.Subject, member: String, label: String, _ old: JSONValue?, _ new: JSONValue?,
            text: (JSONValue) -> String
        ) {
            let period = subject == .baselines ? nil : name
            let before = SemanticDiff.members(old?[member]), after = SemanticDiff.members(new?[member])
            for key in Set(before.keys).union(after.keys).sorted() {
                let a = before[key], b = after[key]
                guard a.map(CanonicalJSON.render) != b.map(CanonicalJSON.render) else { continue }
                let was = a.map(text), now = b.map(text)
                let head = subject == .baselines ? "\(label)\(yearText) \(key)" : "\(key) \(period ?? "") \(label)"
                let summary: String
                switch (was, now) {
                case (nil, let now?): summary = subject == .figure ? "\(head) \(now) reported" : "\(head) \(now)"
                case (let was?, nil): summary = "\(head) \(was) removed"
                default: summary = "\(head) \(was ?? "—") → \(now ?? "—")"
                }
                let field = subject == .figure ? "figure" : subject == .rollup ? "total" : subject == .taskStatus ? "status" : "value"
                add(subject, item: key, period: period, field: field, old: was, new: now, summary: summary)
            }
        }

        /// A conflict record appears when a sync leaves one, disappears when it is resolved.
        mutating func conflict(_ old: JSONValue?, _ new: JSONValue?) {
            let record = new ?? old
            let what = [record?["file"], record?["path"]].compactMap { $0.map(JSONText.compact) }.joined(separator: " ")
            let state = new == nil ? "resolved" : old == nil ? "recorded" : "changed"
            add(.conflict, item: name, field: nil, old: old.map { _ in what }, new: new.map { _ in what },
                summary: "conflict \(name ?? "?") \(state): \(what)")
        }
    }
}
