/// Single-document rules over a decoded document and its parsed tree (for positions).
struct DocumentRules {
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

    mutating func checkID(_ id: String, _ what: String, at path: JSONPath) {
        if let problem = Identifier.problem(id) {
            report("identifier", "\(what) '\(id)' \(problem)", at: path)
        }
    }

    mutating func checkFileName(_ id: String, _ what: String, at path: JSONPath) {
        guard let name = documentPath.name, name != id else { return }
        report(
            "file-name",
            "file name '\(name).json' does not match \(what) '\(id)'; rename the file to '\(id).json' or correct the \(what)",
            at: path)
    }

    mutating func checkUnique(_ ids: [String], _ what: String, list: String) {
        var seen: [String: Int] = [:]
        for (i, id) in ids.enumerated() {
            if let first = seen[id] {
                report("duplicate-id", "\(what) '\(id)' appears twice in '\(list)' (first at index \(first))",
                    at: JSONPath().appending(key: list).appending(index: i))
            } else {
                seen[id] = i
            }
        }
    }

    mutating func checkYear(_ year: Int, what: String, at path: JSONPath) {
        guard let folder = documentPath.year, folder != year else { return }
        report("file-name", "\(what) \(year) does not match its folder for year \(folder)", at: path)
    }

    mutating func checkProvenance(_ provenance: Provenance?) {
        guard let provenance else { return }
        let base = JSONPath().appending(key: "provenance")
        checkID(provenance.parentUnit, "parent unit id", at: base.appending(key: "parentUnit"))
        if !Provenance.isCommitID(provenance.parentCommit) {
            report(
                "identifier",
                "parentCommit '\(provenance.parentCommit)' is not a 40-character hexadecimal commit id",
                at: base.appending(key: "parentCommit"))
        }
        if let from = provenance.inheritedFrom {
            checkID(from, "unit id", at: base.appending(key: "inheritedFrom"))
        }
    }

    mutating func check(_ document: Document) {
        let root = JSONPath()
        switch document {
        case .unit(let unit):
            checkID(unit.id, "unit id", at: root.appending(key: "id"))
            if let parent = unit.parent { checkID(parent, "parent unit id", at: root.appending(key: "parent")) }
            for (i, child) in unit.children.enumerated() {
                checkID(child.id, "child unit id", at: root.appending(key: "children").appending(index: i).appending(key: "id"))
            }
            checkUnique(unit.children.map(\.id), "child unit id", list: "children")
            if let folder = documentPath.unitPath.last, folder != unit.id {
                report(
                    "file-name",
                    "unit id '\(unit.id)' does not match its folder children/\(folder)/",
                    at: root.appending(key: "id"))
            }
        case .plan(let plan):
            checkYear(plan.year, what: "plan year", at: root.appending(key: "year"))
        case .indicator(let indicator):
            checkID(indicator.code, "indicator code", at: root.appending(key: "code"))
            checkFileName(indicator.code, "indicator code", at: root.appending(key: "code"))
            if let max = indicator.maxScore, max <= 0 {
                report("range", "maxScore must be greater than 0, found \(max)", at: root.appending(key: "maxScore"))
            }
        case .target(let target):
            checkID(target.indicator, "indicator code", at: root.appending(key: "indicator"))
            checkFileName(target.indicator, "indicator code", at: root.appending(key: "indicator"))
            checkProvenance(target.provenance)
        case .task(let task):
            checkID(task.id, "task id", at: root.appending(key: "id"))
            checkFileName(task.id, "task id", at: root.appending(key: "id"))
            for (i, code) in task.indicators.enumerated() {
                checkID(code, "indicator code", at: root.appending(key: "indicators").appending(index: i))
            }
            checkUnique(task.indicators, "indicator code", list: "indicators")
            checkProvenance(task.provenance)
        case .baselines(let baselines):
            checkID(baselines.unit, "unit id", at: root.appending(key: "unit"))
            checkFileName(baselines.unit, "unit id", at: root.appending(key: "unit"))
            for code in baselines.values.keys.sorted() {
                if let problem = Identifier.problem(code) {
                    reportAtKey("identifier", "indicator code '\(code)' \(problem)", container: "values", key: code)
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
        }
    }

    mutating func checkApproval(_ approval: Approval) {
        let root = JSONPath()
        checkID(approval.child, "child unit id", at: root.appending(key: "child"))
        if let folder = documentPath.child, folder != approval.child {
            report("file-name", "child '\(approval.child)' does not match its folder approvals/\(folder)/", at: root.appending(key: "child"))
        }
        checkFileName(approval.period.description, "period", at: root.appending(key: "period"))
        if approval.state != .approved, (approval.reason ?? "").allSatisfy(\.isWhitespace) {
            report("missing-field", "a \(approval.state.rawValue) period needs a 'reason'", at: root.appending(key: "reason"))
        }
        if approval.state == .approved, approval.files.isEmpty {
            report("missing-field", "an approved period names the report files it locks in 'files'", at: root.appending(key: "state"))
        }
        let allowed = Set(Approval.reportFiles(for: approval.period))
        for (path, blob) in approval.files.sorted(by: { $0.key < $1.key }) {
            if !allowed.contains(path) {
                reportAtKey("file-name", "'\(path)' is not a report file of \(approval.period); expected \(allowed.sorted().joined(separator: " or "))",
                            container: "files", key: path)
            }
            if !Provenance.isCommitID(blob) {
                reportAtKey("identifier", "blob id '\(blob)' of \(path) is not 40 hexadecimal digits", container: "files", key: path)
            }
        }
        if let commit = approval.childCommit, !Provenance.isCommitID(commit) {
            report("identifier", "childCommit '\(commit)' is not a 40-character hexadecimal commit id", at: root.appending(key: "childCommit"))
        }
    }

    mutating func checkRollup(_ rollup: Rollup) {
        let root = JSONPath()
        checkID(rollup.unit, "unit id", at: root.appending(key: "unit"))
        checkFileName(rollup.period.description, "period", at: root.appending(key: "period"))
        checkYear(rollup.period.year, what: "period year", at: root.appending(key: "period"))
        for code in rollup.figures.keys.sorted() {
            if let problem = Identifier.problem(code) {
                reportAtKey("identifier", "indicator code '\(code)' \(problem)", container: "figures", key: code)
            }
        }
        for (code, figure) in rollup.figures.sorted(by: { $0.key < $1.key }) {
            let at = root.appending(key: "figures").appending(key: code)
            if (figure.numerator == nil) != (figure.denominator == nil) {
                report("missing-field", "figure '\(code)' gives only one of 'numerator' and 'denominator'; give both or neither", at: at)
            }
            if let denominator = figure.denominator, denominator < 0 {
                report("range", "denominator must not be negative, found \(denominator)", at: at.appending(key: "denominator"))
            }
            for problem in FigureRules.check(figure, code: code) { report(problem.kind, problem.message, at: problem.field.map { at.appending(key: $0) } ?? at) }
            if figure.units < figure.contributors.count {
                report(
                    "range",
                    "units is \(figure.units) but \(figure.contributors.count) contributors are listed; units counts every contributing unit",
                    at: at.appending(key: "units"))
            }
            let contributors = at.appending(key: "contributors")
            var seen: [String: Int] = [:]
            for (i, id) in figure.contributors.enumerated() {
                if let problem = Identifier.problem(id) {
                    report("identifier", "unit id '\(id)' \(problem)", at: contributors.appending(index: i))
                }
                if let first = seen[id] {
                    report(
                        "duplicate-id", "unit id '\(id)' appears twice in 'contributors' (first at index \(first))",
                        at: contributors.appending(index: i))
                } else {
                    seen[id] = i
                }
            }
        }
    }

    mutating func checkConflict(_ record: ConflictRecord) {
        let root = JSONPath()
        checkID(record.id, "conflict id", at: root.appending(key: "id"))
        checkFileName(record.id, "conflict id", at: root.appending(key: "id"))
        if let problem = ConflictRecord.fileProblem(record.file) {
            report("identifier", "file '\(record.file)' \(problem)", at: root.appending(key: "file"))
        }
        if !record.path.hasPrefix("$") {
            report(
                "type", "path '\(record.path)' is not a JSON path; expected one starting with '$', e.g. $.figures[\"DVC-ONLINE\"].numerator",
                at: root.appending(key: "path"))
        }
        if let item = record.item { checkID(item, "item", at: root.appending(key: "item")) }
        for (key, commit) in [("oursCommit", record.oursCommit), ("theirsCommit", record.theirsCommit)]
        where !Provenance.isCommitID(commit) {
            report("identifier", "\(key) '\(commit)' is not a 40-character hexadecimal commit id", at: root.appending(key: key))
        }
    }

    mutating func checkProgress(_ progress: ProgressReport) {
        let root = JSONPath()
        checkID(progress.unit, "unit id", at: root.appending(key: "unit"))
        checkFileName(progress.period.description, "period", at: root.appending(key: "period"))
        checkYear(progress.period.year, what: "period year", at: root.appending(key: "period"))
        for code in progress.figures.keys.sorted() {
            if let problem = Identifier.problem(code) {
                reportAtKey("identifier", "indicator code '\(code)' \(problem)", container: "figures", key: code)
            }
        }
        for id in progress.tasks.keys.sorted() {
            if let problem = Identifier.problem(id) {
                reportAtKey("identifier", "task id '\(id)' \(problem)", container: "tasks", key: id)
            }
        }
        for (code, figure) in progress.figures.sorted(by: { $0.key < $1.key }) {
            let at = root.appending(key: "figures").appending(key: code)
            let hasRatio = figure.numerator != nil || figure.denominator != nil
            if figure.value != nil, hasRatio {
                report("type", "figure '\(code)' gives both 'value' and 'numerator'/'denominator'; keep one form", at: at)
            } else if figure.value == nil, figure.numerator == nil || figure.denominator == nil {
                report(
                    "missing-field",
                    "figure '\(code)' needs either 'value' or both 'numerator' and 'denominator'", at: at)
            }
            for problem in FigureRules.check(figure, code: code) { report(problem.kind, problem.message, at: problem.field.map { at.appending(key: $0) } ?? at) }
        }
    }
}
