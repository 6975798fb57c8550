/// Cross-file checks within one unit folder (the root or one `children/<id>/`).
struct UnitCheck {
    let unitPath: [String]
    let files: [DocumentValidator.Checked]
    /// The id of the unit whose `children/` folder holds this one.
    var enclosingUnitID: String?
    private(set) var findings: [Finding] = []

    init(unitPath: [String], files: [DocumentValidator.Checked]) {
        self.unitPath = unitPath
        self.files = files
    }

    var prefix: String { DocumentPath.prefix(for: unitPath) }

    mutating func report(
        _ kind: Finding.Kind, _ message: Message, in file: DocumentValidator.Checked, at path: JSONPath,
        keyOf key: String? = nil, severity: Finding.Severity = .error
    ) {
        var location = file.value?.node(at: path)?.location
        if let key, let container = path.components.dropLast().last, case .key(let name) = container {
            location = file.value?[name]?.member(key)?.keyLocation ?? location
        }
        findings.append(Finding(severity, kind, message, file: file.path, at: location, path: path))
    }

    mutating func run() {
        var unit: Unit?
        var indicators: [Int: [String: Indicator]] = [:]
        var taskIDs: [Int: Set<String>] = [:]
        var scoreFiles: [Int: CriteriaFiles] = [:]
        var firstFile: [String: (String, String)] = [:]  // "<kind>:<year>:<lower-cased id>" → (path, id)
        let root = JSONPath()

        for file in files {
            guard let document = file.decoded else { continue }
            let year = file.documentPath?.year ?? 0
            let (kind, id, at): (String, String, JSONPath)
            switch document {
            case .unit(let u):
                if file.document != nil { unit = u }
                continue
            case .plan:
                continue
            case .indicator(let i):
                if file.document != nil { indicators[year, default: [:]][i.code] = indicators[year]?[i.code] ?? i }
                if file.document != nil, i.measure == .score { scoreFiles[year, default: CriteriaFiles()].indicators[i.code] = (i, file) }
                (kind, id, at) = ("validation.kind.indicator", i.code, root.appending(key: "code"))
            case .target(let t):
                if file.document != nil { scoreFiles[year, default: CriteriaFiles()].targets[t.indicator] = (t, file) }
                (kind, id, at) = ("validation.kind.target", t.indicator, root.appending(key: "indicator"))
            case .task(let t):
                if file.document != nil { taskIDs[year, default: []].insert(t.id) }
                (kind, id, at) = ("validation.kind.task", t.id, root.appending(key: "id"))
            case .baselines(let b):
                (kind, id, at) = ("validation.kind.baselines", b.unit, root.appending(key: "unit"))
            case .progress(let p):
                (kind, id, at) = ("validation.kind.progress", p.period.description, root.appending(key: "period"))
            case .rollup(let r):
                (kind, id, at) = ("validation.kind.rollup", r.period.description, root.appending(key: "period"))
            case .conflict(let c):
                (kind, id, at) = ("validation.kind.conflict", c.id, root.appending(key: "id"))
            case .approval(let a):
                (kind, id, at) = ("validation.kind.approval", "\(a.child) \(a.period)", root.appending(key: "period"))
            case .reorganisation(let r):
                (kind, id, at) = ("reorg.validation.kind", r.id, root.appending(key: "id"))
            }
            // Ids that differ only in letter case collide on case-insensitive file systems.
            let key = "\(kind):\(year):\(id.lowercased())"
            if let (otherPath, otherID) = firstFile[key] {
                // "target for indicator '…'", "report for period '…'", …
                let what: Message.Value = .term(kind)
                let message =
                    otherID == id
                    ? Message("validation.duplicate-file", ["kind": what, "id": .text(id), "file": .text(otherPath)])
                    : Message(
                        "validation.case-collision",
                        ["kind": what, "id": .text(id), "first": .text(otherID), "file": .text(otherPath)])
                report("duplicate-id", message, in: file, at: at)
            } else {
                firstFile[key] = (file.path, id)
            }
        }

        let unitFile = prefix + "unit.json"
        if !files.contains(where: { $0.path == unitFile }) {
            findings.append(
                Finding(
                    severity: .error, kind: "missing-file",
                    message: Message("validation.missing-unit-file", ["file": .text(unitFile)]),
                    file: unitFile))
        }
        if let unit, let enclosingUnitID, unit.parent != enclosingUnitID,
            let file = files.first(where: { $0.path == unitFile })
        {
            let message =
                unit.parent.map { Message("validation.wrong-parent", ["parent": .text($0), "unit": .text(enclosingUnitID)]) }
                ?? Message("validation.missing-parent", ["unit": .text(enclosingUnitID)])
            report("wrong-unit", message, in: file, at: root.appending(key: unit.parent == nil ? "id" : "parent"))
        }

        for file in files {
            guard let document = file.document, let year = file.documentPath?.year else { continue }
            let known = indicators[year] ?? [:]
            switch document {
            case .target(let target):
                let at = root.appending(key: "indicator")
                guard let indicator = known[target.indicator] else {
                    report(
                        "unknown-indicator", unknownIndicator(target.indicator, year: year, known: known, what: "validation.names.target"),
                        in: file, at: at)
                    continue
                }
                checkTargetRange(target, indicator, in: file)
                checkBand(target, indicator, in: file)
                checkAssignments(target, indicator, unit: unit, in: file)
            case .task(let task):
                for (i, code) in task.indicators.enumerated() where known[code] == nil {
                    report(
                        "unknown-indicator", unknownIndicator(code, year: year, known: known, what: "validation.names.task"),
                        in: file, at: root.appending(key: "indicators").appending(index: i))
                }
            case .baselines(let baselines):
                checkBaselines(baselines, year: year, known: known, unit: unit, in: file)
            case .progress(let progress):
                checkProgress(progress, known: known, tasks: taskIDs[year] ?? [], unitID: unit?.id, in: file)
            case .rollup(let rollup):
                checkRollup(rollup, known: known, unitID: unit?.id, in: file)
            default:
                break
            }
        }
        for year in scoreFiles.keys.sorted() { checkCriteriaSums(scoreFiles[year]!) }
    }

    /// "target names indicator 'X', but plans/2024/indicators/X.json does not exist; …", where
    /// `what` is the term of the document that names it (`validation.names.*`).
    func unknownIndicator(_ code: String, year: Int, known: [String: Indicator], what: String) -> Message {
        let file = "\(prefix)plans/\(year)/indicators/\(code).json"
        let arguments: [String: Message.Value] = ["what": .term(what), "code": .text(code), "file": .text(file)]
        if known.isEmpty {
            return Message("validation.unknown-indicator-none", arguments.merging(["year": .year(year)]) { $1 })
        }
        let names = known.keys.sorted()
        let shown = names.prefix(10).map { Message.Value.text($0) } + (names.count > 10 ? [.text("…")] : [])
        return Message("validation.unknown-indicator", arguments.merging(["known": .list(shown)]) { $1 })
    }

    mutating func checkTargetRange(_ target: Target, _ indicator: Indicator, in file: DocumentValidator.Checked) {
        let at = JSONPath().appending(key: "value")
        if indicator.measure == .percent, target.value < 0 || target.value > 100 {
            report("range", Self.percentOutside("validation.value.target", target.value, indicator.code), in: file, at: at)
        }
        if indicator.measure == .score, let max = indicator.maxScore, target.value > max {
            report("range", Self.aboveMax("validation.value.target", target.value, indicator.code, max: max), in: file, at: at)
        }
    }

    /// A target's explicit assignments (issue 17): each to a registered child (a warning
    /// otherwise, like a baseline's), each value within what the indicator can hold.
    mutating func checkAssignments(_ target: Target, _ indicator: Indicator, unit: Unit?, in file: DocumentValidator.Checked) {
        for (child, assignment) in target.assignments.sorted(by: { $0.key < $1.key }) {
            let at = JSONPath().appending(key: "assignments").appending(key: child)
            if let unit, !unit.children.contains(where: { $0.id == child }) {
                report("unknown-unit", Message("scope.validation.assignment-not-child", [
                    "unit": .text(child), "parent": .text(unit.id), "file": .text("\(prefix)unit.json"),
                    "children": .list(unit.children.map(\.id).sorted().map { .text($0) })]), in: file, at: at, severity: .warning)
            }
            if indicator.measure == .percent, assignment.value < 0 || assignment.value > 100 {
                report("range", Self.percentOutside("validation.value.target", assignment.value, indicator.code), in: file, at: at.appending(key: "value"))
            }
            if indicator.measure == .score, let max = indicator.maxScore, assignment.value > max {
                report("range", Self.aboveMax("validation.value.target", assignment.value, indicator.code, max: max), in: file, at: at.appending(key: "value"))
            }
        }
    }

    /// "target 120 for percent indicator X is outside 0–100" (`what`: a `validation.value.*` term).
    static func percentOutside(_ what: String, _ value: Exact, _ code: String) -> Message {
        Message("validation.percent-outside", ["what": .term(what), "value": .number(value), "code": .text(code)])
    }

    /// "target 12 for indicator X is above its maxScore 10" (`what`: a `validation.value.*` term).
    static func aboveMax(_ what: String, _ value: Exact, _ code: String, max: Exact) -> Message {
        Message(
            "validation.above-max",
            ["what": .term(what), "value": .number(value), "code": .text(code), "max": .number(max)])
    }

    mutating func checkBaselines(
        _ baselines: Baselines, year: Int, known: [String: Indicator], unit: Unit?, in file: DocumentValidator.Checked
    ) {
        let root = JSONPath()
        if let unit, !unit.children.contains(where: { $0.id == baselines.unit }) {
            let children = unit.children.map(\.id).sorted()
            let arguments: [String: Message.Value] = [
                "unit": .text(baselines.unit), "parent": .text(unit.id), "file": .text("\(prefix)unit.json"),
            ]
            let message =
                children.isEmpty
                ? Message("validation.baselines-not-child", arguments)
                : Message("validation.baselines-not-child-of", arguments.merging(["children": .list(children.map { .text($0) })]) { $1 })
            report("unknown-unit", message, in: file, at: root.appending(key: "unit"), severity: .warning)
        }
        for (code, baseline) in baselines.values.sorted(by: { $0.key < $1.key }) {
            let at = root.appending(key: "values").appending(key: code)
            guard let indicator = known[code] else {
                report(
                    "unknown-indicator", unknownIndicator(code, year: year, known: known, what: "validation.names.baseline"),
                    in: file, at: at, keyOf: code)
                continue
            }
            let value = baseline.value
            if indicator.measure == .percent, value < 0 || value > 100 {
                report("range", Self.percentOutside("validation.value.baseline", value, code), in: file, at: at.appending(key: "value"))
            }
            if indicator.measure == .score, let max = indicator.maxScore, value > max {
                report("range", Self.aboveMax("validation.value.baseline", value, code, max: max), in: file, at: at.appending(key: "value"))
            }
        }
    }

    mutating func checkRollup(
        _ rollup: Rollup, known: [String: Indicator], unitID: String?, in file: DocumentValidator.Checked
    ) {
        let root = JSONPath()
        if let unitID, rollup.unit != unitID {
            report(
                "wrong-unit", Message("validation.rollup-wrong-unit", ["unit": .text(rollup.unit), "folder": .text(unitID)]),
                in: file, at: root.appending(key: "unit"))
        }
        for code in rollup.figures.keys.sorted() where known[code] == nil {
            report(
                "unknown-indicator", unknownIndicator(code, year: rollup.period.year, known: known, what: "validation.names.rollup"),
                in: file, at: root.appending(key: "figures").appending(key: code), keyOf: code)
        }
    }

    mutating func checkProgress(
        _ progress: ProgressReport, known: [String: Indicator], tasks: Set<String>, unitID: String?,
        in file: DocumentValidator.Checked
    ) {
        let root = JSONPath()
        if let unitID, progress.unit != unitID {
            report(
                "wrong-unit", Message("validation.report-wrong-unit", ["unit": .text(progress.unit), "folder": .text(unitID)]),
                in: file, at: root.appending(key: "unit"))
        }
        for (code, figure) in progress.figures.sorted(by: { $0.key < $1.key }) {
            let at = root.appending(key: "figures").appending(key: code)
            guard let indicator = known[code] else {
                report(
                    "unknown-indicator", unknownIndicator(code, year: progress.period.year, known: known, what: "validation.names.figure"),
                    in: file, at: at, keyOf: code)
                continue
            }
            for problem in FigureRules.check(figure, code: code, indicator: indicator) { report(problem.kind, problem.message, in: file, at: problem.field.map { at.appending(key: $0) } ?? at) }
        }
        for id in progress.tasks.keys.sorted() where !tasks.contains(id) {
            report(
                "unknown-task",
                Message(
                    "validation.unknown-task",
                    ["task": .text(id), "file": .text("\(prefix)plans/\(progress.period.year)/tasks/\(id).json")]),
                in: file, at: root.appending(key: "tasks").appending(key: id), keyOf: id, severity: .warning)
        }
    }
}
