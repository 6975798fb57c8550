import Cascade
import Foundation
import Git
import PlanModel

/// `plancascade reorg move|dissolve|merge|split|rename`: records a reorganisation decision of
/// the unit where it runs — the unit that decides — as `reorg/<id>.json`, and the unit's own
/// `unit.json` children as the decision leaves them, in one commit naming the decision
/// (`Reorg-Decision:`). `publish` carries the decision down with the targets; each unit below
/// applies what concerns it at its next `pull` (``ReorgFollow``).
///
/// The decision is judged against the structure the deciding unit knows: its collected
/// subtree and the children each collected unit registers, under the decisions already
/// recorded. `dryRun` writes nothing and lists every unit, hub and figure affected.
public struct ReorgWorkflow {
    public enum Request: Equatable, Sendable {
        case move(unit: String, to: String)
        case dissolve(unit: String, to: String?)
        case merge(units: [String], into: String, name: String, to: String?)
        case split(unit: String, into: [(id: String, name: String)], to: String?)
        case rename(unit: String, name: String)

        public static func == (a: Request, b: Request) -> Bool { "\(a)" == "\(b)" }

        var kind: Reorganisation.Kind {
            switch self {
            case .move: return .move
            case .dissolve: return .dissolve
            case .merge: return .merge
            case .split: return .split
            case .rename: return .rename
            }
        }

        var firstUnit: String {
            switch self {
            case .move(let unit, _), .dissolve(let unit, _), .split(let unit, _, _), .rename(let unit, _): return unit
            case .merge(_, let into, _, _): return into
            }
        }
    }

    public struct Options: Sendable {
        public var request: Request
        public var effective: CivilDate
        public var basis: String
        /// The decision's id; default `<effective>-<kind>-<unit>`.
        public var id: String?
        /// Hubs of new parents the deciding unit is not (`--hub <unit>=<url>`).
        public var hubs: [String: String]
        public var dryRun: Bool

        public init(request: Request, effective: CivilDate, basis: String, id: String? = nil, hubs: [String: String] = [:], dryRun: Bool = false) {
            self.request = request
            self.effective = effective
            self.basis = basis
            self.id = id
            self.hubs = hubs
            self.dryRun = dryRun
        }
    }

    /// One line of what a decision touches, for `--dry-run` and the command's summary.
    public struct Effect: Equatable, Sendable {
        public enum Kind: String, Sendable { case unit, hub, figure }
        public let kind: Kind
        public let unit: String
        public let message: Message
    }

    public struct Outcome: Sendable {
        public let decision: Reorganisation
        /// The commit recording it; nil with `dryRun`.
        public let commit: Oid?
        public let effects: [Effect]
    }

    public let environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    public func run(_ options: Options, in repository: UnitRepository) throws -> Outcome {
        let git = repository.git
        guard let head = try repository.head() else { throw PlanStoreError.notAUnitRepository(path: repository.displayRoot) }
        let tree = try git.commit(head).tree
        let cache = DocumentCache()
        let own = try PlanSnapshot.load(from: repository, tree: tree, kinds: [.reorganisation], cache: cache)
        let known = try KnownStructure(tree: tree, repository: repository, cache: cache)
        let structure = Structure.inForce(on: options.effective, decisions: own.reorganisations, observed: known.observed)
        let me = own.unit.id
        guard !options.basis.allSatisfy(\.isWhitespace) else {
            throw refusal("--basis", options.basis, Message("reorg.refused.basis"))
        }
        let id = options.id ?? "\(options.effective)-\(options.request.kind.rawValue)-\(options.request.firstUnit)"
        if let problem = Identifier.problemMessage(id) { throw refusal("id", id, problem) }
        if own.reorganisations.contains(where: { $0.id == id }) {
            throw refusal("--id", id, Message("reorg.refused.id-taken", ["id": .text(id), "file": .text(Layout.reorgFile(id))]))
        }
        let changes = try Self.changes(for: options.request, structure: structure, known: known, root: me)
        var hubs = options.hubs
        let originHub = try git.remoteURL(Layout.originRemote).map(RemoteURL.withoutCredentials)
        for change in changes where change.to == me { if let originHub { hubs[me] = originHub } }
        let decision = Reorganisation(
            id: id, kind: options.request.kind, decidedBy: me, effective: options.effective,
            basis: options.basis.precomposedStringWithCanonicalMapping, changes: changes, hubs: hubs)
        let effects = try Self.effects(of: decision, known: known, hubs: hubs, earlier: own.reorganisations)

        var unit = own.unit
        Self.apply(decision, toChildrenOf: &unit)
        var files: [String: [UInt8]?] = [Layout.reorgFile(id): try CanonicalJSON.encode(decision)]
        if unit != own.unit { files[Layout.unitFile] = try CanonicalJSON.encode(unit) }
        // A merged or split unit's first baselines come from its predecessors (issue 18).
        let year = options.effective.year
        let plan = try PlanSnapshot.load(from: repository, tree: tree, kinds: [.indicator, .baselines], cache: cache).years[year]
        for baselines in Self.baselines(of: decision, known: known, indicators: plan?.indicators ?? [:]) where plan?.baselines[baselines.unit] == nil {
            files[Layout.baselinesFile(year: year, unit: baselines.unit)] = try CanonicalJSON.encode(baselines)
        }
        guard !options.dryRun else { return Outcome(decision: decision, commit: nil, effects: effects) }
        let identity = try Identity.resolve(for: git, environment: environment)
        let commit = try repository.commitValidated(files, message: Self.message(decision), identity: identity)
        return Outcome(decision: decision, commit: commit, effects: effects)
    }

    /// The decisions recorded or received here, in force on `date` (all when nil), in the order they apply.
    public func list(in repository: UnitRepository, asOf date: CivilDate?) throws -> [Reorganisation] {
        guard let head = try repository.head() else { throw PlanStoreError.notAUnitRepository(path: repository.displayRoot) }
        let decisions = try PlanSnapshot.load(from: repository, commit: head, kinds: [.reorganisation]).reorganisations
        return date.map { Reorganisation.inForce(decisions, on: $0) } ?? Structure.ordered(decisions)
    }

    static func message(_ decision: Reorganisation) -> String {
        var lines = ["Reorganisation \(decision.id): \(decision.kind.rawValue) \(decision.units.joined(separator: ", ")) from \(decision.effective)", "",
                     decision.basis, ""]
        for change in decision.changes {
            lines.append("\(change.unit): \(change.action.rawValue)" + (change.from.map { " from \($0)" } ?? "") + (change.to.map { " to \($0)" } ?? "")
                + (change.name.map { " (\($0))" } ?? ""))
        }
        return CommitTrailers([(.reorgDecision, decision.id)]).message(lines.joined(separator: "\n"))
    }

    /// The unit's `children` as `decision` leaves them: units that move to it or begin under
    /// it are added, renamed children take their name. Units that leave or end stay
    /// registered, so that their last reports can still be collected; `check` and the rollups
    /// follow the structure in force, not the registry.
    static func apply(_ decision: Reorganisation, toChildrenOf unit: inout PlanModel.Unit) {
        for change in decision.changes {
            switch change.action {
            case .moves where change.to == unit.id, .begins where change.to == unit.id:
                guard !unit.children.contains(where: { $0.id == change.unit }) else { continue }
                unit.children.append(UnitRef(id: change.unit, name: change.name ?? change.unit, level: change.level ?? "unit"))
            case .renamed:
                if let index = unit.children.firstIndex(where: { $0.id == change.unit }), let name = change.name { unit.children[index].name = name }
            default:
                continue
            }
        }
        unit.children.sort { $0.id < $1.id }
    }

    private func refusal(_ name: String, _ value: String, _ reason: Message) -> PlanStoreError {
        .invalidArgument(name: name, value: value, reason: reason)
    }
}

