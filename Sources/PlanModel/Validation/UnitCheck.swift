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
                (kind, id, at) = ("indicator", i.code, root.appending(key: "code"))
            case .target(let t):
                (kind, id, at) = ("target for indicator", t.indicator, root.appending(key: "indicator"))
            case .task(let t):
                if file.document != nil { taskIDs[year, default: []].insert(t.id) }
                (kind, id, at) = ("task", t.id, root.appending(key: "id"))
            case .baselines(let b):
                (kind, id, at) = ("baselines for unit", b.unit, root.appending(key: "unit"))
            case .progress(let p):
                (kind, id, at) = ("report for period", p.period.description, root.appending(key: "period"))
            case .rollup(let r):
                (kind, id, at) = ("rollup for period", r.period.description, root.appending(key: "period"))
            case .conflict(let c):
                (kind, id, at) = ("conflict record", c.id, root.appending(key: "id"))
            case .approval(let a):
                (kind, id, at) = ("approval of", "\(a.child) \(a.period)", root.appending(key: "period"))
            }
            // Ids that differ only in letter case collide on case-insensitive file systems.
            let key = "\(kind):\(year):\(id.lowercased())"
            if let (otherPath, otherID) = firstFile[key] {
                let message =
                    otherID == id
                    ? "\(kind) '\(id)' is also defined in \(otherPath)"
                    : "\(kind) '\(id)' differs only in letter case from '\(otherID)' in \(otherPath); file names must differ on case-insensitive file systems"
                report("duplicate-id", .untranslated(message), in: file, at: at)
            } else {
                firstFile[key] = (file.path, id)
            }
        }

        let unitFile = prefix + "unit.json"
        if !files.contains(where: { $0.path == unitFile }) {
            findings.append(
                Finding(
                    severity: .error, kind: "missing-file",
                    message: "\(unitFile) is missing; every unit folder needs one (schema, id, name, level)",
                    file: unitFile))
        }
        if let unit, let enclosingUnitID, unit.parent != enclosingUnitID,
            let file = files.first(where: { $0.path == unitFile })
        {
            report(
                "wrong-unit",
                "parent is \(unit.parent.map { "'\($0)'" } ?? "missing") but this unit sits under unit '\(enclosingUnitID)'",
                in: file, at: root.appending(key: unit.parent == nil ? "id" : "parent"))
        }

        for file in files {
            guard let document = file.document, let year = file.documentPath?.year else { continue }
            let known = indicators[year] ?? [:]
            switch document {
            case .target(let target):
                let at = root.appending(key: "indicator")
                guard let indicator = known[target.indicator] else {
                    report("unknown-indicator", .untranslated(unknownIndicator(target.indicator, year: year, known: known, what: "target names")), in: file, at: at)
                    continue
                }
                checkTargetRange(target, indicator, in: file)
            case .task(let task):
                for (i, code) in task.indicators.enumerated() where known[code] == nil {
                    report(
                        "unknown-indicator", .untranslated(unknownIndicator(code, year: year, known: known, what: "task names")),
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
    }

    func unknownIndicator(_ code: String, year: Int, known: [String: Indicator], what: String) -> String {
        let file = "\(prefix)plans/\(year)/indicators/\(code).json"
        var message = "\(what) indicator '\(code)', but \(file) does not exist"
        if known.isEmpty {
            message += "; no indicators are defined for \(year) in this unit: add \(file)"
        } else {
            let names = known.keys.sorted()
            let shown = names.prefix(10).joined(separator: ", ") + (names.count > 10 ? ", …" : "")
            message += "; known indicators: \(shown)"
        }
        return message
    }

    mutating func checkTargetRange(_ target: Target, _ indicator: Indicator, in file: DocumentValidator.Checked) {
        let at = JSONPath().appending(key: "value")
        if indicator.measure == .percent, target.value < 0 || target.value > 100 {
            report("range", "target \(target.value) for percent indicator \(indicator.code) is outside 0–100", in: file, at: at)
        }
        if indicator.measure == .score, let max = indicator.maxScore, target.value > max {
            report("range", "target \(target.value) for indicator \(indicator.code) is above its maxScore \(max)", in: file, at: at)
        }
    }

    mutating func checkBaselines(
        _ baselines: Baselines, year: Int, known: [String: Indicator], unit: Unit?, in file: DocumentValidator.Checked
    ) {
        let root = JSONPath()
        if let unit, !unit.children.contains(where: { $0.id == baselines.unit }) {
            let children = unit.children.map(\.id).sorted()
            report(
                "unknown-unit",
                .untranslated("baselines for unit '\(baselines.unit)', which is not a child of unit '\(unit.id)' in \(prefix)unit.json"
                    + (children.isEmpty ? "; it lists no children" : "; its children are: \(children.joined(separator: ", "))")),
                in: file, at: root.appending(key: "unit"), severity: .warning)
        }
        for (code, baseline) in baselines.values.sorted(by: { $0.key < $1.key }) {
            let at = root.appending(key: "values").appending(key: code)
            guard let indicator = known[code] else {
                report(
                    "unknown-indicator", .untranslated(unknownIndicator(code, year: year, known: known, what: "baseline names")),
                    in: file, at: at, keyOf: code)
                continue
            }
            let value = baseline.value
            if indicator.measure == .percent, value < 0 || value > 100 {
                report(
                    "range", "baseline \(value) for percent indicator \(code) is outside 0–100", in: file,
                    at: at.appending(key: "value"))
            }
            if indicator.measure == .score, let max = indicator.maxScore, value > max {
                report(
                    "range", "baseline \(value) for indicator \(code) is above its maxScore \(max)", in: file,
                    at: at.appending(key: "value"))
            }
        }
    }

    mutating func checkRollup(
        _ rollup: Rollup, known: [String: Indicator], unitID: String?, in file: DocumentValidator.Checked
    ) {
        let root = JSONPath()
        if let unitID, rollup.unit != unitID {
            report(
                "wrong-unit", "rollup is for unit '\(rollup.unit)' but sits in the folder of unit '\(unitID)'",
                in: file, at: root.appending(key: "unit"))
        }
        for code in rollup.figures.keys.sorted() where known[code] == nil {
            report(
                "unknown-indicator", .untranslated(unknownIndicator(code, year: rollup.period.year, known: known, what: "rollup names")),
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
                "wrong-unit", "report is for unit '\(progress.unit)' but sits in the folder of unit '\(unitID)'",
                in: file, at: root.appending(key: "unit"))
        }
        for (code, figure) in progress.figures.sorted(by: { $0.key < $1.key }) {
            let at = root.appending(key: "figures").appending(key: code)
            guard let indicator = known[code] else {
                report(
                    "unknown-indicator", .untranslated(unknownIndicator(code, year: progress.period.year, known: known, what: "figure names")),
                    in: file, at: at, keyOf: code)
                continue
            }
            for problem in FigureRules.check(figure, code: code, indicator: indicator) { report(problem.kind, problem.message, in: file, at: problem.field.map { at.appending(key: $0) } ?? at) }
        }
        for id in progress.tasks.keys.sorted() where !tasks.contains(id) {
            report(
                "unknown-task",
                "status for task '\(id)', but \(prefix)plans/\(progress.period.year)/tasks/\(id).json does not exist",
                in: file, at: root.appending(key: "tasks").appending(key: id), keyOf: id, severity: .warning)
        }
    }
}
