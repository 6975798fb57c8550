import PlanModel

extension PullWorkflow {
    /// Copies the parent's `reporting` of `year` (``Reporting``: cadence, window, required
    /// reports) into the child's plan, marked `setBy` the parent, unless the child set its own.
    ///
    /// The documents have the parent set the cadence and deadlines of the reports sent to it
    /// (004 V.1 for every agency, district and commune of the campaign; 003's closing
    /// paragraph; 001 III.1): the child's own `check` then requires them of its children,
    /// down the hierarchy. A child that set its own (`plan set`: 001's district asks its
    /// communes for monthly reports) keeps it, and the pull says so.
    static func inheritReporting(from parent: PlanSnapshot, year: Int, child: PlanSnapshot, into files: inout [String: [UInt8]?]) throws -> Change? {
        let mine = child.years[year]?.plan
        let item = Layout.planFile(year: year)
        guard var theirs = parent.years[year]?.plan?.reporting, !theirs.isEmpty else {
            // The parent no longer sets any: a copy of its earlier one goes too.
            guard var plan = mine, plan.reporting?.setBy == parent.unit.id else { return nil }
            plan.reporting = nil
            files[item] = try CanonicalJSON.encode(plan)
            return Change(kind: .reporting, year: year, item: item, message: Message("plandata.pull.reporting-dropped", ["parent": .text(parent.unit.id)]))
        }
        theirs.setBy = parent.unit.id
        if let own = mine?.reporting, !own.isEmpty, own.setBy != parent.unit.id {
            guard own.cadence != theirs.cadence || own.window != theirs.window || own.reports != theirs.reports else { return nil }
            return Change(kind: .reporting, year: year, item: item, message: Message("plandata.pull.kept-own", ["parent": .text(parent.unit.id)]))
        }
        guard mine?.reporting != theirs else { return nil }
        var plan = mine ?? Plan(number: "", title: "", year: year)
        plan.reporting = theirs
        files[item] = try CanonicalJSON.encode(plan)
        return Change(kind: .reporting, year: year, item: item, message: Message("plandata.pull.reporting", [
            "parent": .text(parent.unit.id), "summary": Self.summary(theirs),
        ]))
    }

    /// "10-days reports from 2024-11-08 to 2025-01-06; interim before 2024-12-10, final before 2025-01-10".
    public static func summary(_ reporting: Reporting) -> Message.Value {
        .message(Message("plandata.summary", [
            "cadence": reporting.cadence.map { .term("term.cadence.\($0.rawValue)") } ?? .message(Message("plandata.summary.no-cadence")),
            "window": reporting.window.map { .message(Message("plandata.summary.window", ["start": .date($0.start), "end": .date($0.end)])) } ?? .text(""),
            "reports": reporting.reports.isEmpty ? .text("") : .message(Message("plandata.summary.reports", [
                "list": .list(reporting.reports.map { .message(Message("plandata.summary.report", ["id": .text($0.id), "deadline": .date($0.deadline)])) }),
            ])),
            "count": .count(reporting.reports.count),
        ]))
    }
}
