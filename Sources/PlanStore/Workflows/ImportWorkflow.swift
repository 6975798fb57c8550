import Cascade
import Foundation
import Git
import PlanModel

/// `plancascade import targets|tasks|baselines|indicators|assignments <csv|xlsx>`: turns an office's
/// spreadsheet (CSV, or a sheet of an `.xlsx` workbook) into plan documents, as one validated commit. Re-importing updates the same
/// files (targets and indicators by code, tasks by id, baselines by unit), never duplicates. When any row is
/// bad, every problem is reported with its file and line and nothing is committed.
public struct ImportWorkflow {
    public enum Kind: String, Sendable, CaseIterable {
        case targets, tasks, baselines, indicators, assignments
    }

    public struct Outcome: Sendable {
        public let kind: Kind
        public let year: Int
        public let rows: Int
        public let added: [String]
        public let updated: [String]
        public let unchanged: Int
        /// Warnings the import noticed (ignored columns and the like).
        public let warnings: [Finding]
        public let commit: Oid?
    }

    public let environment: [String: String]
    /// Column values for columns the file lacks, e.g. `["measure": "score"]`.
    public var defaults: [String: String]
    /// Accept values weaker than inherited ones (they will be flagged).
    public var force: Bool
    /// The sheet of an `.xlsx` workbook to read (the first when nil).
    public var sheet: String?

    public init(
        environment: [String: String] = ProcessInfo.processInfo.environment, defaults: [String: String] = [:], force: Bool = false,
        sheet: String? = nil
    ) {
        self.environment = environment
        self.defaults = defaults
        self.force = force
        self.sheet = sheet
    }

    /// Imports `file` (read from `path`, shown as `file`) into the unit's plan for `year`
    /// (default: the latest plan year, else the year the rows' dates name).
    public func run(_ kind: Kind, path: String, shownAs file: String? = nil, year: Int? = nil, in repository: UnitRepository) throws -> Outcome {
        let shown = file ?? path
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PlanStoreError.io(path: shown, reason: Message("error.io.unreadable-file"))
        }
        guard let head = try repository.head() else { throw PlanStoreError.notAUnitRepository(path: repository.displayRoot) }
        let snapshot = try PlanSnapshot.load(from: repository, commit: head)
        let bytes = Array(data)
        var findings: [Finding]
        var documents: [(path: String, bytes: [UInt8], key: String)] = []
        let chosenYear: Int
        var assignmentRows = 0
        switch kind {
        case .targets:
            let read = TargetImport.read(bytes, file: shown, sheet: sheet, defaults: defaults)
            findings = read.findings
            chosenYear = try year ?? snapshot.planYears.last ?? read.rows.compactMap { $0.target.deadline?.year }.max() ?? Self.noYear()
            let existing = snapshot.years[chosenYear]?.targets ?? [:]
            for row in read.rows {
                var target = row.target
                if let rule = target.rule {
                    switch RuleSet.parse(rule) {
                    case .failure(let error):
                        findings.append(Finding(severity: .error, kind: "rule", message: Message("workflow.import.bad-rule", ["row": .count(row.line), "rule": .text(rule), "detail": .text("\(error)")]), file: shown, line: row.line))
                        continue
                    case .success(let rules):
                        let unknown = Self.unknownRecipients(rules.recipients, of: snapshot.unit, file: shown, line: row.line)
                        guard unknown.isEmpty else { findings += unknown; continue }
                    }
                }
                if let rule = row.versus {
                    // The unit's own year-on-year rule over its own previous-year figure (issue 17 part 5).
                    do {
                        let own = try TargetSetWorkflow.versusPrevious(rule, indicator: row.indicator, year: chosenYear, snapshot: snapshot, head: head)
                        target.value = own.versus.derived
                        target.comparator = own.comparator
                        target.bound = nil
                        target.versus = own.versus
                    } catch PlanStoreError.invalidArgument(_, _, let reason) {
                        findings.append(Finding(severity: .error, kind: "versus", message: Message("comparison.import.versus", [
                            "row": .count(row.line), "rule": .text(rule), "reason": .message(reason)]), file: shown, line: row.line))
                        continue
                    }
                }
                target.assignments = existing[target.indicator]?.assignments ?? [:]
                if let inherited = existing[target.indicator]?.provenance {
                    target.provenance = inherited
                    if !force, let floor = Derivation.strictestFloor(for: target, direction: row.indicator.direction),
                       Derivation.isBelow(target, floor: floor, direction: row.indicator.direction) {
                        let assigned = Derivation.floor(for: target) != floor
                        findings.append(Finding(
                            severity: .error, kind: assigned ? .belowAssigned : .belowInherited,
                            message: Message(assigned ? "scope.import.below-assigned" : "workflow.import.below-inherited", [
                                "row": .count(row.line), "indicator": .text(target.indicator), "value": .number(target.value),
                                "floor": .number(floor), "rule": .text(inherited.rule), "parent": .text(inherited.parentUnit)]),
                            file: shown, line: row.line))
                        continue
                    }
                }
                documents.append((Layout.indicatorFile(year: chosenYear, code: row.indicator.code), try CanonicalJSON.encode(row.indicator), row.indicator.code))
                documents.append((Layout.targetFile(year: chosenYear, indicator: target.indicator), try CanonicalJSON.encode(target), target.indicator))
            }
        case .indicators:
            let read = TargetImport.readIndicators(bytes, file: shown, sheet: sheet, defaults: defaults)
            findings = read.findings
            chosenYear = try year ?? snapshot.planYears.last ?? Self.noYear()
            for row in read.rows {
                documents.append((Layout.indicatorFile(year: chosenYear, code: row.indicator.code), try CanonicalJSON.encode(row.indicator), row.indicator.code))
            }
        case .tasks:
            chosenYear = try year ?? snapshot.planYears.last ?? Self.noYear()
            let read = TaskImport.read(bytes, file: shown, sheet: sheet, defaultYear: chosenYear)
            findings = read.findings
            let existing = snapshot.years[chosenYear]?.tasks ?? [:]
            for row in read.rows {
                var task = row.task
                let unknown = Self.unknownRecipients(task.recipients, of: snapshot.unit, file: shown, line: row.line)
                guard unknown.isEmpty else { findings += unknown; continue }
                if task.provenance == nil { task.provenance = existing[task.id]?.provenance }
                documents.append((Layout.taskFile(year: chosenYear, id: task.id), try CanonicalJSON.encode(task), task.id))
            }
        case .baselines:
            let read = BaselineImport.read(bytes, file: shown, sheet: sheet)
            findings = read.findings
            chosenYear = try year ?? snapshot.planYears.last ?? read.rows.compactMap { $0.asOf?.year }.max() ?? Self.noYear()
            for document in BaselineImport.documents(read.rows) {
                var merged = snapshot.years[chosenYear]?.baselines[document.unit] ?? Baselines(unit: document.unit, values: [:])
                merged.values.merge(document.values) { $1 }
                documents.append((Layout.baselinesFile(year: chosenYear, unit: document.unit), try CanonicalJSON.encode(merged), document.unit))
            }
        case .assignments:
            chosenYear = try year ?? snapshot.planYears.last ?? Self.noYear()
            let read = AssignmentImport.read(bytes, file: shown, sheet: sheet, defaultYear: chosenYear)
            findings = read.findings
            let assigned = Self.assign(read.rows, in: snapshot, year: chosenYear, file: shown)
            findings += assigned.findings
            for code in assigned.targets.keys.sorted() {
                documents.append((Layout.targetFile(year: chosenYear, indicator: code), try CanonicalJSON.encode(assigned.targets[code]!), code))
            }
            assignmentRows = read.rows.count
        }
        let errors = findings.filter { $0.severity == .error }
        guard errors.isEmpty else { throw PlanStoreError.invalidInput(findings: errors.map(\.lineMessage)) }

        var changes: [String: [UInt8]?] = [:]
        var added: [String] = [], updated: [String] = [], unchanged = 0
        for document in documents {
            let before = try repository.file(document.path)
            if before == document.bytes { unchanged += 1; continue }
            changes[document.path] = document.bytes
            if document.path.contains("/indicators/") && kind != .indicators { continue }
            if before == nil { added.append(document.key) } else { updated.append(document.key) }
        }
        let stored = try repository.errors(after: changes)
        guard stored.isEmpty else { throw PlanStoreError.invalidInput(findings: stored.map(\.lineMessage)) }
        var commit: Oid?
        if !changes.isEmpty {
            let identity = try Identity.resolve(for: repository.git, environment: environment)
            let name = (shown as NSString).lastPathComponent
            let message = "Import \(kind.rawValue) \(chosenYear) from \(name): \(added.count) added, \(updated.count) updated\n"
            commit = try repository.commit(changes, message: message, identity: identity)
        }
        let rows = kind == .targets ? documents.count / 2 : kind == .assignments ? assignmentRows : documents.count
        return Outcome(kind: kind, year: chosenYear, rows: rows, added: added, updated: updated,
                       unchanged: kind == .targets ? unchanged / 2 : unchanged,
                       warnings: findings.filter { $0.severity != .error }, commit: commit)
    }

    /// Errors for scope items (`for`) that are neither `lead`, `cooperating`, a child id nor a
    /// level of `unit`'s children, naming the file, row and column.
    static func unknownRecipients(_ items: [String], of unit: PlanModel.Unit, file: String, line: Int) -> [Finding] {
        let recipients = Recipients(parent: unit)
        return items.filter { !recipients.isKnown($0, children: unit.children) }.map { item in
            Finding(
                severity: .error, kind: "unknown-recipient",
                message: Message("scope.import.unknown-recipient", [
                    "row": .count(line), "item": .text(item), "unit": .text(unit.id),
                    "children": .list(unit.children.map { .text($0.id) }),
                    "levels": .list(Set(unit.children.map(\.level)).union(recipients.levelPhrases.keys).sorted().map { .text($0) })]),
                file: file, line: line)
        }
    }

    /// The unit's targets with the assignments of `rows` written in, and the errors: a unit
    /// that is not a child, an indicator without a target, a value weaker than what the
    /// target's rule gives that child (or the child exempt from it).
    static func assign(_ rows: [AssignmentRow], in snapshot: PlanSnapshot, year: Int, file: String) -> (targets: [String: Target], findings: [Finding]) {
        let unit = snapshot.unit
        let plan = snapshot.years[year] ?? PlanSnapshot.Year()
        var changed: [String: Target] = [:]
        var findings: [Finding] = []
        func refuse(_ row: AssignmentRow, _ kind: Finding.Kind, _ code: String, _ arguments: [String: Message.Value]) {
            findings.append(Finding(
                severity: .error, kind: kind,
                message: Message(code, arguments.merging(["row": .count(row.line), "unit": .text(row.unit), "indicator": .text(row.indicator)]) { $1 }),
                file: file, line: row.line))
        }
        // The rule is applied as pull will apply it; the commit is not known yet.
        let pending = String(repeating: "0", count: 40)
        for row in rows {
            guard unit.children.contains(where: { $0.id == row.unit }) else {
                refuse(row, "unknown-unit", "scope.import.unknown-unit", ["parent": .text(unit.id), "children": .list(unit.children.map { .text($0.id) })])
                continue
            }
            guard var target = changed[row.indicator] ?? plan.targets[row.indicator], let indicator = plan.indicators[row.indicator] else {
                refuse(row, "unknown-indicator", "scope.import.unknown-indicator", [
                    "year": .year(year), "known": .list(plan.targets.keys.sorted().prefix(12).map { .text($0) })])
                continue
            }
            let baseline = plan.baselines[row.unit]?.values[row.indicator]?.value
            var rowTarget = target
            rowTarget.assignments = [:]
            switch Derivation.derive(parent: ParentTarget(target: rowTarget, unit: unit.id, commit: pending), indicator: indicator, child: row.unit, baseline: baseline) {
            case .target(let derived):
                if Derivation.isWeaker(row.assignment.value, than: derived.value, direction: indicator.direction) {
                    refuse(row, "below-rule", "scope.import.below-rule", [
                        "value": .number(row.assignment.value), "floor": .number(derived.value), "rule": .text(derived.provenance?.rule ?? "floor")])
                    continue
                }
            case .exempt:
                refuse(row, "exempt", "scope.import.exempt", ["rule": .text(target.rule ?? "")])
                continue
            case .invalid(let message):
                refuse(row, "rule", "scope.import.rule-invalid", ["detail": .message(.untranslated(message))])
                continue
            }
            target.assignments[row.unit] = row.assignment
            changed[row.indicator] = target
        }
        return (changed, findings)
    }

    private static func noYear() throws -> Int {
        throw PlanStoreError.invalidArgument(name: "--year", value: "", reason: Message("workflow.import.year-needed"))
    }
}
