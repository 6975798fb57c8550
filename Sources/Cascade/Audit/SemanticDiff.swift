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
    /// - Parameters:
    ///   - unit: the id of the unit the document belongs to.
    ///   - item: only the entries of this indicator or task in a document of many (a report's
    ///     figures and task states, a rollup, baselines): the others are not compared at all
    ///     (`log <item>` over a province's history compares one entry of each report, not forty).
    public static func changes(file: String, unit: String, old: JSONValue?, new: JSONValue?, item: String? = nil) -> [SemanticChange] {
        guard let path = DocumentPath(file), old != new else { return [] }
        var context = Context(file: file, unit: unit, year: path.year, name: path.name, only: item)
        let name: Message.Value = .text(path.name ?? "?")
        switch path.kind {
        case .target: context.target(old, new)
        case .task: context.record(.task, label: Message("diff.label.task", ["name": name]), old, new, describe: { .text(field($0, "content")) })
        case .indicator: context.record(.indicator, label: Message("diff.label.indicator", ["name": name]), old, new, describe: { .text(field($0, "name")) })
        case .plan: context.record(.plan, label: Message("diff.label.plan"), old, new, describe: { .text("\(field($0, "number")) \(field($0, "title"))") })
        case .unit: context.record(.unit, label: Message("diff.label.unit"), old, new, describe: { .text("\(field($0, "id")) \(field($0, "name"))") })
        case .baselines:
            context.entries(.baselines, member: "values", label: Message("diff.label.baseline", ["name": name]), old, new,
                            text: { .text($0["value"].map(JSONText.compact) ?? JSONText.compact($0)) })
        case .progress:
            context.entries(.figure, member: "figures", label: Message("diff.label.figure"), old, new, text: { .text(JSONText.figure($0) ?? "") })
            context.entries(.taskStatus, member: "tasks", label: Message("diff.label.status"), old, new, text: { .text(JSONText.compact($0)) })
        case .rollup: context.entries(.rollup, member: "figures", label: Message("diff.label.rollup"), old, new, text: rollupText)
        case .conflict: context.conflict(old, new)
        case .approval:
            context.record(.approval, label: Message("diff.label.approval", ["child": .text(path.child ?? "?"), "period": .period(path.name ?? "?")]),
                           old, new, describe: { .message(Message("diff.approval", ["state": .text(field($0, "state")), "by": .text(field($0, "by"))])) })
        case .reorganisation:
            context.record(.unit, label: Message("reorg.diff.label", ["id": name]), old, new, describe: {
                .message(Message("reorg.diff.decision", ["kind": .text(field($0, "kind")), "effective": .text(field($0, "effective")), "basis": .text(field($0, "basis"))])) })
        }
        return context.changes
    }

    /// The compact text of member `key`, "" when absent.
    static func field(_ value: JSONValue, _ key: String) -> String {
        value[key].map(JSONText.compact) ?? ""
    }

    /// A subtree total: `507/1070 (2 units)`.
    static func rollupText(_ figure: JSONValue) -> Message.Value {
        let total = JSONText.figure(figure) ?? JSONText.compact(figure)
        guard let units = figure["units"].map({ JSONText.compact($0) }) else { return .text(total) }
        return .message(Message("diff.rollup-figure", ["figure": .text(total), "units": Int(units).map { .count($0) } ?? .text(units)]))
    }

    /// A provenance object as one phrase: `uplift:5 from daklak@ee51d60 base 50 baseline 6.6`
    /// (``JSONText/provenance(_:)`` in the reader's language).
    static func provenance(_ value: JSONValue?) -> Message.Value? {
        guard let value, case .object = value else { return value.map { .text(JSONText.compact($0)) } }
        func text(_ key: String) -> String? { value[key].map(JSONText.compact) }
        func part(_ code: String, _ key: String, _ text: String?) -> Message.Value {
            text.map { .message(Message(code, [key: .text($0)])) } ?? .text("")
        }
        let origin = text("inheritedFrom").flatMap { $0 != text("parentUnit") ? $0 : nil }
        return .message(Message("diff.provenance", [
            "rule": .text(text("rule") ?? "?"), "parent": .text(text("parentUnit") ?? "?"),
            "commit": part("diff.provenance.commit", "commit", text("parentCommit").map { String($0.prefix(7)) }),
            "base": part("diff.provenance.base", "base", text("base")), "baseline": part("diff.provenance.baseline", "baseline", text("baseline")),
            "ruleOf": part("diff.provenance.rule-of", "origin", origin),
        ]))
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
        /// Only this entry of ``entries(_:member:label:_:_:text:)``; nil: every one.
        var only: String? = nil
        var changes: [SemanticChange] = []

        /// ` 2024` (` năm 2024`), nothing when the document has no year.
        var yearValue: Message.Value { year.map { .message(Message("diff.year", ["year": .year($0)])) } ?? .text("") }

        mutating func add(_ subject: SemanticChange.Subject, item: String?, period: String? = nil, field: String?, old: String?, new: String?, summary: Message) {
            changes.append(SemanticChange(
                unit: unit, subject: subject, year: year, item: item, period: period, field: field, old: old, new: new, file: file,
                summary: summary))
        }

        /// A value as text data, `—` when absent.
        static func dash(_ text: String?) -> Message.Value { .text(text ?? "—") }

        /// A target: its value with the rule and base it came from, then every other field.
        mutating func target(_ old: JSONValue?, _ new: JSONValue?) {
            let code = name ?? "?"
            func value(_ v: JSONValue?) -> String? { v?["value"].map(JSONText.compact) }
            func origin(_ v: JSONValue?) -> Message.Value {
                SemanticDiff.provenance(v?["provenance"]).map { .message(Message("diff.origin", ["provenance": $0])) } ?? .text("")
            }
            func shown(_ v: JSONValue?) -> String? {
                guard let v else { return nil }
                guard let number = value(v) else { return JSONText.compact(v) }
                return v["comparator"].map { "\(JSONText.compact($0)) \(number)" } ?? number
            }
            let head: [String: Message.Value] = ["code": .text(code), "year": yearValue]
            guard let old, let new else {
                let added = old == nil
                add(.target, item: code, field: nil, old: value(old), new: value(new),
                    summary: added ? Message("diff.target.set", head.merging(["value": .text(shown(new) ?? "?"), "origin": origin(new)]) { $1 })
                                   : Message("diff.target.removed", head.merging(["value": .text(shown(old) ?? "?")]) { $1 }))
                return
            }
            for (field, a, b) in SemanticDiff.fieldChanges(old, new, skipping: ["schema", "indicator"]) {
                switch field {
                case "value":
                    add(.target, item: code, field: field, old: a.map(JSONText.compact), new: b.map(JSONText.compact),
                        summary: Message("diff.target.value", head.merging([
                            "old": Self.dash(a.map(JSONText.compact)), "new": Self.dash(b.map(JSONText.compact)), "origin": origin(new),
                        ]) { $1 }))
                case "provenance":
                    let before = JSONText.provenance(a), after = JSONText.provenance(b)
                    add(.target, item: code, field: field, old: before, new: after,
                        summary: Message("diff.target.provenance", head.merging([
                            "old": SemanticDiff.provenance(a) ?? .message(Message("diff.none")),
                            "new": SemanticDiff.provenance(b) ?? .message(Message("diff.no-longer-derived")),
                        ]) { $1 }))
                default:
                    let before = a.map(JSONText.compact), after = b.map(JSONText.compact)
                    add(.target, item: code, field: field, old: before, new: after,
                        summary: Message("diff.target.field", head.merging([
                            "field": .text(field), "old": Self.dash(before), "new": Self.dash(after),
                        ]) { $1 }))
                }
            }
        }

        /// A document that is one item (task, indicator, plan, unit): added, removed, or
        /// field by field.
        mutating func record(
            _ subject: SemanticChange.Subject, label: Message, _ old: JSONValue?, _ new: JSONValue?, describe: (JSONValue) -> Message.Value
        ) {
            let item = subject == .plan || subject == .unit ? nil : name
            let head: [String: Message.Value] = ["label": .message(label), "year": yearValue]
            guard let old, let new else {
                let described = (new ?? old).map(describe) ?? .text("")
                let text = Catalogue.format(described, in: .english)
                add(subject, item: item, field: nil, old: old == nil ? nil : text, new: new == nil ? nil : text,
                    summary: Message(old == nil ? "diff.record.added" : "diff.record.removed", head.merging(["text": described]) { $1 }))
                return
            }
            for (field, a, b) in SemanticDiff.fieldChanges(old, new, skipping: ["schema"]) {
                let render = field == "provenance" ? JSONText.provenance : { $0.map(JSONText.compact) }
                let before = render(a), after = render(b)
                let shown = { (v: JSONValue?, text: String?) -> Message.Value in
                    field == "provenance" ? SemanticDiff.provenance(v) ?? Self.dash(nil) : Self.dash(text)
                }
                add(subject, item: item, field: field, old: before, new: after,
                    summary: Message("diff.record.field", head.merging(["field": .text(field), "old": shown(a, before), "new": shown(b, after)]) { $1 }))
            }
        }

        /// The entries of an object member (a report's figures or task states, a rollup's
        /// figures, a child's baselines), one change per entry that differs.
        mutating func entries(
            _ subject: SemanticChange.Subject, member: String, label: Message, _ old: JSONValue?, _ new: JSONValue?,
            text: (JSONValue) -> Message.Value
        ) {
            let period = subject == .baselines ? nil : name
            let before = SemanticDiff.members(old?[member]), after = SemanticDiff.members(new?[member])
            let keys = only.map { [$0] } ?? Set(before.keys).union(after.keys).sorted()
            for key in keys {
                let a = before[key], b = after[key]
                guard a.map(CanonicalJSON.render) != b.map(CanonicalJSON.render) else { continue }
                let was = a.map(text), now = b.map(text)
                let head: Message = subject == .baselines
                    ? Message("diff.entry.baseline", ["label": .message(label), "year": yearValue, "key": .text(key)])
                    : Message("diff.entry", ["key": .text(key), "period": .period(period ?? ""), "label": .message(label)])
                let summary: Message
                switch (was, now) {
                case (nil, let now?): summary = Message(subject == .figure ? "diff.entry.reported" : "diff.entry.added", ["head": .message(head), "value": now])
                case (let was?, nil): summary = Message("diff.entry.removed", ["head": .message(head), "value": was])
                default: summary = Message("diff.entry.changed", ["head": .message(head), "old": was ?? Self.dash(nil), "new": now ?? Self.dash(nil)])
                }
                let field = subject == .figure ? "figure" : subject == .rollup ? "total" : subject == .taskStatus ? "status" : "value"
                add(subject, item: key, period: period, field: field, old: was.map { Catalogue.format($0, in: .english) },
                    new: now.map { Catalogue.format($0, in: .english) }, summary: summary)
            }
        }

        /// A conflict record appears when a sync leaves one, disappears when it is resolved.
        mutating func conflict(_ old: JSONValue?, _ new: JSONValue?) {
            let record = new ?? old
            let what = [record?["file"], record?["path"]].compactMap { $0.map(JSONText.compact) }.joined(separator: " ")
            let state = new == nil ? "resolved" : old == nil ? "recorded" : "changed"
            add(.conflict, item: name, field: nil, old: old.map { _ in what }, new: new.map { _ in what },
                summary: Message("diff.conflict.\(state)", ["name": .text(name ?? "?"), "what": .text(what)]))
        }
    }
}
