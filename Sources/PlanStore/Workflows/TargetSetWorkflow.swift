import Cascade
import Foundation
import Git
import PlanModel

/// `plancascade target set`: sets one target of the unit, refusing a value weaker than
/// what the unit inherited unless forced (a forced value is recorded, and flagged later).
public struct TargetSetWorkflow {
    public struct Request: Sendable {
        public var indicator: String
        public var value: String
        public var year: Int?
        public var deadline: String?
        public var lead: String?
        public var rule: String?
        public var force: Bool
        /// `>=`, `>`, `<=`, `<`, `=`, `between` or the documents' words (``Comparator/init(text:)``);
        /// nil keeps the target's (a new target: `>=`/`<=` by direction, `between` for a band value).
        public var comparator: String?
        /// A rule over the unit's own figure of the previous year (``YearOnYearRule``):
        /// `improve:N`, `rank:-N`, `higher`, `maintain`; then `value` may be empty.
        public var versusPrevious: String?

        public init(indicator: String, value: String, year: Int? = nil, deadline: String? = nil, lead: String? = nil,
                    rule: String? = nil, force: Bool = false, comparator: String? = nil, versusPrevious: String? = nil) {
            self.versusPrevious = versusPrevious
            self.comparator = comparator
            self.indicator = indicator
            self.value = value
            self.year = year
            self.deadline = deadline
            self.lead = lead
            self.rule = rule
            self.force = force
        }
    }

    public struct Outcome: Sendable {
        public let year: Int
        public let target: Target
        public let previous: Target?
        public let commit: Oid?
        /// The inherited floor the value is below, when forced.
        public let forcedBelow: Exact?
    }

    public let environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    public func run(_ request: Request, in repository: UnitRepository) throws -> Outcome {
        guard let head = try repository.head() else { throw PlanStoreError.notAUnitRepository(path: repository.displayRoot) }
        let snapshot = try PlanSnapshot.load(from: repository, commit: head)
        let year = try request.year ?? Self.year(containing: request.indicator, in: snapshot)
        guard let indicator = snapshot.years[year]?.indicators[request.indicator] else {
            throw PlanStoreError.unknownIndicator(code: request.indicator, year: year,
                                                  known: snapshot.years[year]?.indicators.keys.sorted() ?? [])
        }
        let previous = snapshot.years[year]?.targets[request.indicator]
        let condition: (comparator: PlanModel.Comparator, value: Exact, bound: Exact?)
        var versus = previous?.versus
        if let text = request.versusPrevious {
            let own = try Self.versusPrevious(text, indicator: indicator, year: year, snapshot: snapshot, head: head)
            condition = (own.comparator, own.versus.derived, nil)
            versus = own.versus
        } else {
            condition = try Self.condition(request, indicator: indicator, previous: previous)
        }
        let value = condition.value
        var target = previous ?? Target(indicator: indicator.code, value: value, comparator: condition.comparator)
        target.value = value
        target.comparator = condition.comparator
        target.bound = condition.bound
        target.versus = versus
        if let deadline = request.deadline {
            guard let date = CivilDate(deadline) else {
                throw PlanStoreError.invalidArgument(name: "--deadline", value: deadline, reason: Message("workflow.target-set.not-date"))
            }
            target.deadline = date
        }
        if let lead = request.lead { target.lead = lead.precomposedStringWithCanonicalMapping }
        if let rule = request.rule {
            switch RuleSet.parse(rule) {
            case .success(let parsed):
                let recipients = Recipients(parent: snapshot.unit)
                if let unknown = parsed.recipients.first(where: { !recipients.isKnown($0, children: snapshot.unit.children) }) {
                    throw PlanStoreError.invalidArgument(name: "--rule", value: rule, reason: Message("scope.target-set.unknown-recipient", [
                        "item": .text(unknown), "unit": .text(snapshot.unit.id), "children": .list(snapshot.unit.children.map { .text($0.id) })]))
                }
                target.rule = parsed.description
            case .failure(let error): throw PlanStoreError.invalidArgument(name: "--rule", value: rule, reason: Message("workflow.target-set.bad-rule", ["detail": .text("\(error)")]))
            }
        }
        var forcedBelow: Exact?
        // The stricter of the inherited floor and the target the parent assigned (issue 17:
        // Buôn Đôn's 55 is not lowered to the base 50 without --force).
        if let floor = Derivation.strictestFloor(for: target, direction: indicator.direction),
           Derivation.isBelow(target, floor: floor, direction: indicator.direction) {
            guard request.force else {
                throw PlanStoreError.belowInherited(
                    indicator: indicator.code, value: value.description, floor: floor.description,
                    origin: Self.origin(of: target, floor: floor))
            }
            forcedBelow = floor
        }
        // The unit's own year-on-year rule is its floor too (issue 17 part 5).
        if forcedBelow == nil, let versus = target.versus,
           Derivation.isWeaker(value, comparator: target.comparator, than: versus.derived,
                               floorComparator: versus.rule == "higher" ? (indicator.direction == .higher ? .above : .below) : nil,
                               direction: indicator.direction) {
            guard request.force else {
                throw PlanStoreError.invalidInput(findings: [Message("comparison.target-set.below-versus", [
                    "indicator": .text(indicator.code), "value": .number(value), "floor": .number(versus.derived),
                    "origin": .message(Self.origin(of: versus))])])
            }
            forcedBelow = versus.derived
        }
        if previous == target {
            return Outcome(year: year, target: target, previous: previous, commit: nil, forcedBelow: forcedBelow)
        }
        var message = "Set target \(indicator.code) \(year) to \(value)"
        if let old = previous?.value, old != value { message += " (was \(old))" }
        message = CommitTrailers.targetSet(forcedBelow: forcedBelow.map { "\($0)" }).message(message)
        let identity = try Identity.resolve(for: repository.git, environment: environment)
        let commit = try repository.commitValidated(
            [Layout.targetFile(year: year, indicator: indicator.code): try CanonicalJSON.encode(target)],
            message: message, identity: identity)
        return Outcome(year: year, target: target, previous: previous, commit: commit, forcedBelow: forcedBelow)
    }

    /// The comparator, value and band end a request sets (issue 17 part 4): `value` is a
    /// decimal, or a band `31–50` (comparator `between`, or none given); a band's value is
    /// its floor end by the indicator's direction.
    static func condition(_ request: Request, indicator: Indicator, previous: Target?) throws -> (comparator: PlanModel.Comparator, value: Exact, bound: Exact?) {
        var comparator = previous?.comparator ?? Comparator(direction: indicator.direction)
        if let text = request.comparator {
            guard let parsed = Comparator(text: text) else {
                throw PlanStoreError.invalidArgument(name: "--comparator", value: text, reason: Message("comparison.target-set.unknown-comparator"))
            }
            if let way = parsed.direction, way != indicator.direction {
                throw PlanStoreError.invalidArgument(name: "--comparator", value: text, reason: Message("comparison.target-set.against-direction", [
                    "indicator": .text(indicator.code), "direction": .text(indicator.direction.rawValue)]))
            }
            comparator = parsed
        }
        if let exact = Exact(request.value) {
            if comparator == .between {
                throw PlanStoreError.invalidArgument(name: "value", value: request.value, reason: Message("comparison.target-set.band-needed"))
            }
            return (comparator, exact, nil)
        }
        guard request.comparator == nil || comparator == .between, let parts = TargetImport.bandParts(request.value),
              let low = Exact(parts.low), let high = Exact(parts.high), low <= high else {
            throw PlanStoreError.invalidArgument(name: "value", value: request.value, reason: Message("workflow.target-set.not-decimal"))
        }
        return indicator.direction == .lower ? (.between, high, low) : (.between, low, high)
    }

    /// The target a rule over the unit's own figure of `year − 1` gives, and that figure's
    /// provenance: the latest report of that year with a figure for the indicator, at `head`.
    static func versusPrevious(
        _ text: String, indicator: Indicator, year: Int, snapshot: PlanSnapshot, head: Oid
    ) throws -> (comparator: PlanModel.Comparator, versus: YearOnYear) {
        guard let rule = YearOnYearRule.parse(text) else {
            throw PlanStoreError.invalidArgument(name: "--versus-previous", value: text, reason: Message("comparison.target-set.unknown-versus"))
        }
        let code = indicator.code
        let earlier = snapshot.years[year - 1]?.indicators[code] ?? indicator
        guard let report = snapshot.progress.filter({ $0.period.year == year - 1 && $0.figures[code] != nil }).max(by: { $0.period < $1.period }),
              let figure = report.figures[code].flatMap({ Status.actual(of: $0, indicator: earlier) }) else {
            throw PlanStoreError.invalidArgument(name: "--versus-previous", value: text, reason: Message("comparison.target-set.no-previous-figure", [
                "indicator": .text(code), "year": .year(year - 1), "unit": .text(snapshot.unit.id)]))
        }
        guard let made = rule.target(from: figure, indicator: indicator) else {
            throw PlanStoreError.invalidArgument(name: "--versus-previous", value: text, reason: Message("comparison.target-set.rank-needs-lower", [
                "indicator": .text(code)]))
        }
        let versus = YearOnYear(
            rule: rule.description, year: year - 1, period: report.period.description, figure: figure,
            file: Layout.progressFile(year: year - 1, period: report.period.description), commit: head.hex, derived: made.value)
        return (made.comparator, versus)
    }

    /// "its own rule improve:0.1 over its 2023 figure 42.77 (progress/2023/2023.json, commit abc1234)".
    static func origin(of versus: YearOnYear) -> Message {
        Message("comparison.origin.versus", versus.messageArguments)
    }

    /// How `target` came by `floor`, for the refusal: the target its parent assigned, or the
    /// floor of the parent's rule.
    static func origin(of target: Target, floor: Exact) -> Message {
        guard let provenance = target.provenance else { return Message("workflow.origin.parent") }
        let arguments: [String: Message.Value] = [
            "rule": .text(provenance.rule), "parent": .text(provenance.parentUnit), "commit": .text(String(provenance.parentCommit.prefix(7)))]
        if Derivation.assigned(for: target) == floor, Derivation.floor(for: target) != floor {
            return Message("scope.origin.assigned", arguments)
        }
        return Message("workflow.origin.rule", arguments)
    }

    /// The latest plan year that declares `indicator`, else the latest plan year.
    static func year(containing indicator: String, in snapshot: PlanSnapshot) throws -> Int {
        if let year = snapshot.planYears.last(where: { snapshot.years[$0]?.indicators[indicator] != nil }) { return year }
        guard let latest = snapshot.planYears.last else {
            throw PlanStoreError.unknownIndicator(code: indicator, year: nil, known: [])
        }
        return latest
    }
}
