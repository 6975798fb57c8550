import Cascade
import Foundation
import Git
import PlanModel

/// `plancascade import targets|tasks|baselines|indicators <csv|xlsx>`: turns an office's
/// spreadsheet (CSV, or a sheet of an `.xlsx` workbook) into plan documents, as one validated commit. Re-importing updates the same
/// files (targets and indicators by code, tasks by id, baselines by unit), never duplicates. When any row is
/// bad, every problem is reported with its file and line and nothing is committed.
public struct ImportWorkflow {
    public enum Kind: String, Sendable, CaseIterable {
        case targets, tasks, baselines, indicators
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
        switch kind {
        case .targets:
            let read = TargetImport.read(bytes, file: shown, sheet: sheet, defaults: defaults)
            findings = read.findings
            chosenYear = try year ?? snapshot.planYears.last ?? read.rows.compactMap { $0.target.deadline?.year }.max() ?? Self.noYear()
            let existing = snapshot.years[chosenYear]?.targets ?? [:]
            for row in read.rows {
                var target = row.target
                if let rule = target.rule, case .failure(let error) = RuleSet.parse(rule) {
                    findings.append(Finding(severity: .error, kind: "rule", message: Message("workflow.import.bad-rule", ["row": .count(row.line), "rule": .text(rule), "detail": .text("\(error)")]), file: shown, line: row.line))
                    continue
                }
                if let inherited = existing[target.indicator]?.provenance {
                    target.provenance = inherited
                    if !force, let floor = Derivation.floor(for: target),
                       Derivation.isWeaker(target.value, than: floor, direction: row.indicator.direction) {
                        findings.append(Finding(
                            severity: .error, kind: "below-inherited",
                            message: Message("workflow.import.below-inherited", [
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
        let rows = kind == .targets ? documents.count / 2 : documents.count
        return Outcome(kind: kind, year: chosenYear, rows: rows, added: added, updated: updated,
                       unchanged: kind == .targets ? unchanged / 2 : unchanged,
                       warnings: findings.filter { $0.severity != .error }, commit: commit)
    }

    private static func noYear() throws -> Int {
        throw PlanStoreError.invalidArgument(name: "--year", value: "", reason: Message("workflow.import.year-needed"))
    }
}
