/// Single-document rules over a decoded document and its parsed tree (for positions).
struct DocumentRules {
    private typealias T = ValidationTerm

    let file: String
    let value: JSONValue
    let documentPath: DocumentPath
    private(set) var findings: [Finding] = []

    init(file: String, value: JSONValue, documentPath: DocumentPath) {
        self.file = file
        self.value = value
        self.documentPath = documentPath
    }

    mutating func report(
        _ kind: Finding.Kind, _ message: Message, at path: JSONPath, severity: Finding.Severity = .error
    ) {
        let location = value.node(at: path)?.location ?? value.location
        findings.append(Finding(severity, kind, message, file: file, at: location, path: path))
    }

    /// Reports at the key of `$.<container>["key"]` rather than at its value.
    mutating func reportAtKey(_ kind: Finding.Kind, _ message: Message, container: String, key: String) {
        let location = value[container]?.member(key)?.keyLocation ?? value.location
        let path = JSONPath().appending(key: container).appending(key: key)
        findings.append(Finding(.error, kind, message, file: file, at: location, path: path))
    }

    /// "unit id 'a/b' contains '/'".
    static func identifierProblem(_ id: String, _ what: Message.Value) -> Message? {
        Identifier.problemMessage(id).map {
            Message("validation.identifier", ["what": what, "id": .text(id), "problem": .message($0)])
        }
    }

    /// "parentCommit '…' is not a 40-character hexadecimal commit id", for the field `field`.
    static func commitIDProblem(_ commit: String, field: String) -> Message {
        Message("validation.commit-id", ["field": .text(field), "commit": .text(commit)])
    }

    /// "unit id 'x' appears twice in 'children' (first at index 0)".
    static func duplicateInList(_ id: String, _ what: Message.Value, list: String, first: Int) -> Message {
        Message("validation.duplicate-in-list", ["what": what, "id": .text(id), "list": .text(list), "first": .count(first)])
    }

    mutating func checkID(_ id: String, _ what: Message.Value, at path: JSONPath) {
        if let problem = Self.identifierProblem(id, what) {
            report("identifier", problem, at: path)
        }
    }

    mutating func checkFileName(_ id: String, _ what: Message.Value, at path: JSONPath) {
        guard let name = documentPath.name, name != id else { return }
        report("file-name", Message("validation.file-name", ["name": .text(name), "what": what, "id": .text(id)]), at: path)
    }

    mutating func checkUnique(_ ids: [String], _ what: Message.Value, list: String) {
        var seen: [String: Int] = [:]
        for (i, id) in ids.enumerated() {
            if let first = seen[id] {
                report("duplicate-id", Self.duplicateInList(id, what, list: list, first: first),
                    at: JSONPath().appending(key: list).appending(index: i))
            } else {
                seen[id] = i
            }
        }
    }

    mutating func checkYear(_ year: Int, what: Message.Value, at path: JSONPath) {
        guard let folder = documentPath.year, folder != year else { return }
        report("file-name", Message("validation.year-folder", ["what": what, "year": .year(year), "folder": .year(folder)]), at: path)
    }

    mutating func checkProvenance(_ provenance: Provenance?) {
        guard let provenance else { return }
        let base = JSONPath().appending(key: "provenance")
        checkID(provenance.parentUnit, T.parentUnitID, at: base.appending(key: "parentUnit"))
        if !Provenance.isCommitID(provenance.parentCommit) {
            report(
                "identifier", Self.commitIDProblem(provenance.parentCommit, field: "parentCommit"),
                at: base.appending(key: "parentCommit"))
        }
        if let from = provenance.inheritedFrom {
            checkID(from, T.unitID, at: base.appending(key: "inheritedFrom"))
        }
    }

    mutating func check(_ document: Document) {
        let root = JSONPath()
        switch document {
        case .unit(let unit):
            checkID(unit.id, T.unitID, at: root.appending(key: "id"))
            if let parent = unit.parent { checkID(parent, T.parentUnitID, at: root.appending(key: "parent")) }
            for (i, child) in unit.children.enumerated() {
                checkID(child.id, T.childUnitID, at: root.appending(key: "children").appending(index: i).appending(key: "id"))
            }
            checkUnique(unit.children.map(\.id), T.childUnitID, list: "children")
            if let folder = documentPath.unitPath.last, folder != unit.id {
                report(
                    "file-name", Message("validation.unit-folder", ["id": .text(unit.id), "folder": .text(folder)]),
                    at: root.appending(key: "id"))
            }
        case .plan(let plan):
            checkYear(plan.year, what: T.planYear, at: root.appending(key: "year"))
            if let reporting = plan.reporting { checkReporting(reporting, year: plan.year) }
        case .indicator(let indicator):
            checkID(indicator.code, T.indicatorCode, at: root.appending(key: "code"))
            checkFileName(indicator.code, T.indicatorCode, at: root.appending(key: "code"))
            if let max = indicator.maxScore, max <= 0 {
                report("range", Message("validation.max-score-positive", ["value": .number(max)]), at: root.appending(key: "maxScore"))
            }
        case .target(let target):
            checkID(target.indicator, T.indicatorCode, at: root.appending(key: "indicator"))
            checkFileName(target.indicator, T.indicatorCode, at: root.appending(key: "indicator"))
            checkProvenance(target.provenance)
            if let versus = target.versus, !Provenance.isCommitID(versus.commit) {
                report("identifier", Self.commitIDProblem(versus.commit, field: "versus.commit"),
                       at: root.appending(key: "versus").appending(key: "commit"))
            }
        case .task(let task):
            checkID(task.id, T.taskID, at: root.appending(key: "id"))
            checkFileName(task.id, T.taskID, at: root.appending(key: "id"))
            for (i, code) in task.indicators.enumerated() {
                checkID(code, T.indicatorCode, at: root.appending(key: "indicators").appending(index: i))
            }
            checkUnique(task.indicators, T.indicatorCode, list: "indicators")
            // `for`: child ids, levels, lead, cooperating (issue 17) — ids, never names.
            for (i, item) in task.recipients.enumerated() {
                checkID(item, .term("scope.term.recipient"), at: root.appending(key: "for").appending(index: i))
            }
            checkProvenance(task.provenance)
        case .baselines(let baselines):
            checkID(baselines.unit, T.unitID, at: root.appending(key: "unit"))
            checkFileName(baselines.unit, T.unitID, at: root.appending(key: "unit"))
            for code in baselines.values.keys.sorted() {
                if let problem = Self.identifierProblem(code, T.indicatorCode) {
                    reportAtKey("identifier", problem, container: "values", key: code)
                }
            }
        case .progress(let report):
            checkProgress(report)
        case .rollup(let rollup):
            checkRollup(rollup)
        case .conflict(let record):
            checkConflict(record)
        case .approval(let approval):
            checkApproval(approval)
        case .reorganisation(let decision):
            checkReorganisation(decision)
        }
    }

    mutating func checkApproval(_ approval: Approval) {
        let root = JSONPath()
        checkID(approval.child, T.childUnitID, at: root.appending(key: "child"))
        if let folder = documentPath.child, folder != approval.child {
            report(
                "file-name", Message("validation.approval-folder", ["child": .text(approval.child), "folder": .text(folder)]),
                at: root.appending(key: "child"))
        }
        checkFileName(approval.period.description, T.period, at: root.appending(key: "period"))
        if approval.state != .approved, (approval.reason ?? "").allSatisfy(\.isWhitespace) {
            report(
                "missing-field", Message("validation.approval-reason", ["state": .text(approval.state.rawValue)]),
                at: root.appending(key: "reason"))
        }
        if approval.state == .approved, approval.files.isEmpty {
            report("missing-field", Message("validation.approval-files"), at: root.appending(key: "state"))
        }
        let allowed = Approval.reportFiles(for: approval.period).sorted()
        for (path, blob) in approval.files.sorted(by: { $0.key < $1.key }) {
            if !Approval.isReportFile(path, within: approval.period) {
                // Reports and rollups of the period or of periods within it.
                let message = Message(
                    "validation.approval-file",
                    ["path": .text(path), "period": .period(approval.period.description), "first": .text(allowed[0]),
                     "second": .text(allowed[allowed.count - 1])])
                reportAtKey("file-name", message, container: "files", key: path)
            }
            if !Provenance.isCommitID(blob) {
                reportAtKey(
                    "identifier", Message("validation.blob-id", ["blob": .text(blob), "path": .text(path)]), container: "files",
                    key: path)
            }
        }
        if let commit = approval.childCommit, !Provenance.isCommitID(commit) {
            report("identifier", Self.commitIDProblem(commit, field: "childCommit"), at: root.appending(key: "childCommit"))
        }
    }

    mutating func checkRollup(_ rollup: Rollup) {
        let root = JSONPath()
        checkID(rollup.unit, T.unitID, at: root.appending(key: "unit"))
        checkFileName(rollup.period.description, T.period, at: root.appending(key: "period"))
        checkYear(rollup.period.year, what: T.periodYear, at: root.appending(key: "period"))
        for code in rollup.figures.keys.sorted() {
            if let problem = Self.identifierProblem(code, T.indicatorCode) {
                reportAtKey("identifier", problem, container: "figures", key: code)
            }
        }
        for (code, figure) in rollup.figures.sorted(by: { $0.key < $1.key }) {
            let at = root.appending(key: "figures").appending(key: code)
            if (figure.numerator == nil) != (figure.denominator == nil) {
                report("missing-field", Message("validation.figure-half-ratio", ["code": .text(code)]), at: at)
            }
            if let denominator = figure.denominator, denominator < 0 {
                report(
                    "range", Message("validation.denominator-negative", ["value": .number(denominator)]),
                    at: at.appending(key: "denominator"))
            }
            for problem in FigureRules.check(figure, code: code) { report(problem.kind, problem.message, at: problem.field.map { at.appending(key: $0) } ?? at) }
            if figure.units < figure.contributors.count {
                report(
                    "range",
                    Message("validation.units-count", ["units": .count(figure.units), "contributors": .count(figure.contributors.count)]),
                    at: at.appending(key: "units"))
            }
            let contributors = at.appending(key: "contributors")
            var seen: [String: Int] = [:]
            for (i, id) in figure.contributors.enumerated() {
                if let problem = Self.identifierProblem(id, T.unitID) {
                    report("identifier", problem, at: contributors.appending(index: i))
                }
                if let first = seen[id] {
                    report(
                        "duplicate-id", Self.duplicateInList(id, T.unitID, list: "contributors", first: first),
                        at: contributors.appending(index: i))
                } else {
                    seen[id] = i
                }
            }
        }
    }

    mutating func checkConflict(_ record: ConflictRecord) {
        let root = JSONPath()
        checkID(record.id, T.conflictID, at: root.appending(key: "id"))
        checkFileName(record.id, T.conflictID, at: root.appending(key: "id"))
        if let problem = ConflictRecord.fileProblem(record.file) {
            report(
                "identifier", Message("validation.conflict-file", ["file": .text(record.file), "problem": .message(problem)]),
                at: root.appending(key: "file"))
        }
        if !record.path.hasPrefix("$") {
            report("type", Message("validation.conflict-path", ["path": .text(record.path)]), at: root.appending(key: "path"))
        }
        if let item = record.item { checkID(item, T.item, at: root.appending(key: "item")) }
        for (key, commit) in [("oursCommit", record.oursCommit), ("theirsCommit", record.theirsCommit)]
        where !Provenance.isCommitID(commit) {
            report("identifier", Self.commitIDProblem(commit, field: key), at: root.appending(key: key))
        }
    }

    mutating func checkProgress(_ progress: ProgressReport) {
        let root = JSONPath()
        checkID(progress.unit, T.unitID, at: root.appending(key: "unit"))
        checkFileName(progress.period.description, T.period, at: root.appending(key: "period"))
        checkYear(progress.period.year, what: T.periodYear, at: root.appending(key: "period"))
        for code in progress.figures.keys.sorted() {
            if let problem = Self.identifierProblem(code, T.indicatorCode) {
                reportAtKey("identifier", problem, container: "figures", key: code)
            }
        }
        for id in progress.tasks.keys.sorted() {
            if let problem = Self.identifierProblem(id, T.taskID) {
                reportAtKey("identifier", problem, container: "tasks", key: id)
            }
        }
        for (code, figure) in progress.figures.sorted(by: { $0.key < $1.key }) {
            let at = root.appending(key: "figures").appending(key: code)
            let hasRatio = figure.numerator != nil || figure.denominator != nil
            if figure.value != nil, hasRatio {
                report("type", Message("validation.figure-both-forms", ["code": .text(code)]), at: at)
            } else if figure.value == nil, figure.numerator == nil || figure.denominator == nil {
                report("missing-field", Message("validation.figure-missing-value", ["code": .text(code)]), at: at)
            }
            for problem in FigureRules.check(figure, code: code) { report(problem.kind, problem.message, at: problem.field.map { at.appending(key: $0) } ?? at) }
        }
    }
}
