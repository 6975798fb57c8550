/// Any document of a unit repository.
public enum Document: Hashable, Sendable {
    case unit(Unit)
    case plan(Plan)
    case indicator(Indicator)
    case target(Target)
    case task(PlanTask)
    case baselines(Baselines)
    case progress(ProgressReport)
    case rollup(Rollup)
    case conflict(ConflictRecord)
    case approval(Approval)
    case reorganisation(Reorganisation)

    /// The kind of this document.
    public var kind: DocumentKind {
        switch self {
        case .unit: return .unit
        case .plan: return .plan
        case .indicator: return .indicator
        case .target: return .target
        case .task: return .task
        case .baselines: return .baselines
        case .progress: return .progress
        case .rollup: return .rollup
        case .conflict: return .conflict
        case .approval: return .approval
        case .reorganisation: return .reorganisation
        }
    }

    /// Canonical JSON bytes of the wrapped document.
    public func encoded() throws -> [UInt8] {
        switch self {
        case .unit(let v): return try CanonicalJSON.encode(v)
        case .plan(let v): return try CanonicalJSON.encode(v)
        case .indicator(let v): return try CanonicalJSON.encode(v)
        case .target(let v): return try CanonicalJSON.encode(v)
        case .task(let v): return try CanonicalJSON.encode(v)
        case .baselines(let v): return try CanonicalJSON.encode(v)
        case .progress(let v): return try CanonicalJSON.encode(v)
        case .rollup(let v): return try CanonicalJSON.encode(v)
        case .conflict(let v): return try CanonicalJSON.encode(v)
        case .approval(let v): return try CanonicalJSON.encode(v)
        case .reorganisation(let v): return try CanonicalJSON.encode(v)
        }
    }

    /// Decodes a parsed value as a document of `kind`, collecting findings.
    public static func decode(_ kind: DocumentKind, from value: JSONValue, file: String) -> (Document?, [Finding]) {
        func wrap<T: Decodable>(_ type: T.Type, _ make: (T) -> Document) -> (Document?, [Finding]) {
            let (decoded, findings) = CanonicalJSON.decode(type, from: value, file: file)
            return (decoded.map(make), findings)
        }
        switch kind {
        case .unit: return wrap(Unit.self, Document.unit)
        case .plan: return wrap(Plan.self, Document.plan)
        case .indicator: return wrap(Indicator.self, Document.indicator)
        case .target: return wrap(Target.self, Document.target)
        case .task: return wrap(PlanTask.self, Document.task)
        case .baselines: return wrap(Baselines.self, Document.baselines)
        case .progress: return wrap(ProgressReport.self, Document.progress)
        case .rollup: return wrap(Rollup.self, Document.rollup)
        case .conflict: return wrap(ConflictRecord.self, Document.conflict)
        case .approval: return wrap(Approval.self, Document.approval)
        case .reorganisation: return wrap(Reorganisation.self, Document.reorganisation)
        }
    }
}

/// The kinds of document in a unit repository, told apart by path.
public enum DocumentKind: String, Hashable, Sendable, CaseIterable {
    case unit, plan, indicator, target, task, baselines, progress, rollup, conflict, approval, reorganisation

    /// Classifies a repository-relative, `/`-separated path (see ``DocumentPath``).
    public static func classify(path: String) -> DocumentKind? {
        DocumentPath(path)?.kind
    }
}

/// A classified document path:
///
/// ```
/// unit.json                              unit
/// plans/<year>/plan.json                 plan
/// plans/<year>/indicators/<code>.json    indicator
/// plans/<year>/targets/<code>.json       target
/// plans/<year>/tasks/<id>.json           task
/// plans/<year>/baselines/<unit-id>.json  baselines (a child's known figures)
/// progress/<year>/<period>.json          progress
/// rollup/<year>/<period>.json            rollup (totals of the unit and its subtree)
/// children/<child-id>/<any of the above> the child's own documents (nested to any depth)
/// approvals/<child-id>/<period>.json     the unit's decision on a child's report for a period
/// conflicts/<id>.json                    conflict record (only at the unit's own level)
/// reorg/<id>.json                        a reorganisation decision in force (`plancascade reorg`)
/// ```
public struct DocumentPath: Hashable, Sendable {
    public var kind: DocumentKind
    /// Child ids from the repository's own unit down to the document's unit
    /// (`children/a/children/b/unit.json` → `["a", "b"]`; empty for the unit itself).
    public var unitPath: [String]
    /// The year folder, for plan, progress and rollup documents.
    public var year: Int?
    /// The file-name stem: indicator code, task id, unit id (baselines), period text
    /// (progress, rollup, approval) or conflict record id.
    public var name: String?
    /// The child an approval is about (`approvals/<child>/…`).
    public var child: String?

    /// The folder prefix of the document's unit: `""` or `"children/a/"`.
    public var unitPrefix: String { DocumentPath.prefix(for: unitPath) }

    /// The folder prefix for a unit path.
    public static func prefix(for unitPath: [String]) -> String {
        unitPath.map { "children/\($0)/" }.joined()
    }

    /// Classifies `path`; nil when it is not one of the document paths above.
    public init?(_ path: String) {
        var parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        var unitPath: [String] = []
        while parts.count > 2, parts[0] == "children", !parts[1].isEmpty {
            unitPath.append(parts[1])
            parts.removeFirst(2)
        }
        self.unitPath = unitPath
        func stem(_ file: String) -> String? {
            guard file.hasSuffix(".json"), file.count > 5 else { return nil }
            return String(file.dropLast(5))
        }
        func year(_ text: String) -> Int? {
            text.utf8.count == 4 ? parseDigits(ArraySlice(text.utf8)) : nil
        }
        switch parts.count {
        case 1 where parts[0] == "unit.json":
            kind = .unit
        case 3 where parts[0] == "plans" && parts[2] == "plan.json":
            guard let y = year(parts[1]) else { return nil }
            kind = .plan
            self.year = y
        case 3 where parts[0] == "progress" || parts[0] == "rollup":
            guard let y = year(parts[1]), let name = stem(parts[2]) else { return nil }
            kind = parts[0] == "progress" ? .progress : .rollup
            self.year = y
            self.name = name
        case 3 where parts[0] == "approvals":
            guard !parts[1].isEmpty, let name = stem(parts[2]), let period = Period(name) else { return nil }
            kind = .approval
            self.child = parts[1]
            self.year = period.year
            self.name = name
        case 2 where parts[0] == "conflicts" && unitPath.isEmpty:
            guard let name = stem(parts[1]) else { return nil }
            kind = .conflict
            self.name = name
        case 2 where parts[0] == "reorg":
            guard let name = stem(parts[1]) else { return nil }
            kind = .reorganisation
            self.name = name
        case 4 where parts[0] == "plans":
            guard let y = year(parts[1]), let name = stem(parts[3]) else { return nil }
            switch parts[2] {
            case "indicators": kind = .indicator
            case "targets": kind = .target
            case "tasks": kind = .task
            case "baselines": kind = .baselines
            default: return nil
            }
            self.year = y
            self.name = name
        default:
            return nil
        }
    }
}
