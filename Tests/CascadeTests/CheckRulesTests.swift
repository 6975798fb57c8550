import Cascade
import PlanModel
import Testing

@Suite("Check: the rules of plancascade check")
struct CheckRulesTests {
    /// A child's target of DVC-ONLINE derived from DLK's 50 by `rule` (provenance as `pull` writes it).
    static func derivedTarget(_ value: String, rule: String = "uplift:5", base: String = "50", derived: String = "55") -> Target {
        Target(indicator: "DVC-ONLINE", value: x(value), deadline: CivilDate("2025-01-06"), rule: rule,
               provenance: Provenance(parentUnit: "DLK", parentCommit: commitA, rule: rule, base: x(base), derived: x(derived)))
    }

    // MARK: below-inherited

    struct BelowCase: Sendable, CustomTestStringConvertible {
        let target: Target
        var derivedFromParent: String? = nil
        var direction: Direction = .higher
        let expected: String?  // the floor reported, nil for no finding
        let note: String
        var testDescription: String { note }
    }

    static let belowCases: [BelowCase] = [
        .init(target: derivedTarget("55"), expected: nil, note: "the derived 55 itself"),
        .init(target: derivedTarget("60"), expected: nil, note: "stricter than derived"),
        .init(target: derivedTarget("50"), expected: nil, note: "uplift: down to its base is allowed"),
        .init(target: derivedTarget("49.99"), expected: ">= 50", note: "uplift: below the base"),
        .init(target: derivedTarget("60", rule: "floor", base: "60", derived: "60"), expected: nil, note: "floor: equal"),
        .init(target: derivedTarget("59", rule: "floor", base: "60", derived: "60"), expected: ">= 60", note: "floor: below"),
        .init(target: Target(indicator: "DVC-ONLINE", value: x("30")), expected: nil, note: "own target, no parent version"),
        .init(target: Target(indicator: "DVC-ONLINE", value: x("30")), derivedFromParent: "50", expected: ">= 50",
              note: "provenance stripped: the parent's rule still gives a floor"),
        .init(target: Target(indicator: "RANK", value: x("45"), comparator: .atMost,
                             provenance: Provenance(parentUnit: "DLK", parentCommit: commitA, rule: "floor", base: x("41"), derived: x("41"))),
              direction: .lower, expected: "<= 41", note: "rank: higher is weaker"),
    ]

    @Test(arguments: belowCases)
    func belowInherited(_ c: BelowCase) {
        let code = c.target.indicator
        let indicators = [code: indicator(code, c.direction == .lower ? .rank : .percent)]
        let derived = c.derivedFromParent.map {
            [code: Derivation.derive(parent: parentTarget($0, rule: "floor", code: code), indicator: indicators[code]!, child: "BD", baseline: nil)]
        } ?? [:]
        let findings = CheckRules.belowInherited(
            unit: "BD", year: 2024, targets: [code: c.target], indicators: indicators, derived: derived, prefix: "children/BD/")
        #expect(findings.first?.expected == c.expected)
        #expect(findings.count == (c.expected == nil ? 0 : 1))
        if let finding = findings.first {
            #expect(finding.severity == .error)
            #expect(finding.kind == .belowInherited)
            #expect(finding.file == "children/BD/plans/2024/targets/\(code).json")
        }
    }

    // MARK: missing-inherited-target, missing-inherited-task

    @Test func inheritedTargetsAndTasksMustBeThere() {
        let ind = indicator()
        let derived: [String: DerivationOutcome] = [
            "DVC-ONLINE": Derivation.derive(parent: parentTarget("50", rule: "uplift:5"), indicator: ind, child: "BD", baseline: nil),
            "PAY-ONLINE": .exempt(reason: "BD is exempt"),
            "BAD": .invalid(message: "no rule"),
        ]
        let parentTask = PlanTask(id: "T-KH", content: "Kế hoạch", deadline: CivilDate("2024-06-20"), kind: .remedy)
        let other = PlanTask(id: "T-2", content: "Báo cáo", deadline: CivilDate("2024-06-20"), kind: .remedy)
        var late = other
        late.deadline = CivilDate("2024-06-21")
        let table: [(targets: [String: Target], tasks: [String: PlanTask], expected: [String])] = [
            ([:], [:], ["missing-inherited-target DVC-ONLINE", "missing-inherited-task T-2", "missing-inherited-task T-KH"]),
            (["DVC-ONLINE": Self.derivedTarget("55")], ["T-KH": parentTask, "T-2": other], []),
            (["DVC-ONLINE": Self.derivedTarget("55")], ["T-KH": parentTask, "T-2": late], ["missing-inherited-task T-2"]),
        ]
        for row in table {
            let findings = CheckRules.missingInherited(
                unit: "BD", parent: "DLK", year: 2024, targets: row.targets, tasks: row.tasks, derived: derived,
                inheritedTasks: ["T-KH": parentTask, "T-2": other])
            #expect(findings.map { "\($0.kind.rawValue) \($0.subject ?? "")" } == row.expected)
            #expect(findings.allSatisfy { $0.severity == .error })
        }
        let postponed = CheckRules.missingInherited(
            unit: "BD", parent: "DLK", year: 2024, targets: [:], tasks: ["T-2": late], derived: [:], inheritedTasks: ["T-2": other])
        #expect(postponed.first?.expected == "2024-06-20")
        #expect(postponed.first?.actual == "2024-06-21")
    }

    // MARK: stale-derivation, history-rewritten, conflict

    @Test func staleDerivationComparesCommits() {
        #expect(CheckRules.staleDerivation(unit: "BD", parent: "DLK", derivedFrom: commitA, published: commitA) == nil)
        #expect(CheckRules.staleDerivation(unit: "BD", parent: "DLK", derivedFrom: commitA, published: commitA.uppercased()) == nil)
        let stale = CheckRules.staleDerivation(unit: "BD", parent: "DLK", derivedFrom: commitA, published: commitB)
        #expect(stale?.severity == .warning)
        #expect(stale?.commit == commitB)
        #expect(stale?.actual == commitA)
        let never = CheckRules.staleDerivation(unit: "BD", parent: "DLK", derivedFrom: nil, published: commitB)
        #expect(never?.message.description.contains("never pulled") == true)
    }

    @Test func rewrittenHistoryNamesThePushedHead() {
        let finding = CheckRules.historyRewritten(child: "EN", collected: commitA, pushed: commitB)
        #expect(finding.severity == .error)
        #expect(finding.commit == commitB)
        #expect(finding.expected == commitA)
        #expect(finding.message.description.contains("--accept-rewrite"))
    }

    @Test func conflictsNameTheResolveCommand() {
        let record = ConflictRecord(
            id: "c-1a2b3c4d", file: "progress/2024/2024-10.json", path: #"$.figures["DVC-ONLINE"].numerator"#, item: "DVC-ONLINE",
            base: nil, ours: .number("6", at: .unknown), theirs: .number("5", at: .unknown), oursCommit: commitA, theirsCommit: commitB)
        let findings = CheckRules.conflicts([record], unit: "EN")
        #expect(findings.count == 1)
        #expect(findings[0].indicator == "DVC-ONLINE")
        #expect(findings[0].file == "conflicts/c-1a2b3c4d.json")
        #expect(findings[0].year == 2024)
        #expect(findings[0].message.description.contains("plancascade resolve c-1a2b3c4d"))
        #expect(findings[0].message.description.contains("this clone's 6, the hub's 5 (base (none))"))
    }

    // MARK: late-plan

    struct PlanCase: Sendable, CustomTestStringConvertible {
        let deadline: String?
        let issued: String??  // nil: no plan; .some(nil): a plan without a date
        let asOf: String
        let expected: String?
        var testDescription: String { "deadline \(deadline ?? "none"), issued \(String(describing: issued)), as of \(asOf)" }
    }

    static let planCases: [PlanCase] = [
        .init(deadline: "2024-02-15", issued: "2024-02-15", asOf: "2024-10-01", expected: nil),
        .init(deadline: "2024-02-15", issued: "2024-02-16", asOf: "2024-10-01", expected: "issued 2024-02-16"),
        .init(deadline: "2024-02-15", issued: nil, asOf: "2024-02-15", expected: nil),
        .init(deadline: "2024-02-15", issued: nil, asOf: "2024-02-16", expected: "no plan"),
        .init(deadline: "2024-02-15", issued: .some(nil), asOf: "2024-03-01", expected: "no issued date"),
        .init(deadline: nil, issued: nil, asOf: "2025-01-01", expected: nil),
    ]

    @Test(arguments: planCases)
    func latePlan(_ c: PlanCase) {
        let parent = Plan(number: "116/KH-UBND", title: "KH", year: 2024, childPlanDeadline: c.deadline.flatMap(CivilDate.init))
        let child = c.issued.map { Plan(number: "5/KH", title: "KH", year: 2024, issued: $0.flatMap(CivilDate.init)) }
        let finding = CheckRules.latePlan(unit: "BD", parent: "DLK", year: 2024, parentPlan: parent, childPlan: child, asOf: CivilDate(c.asOf)!)
        #expect(finding?.actual == c.expected)
        #expect(finding.map { $0.severity == .warning } ?? true)
    }

    // MARK: missed-target

    @Test func missedTargetsFollowStatus() {
        let target = Target(indicator: "DVC-ONLINE", value: x("55"), deadline: CivilDate("2024-12-31"))
        func rollup(_ period: String, _ n: Int, _ d: Int) -> (Period, Rollup) {
            let p = Period(period)!
            return (p, Rollup(unit: "BD", period: p, figures: ["DVC-ONLINE": RollupFigure(numerator: Exact(n), denominator: Exact(d), units: 1, contributors: ["BD"])]))
        }
        let table: [(rollups: [(Period, Rollup)], asOf: String, expected: String?)] = [
            ([rollup("2024-Q3", 40, 100)], "2024-12-31", nil),                      // deadline not passed
            ([rollup("2024-Q3", 40, 100)], "2025-01-01", "40% (40/100)"),            // passed, below
            ([rollup("2024-Q3", 40, 100), rollup("2024-Q4", 55, 100)], "2025-01-01", nil),  // the latest period counts
            ([rollup("2024-Q3", 60, 100), rollup("2024-Q4", 1, 3)], "2025-02-01", "33.33% (1/3)"),
            ([], "2025-02-01", nil),                                                  // no data is not a miss
        ]
        for row in table {
            let findings = CheckRules.missedTargets(
                unit: "BD", year: 2024, targets: ["DVC-ONLINE": target], rollups: Dictionary(uniqueKeysWithValues: row.rollups),
                indicators: ["DVC-ONLINE": indicator()], asOf: CivilDate(row.asOf)!)
            #expect(findings.first?.actual == row.expected)
            #expect(findings.count == (row.expected == nil ? 0 : 1))
        }
    }

    // MARK: missing-report and the cadence

    @Test func cadenceWindows() {
        let year = Period.year(2024)
        func labels(_ cadence: CheckCadence, from: String, asOf: String) -> [String] {
            cadence.windows(from: CivilDate(from)!, through: year.end, asOf: CivilDate(asOf)!).map(\.label)
        }
        #expect(labels(.quarterly, from: "2024-01-01", asOf: "2024-10-01") == ["2024-Q1", "2024-Q2", "2024-Q3"])
        #expect(labels(.quarterly, from: "2024-01-01", asOf: "2024-09-30") == ["2024-Q1", "2024-Q2"])
        #expect(labels(.quarterly, from: "2024-08-15", asOf: "2026-01-01") == ["2024-Q3", "2024-Q4"])
        #expect(labels(.monthly, from: "2024-11-01", asOf: "2025-03-01") == ["2024-11", "2024-12"])
        #expect(labels(.tenDays, from: "2024-11-01", asOf: "2024-11-21") == ["2024-11-01..2024-11-10", "2024-11-11..2024-11-20"])
        #expect(labels(.tenDays, from: "2024-12-25", asOf: "2025-02-01") == ["2024-12-25..2025-01-03"])
        #expect(labels(.tenDays, from: "2024-02-25", asOf: "2024-03-10") == ["2024-02-25..2024-03-05"])  // leap year
    }

    @Test func aWindowIsCoveredByAReportWithinIt() {
        let windows = CheckCadence.quarterly.windows(from: CivilDate("2024-01-01")!, through: Period.year(2024).end, asOf: CivilDate("2024-10-01")!)
        let table: [(reported: [String], missing: [String])] = [
            (["2024-Q1", "2024-Q2", "2024-Q3"], []),
            (["2024-02", "2024-05-20", "2024-09-30"], []),
            (["2024-Q1", "2024-Q3"], ["2024-Q2"]),
            (["2024-H1", "2024"], ["2024-Q1", "2024-Q2", "2024-Q3"]),  // a longer period does not lie within a quarter
            ([], ["2024-Q1", "2024-Q2", "2024-Q3"]),
        ]
        for row in table {
            let findings = CheckRules.missingReports(
                unit: "EN", year: 2024, reported: Set(row.reported.map { Period($0)! }), windows: windows, cadence: .quarterly)
            #expect(findings.map { $0.period ?? "" } == row.missing)
            #expect(findings.allSatisfy { $0.severity == .warning && $0.kind == .missingReport })
        }
    }

    // MARK: children-short

    @Test func childrenShortWeighsTargetsByDenominators() {
        let target = Target(indicator: "DVC-ONLINE", value: x("50"))
        typealias Share = CheckRules.ChildShare
        let table: [(children: [Share], expected: String?)] = [
            ([Share(unit: "A", target: x("55"), denominator: x("100")), Share(unit: "B", target: x("55"), denominator: x("300"))], nil),
            ([Share(unit: "A", target: x("55"), denominator: x("200")), Share(unit: "B", target: nil, denominator: x("40"))], "45.83"),
            ([Share(unit: "A", target: x("60"), denominator: x("100")), Share(unit: "B", target: x("40"), denominator: x("100"))], nil),  // exactly 50
            ([Share(unit: "A", target: x("60"), denominator: x("100")), Share(unit: "B", target: x("39.99"), denominator: x("100"))], "49.995"),
            ([Share(unit: "A", target: x("10"), denominator: x("0"))], nil),  // no weight at all
            ([], nil),
        ]
        for row in table {
            let finding = CheckRules.childrenShort(unit: "DLK", year: 2024, indicator: indicator(), target: target, children: row.children)
            #expect(finding?.actual == row.expected.map { "\(x($0).rounded(scale: 2))" })
            #expect(finding.map { $0.severity == .warning } ?? true)
        }
        // Only ratio indicators: a `latest` one cannot be weighed.
        let latest = Indicator(code: "DVC-ONLINE", name: "x", measure: .percent, aggregation: .latest)
        #expect(CheckRules.childrenShort(unit: "DLK", year: 2024, indicator: latest, target: target,
                                         children: [Share(unit: "A", target: nil, denominator: x("1"))]) == nil)
    }

    // MARK: the finding on disk

    @Test func aFindingRoundTripsAsCanonicalJSON() throws {
        let finding = Finding(
            .error, .belowInherited, unit: "EN", year: 2024, indicator: "DVC-ONLINE", file: "children/EN/plans/2024/targets/DVC-ONLINE.json",
            expected: ">= 50", actual: ">= 40", commit: commitA, message: "target DVC-ONLINE 40 …")
        let bytes = try CanonicalJSON.encode(finding)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(text.contains(#""severity": "error""#))
        #expect(text.contains(#""kind": "below-inherited""#))
        #expect(!text.contains("task"))
        let decoded = try CanonicalJSON.decode(Finding.self, from: bytes, file: "f.json")
        #expect(decoded.description == finding.description)
        var same = decoded
        same.message = finding.message
        #expect(same == finding)
    }
}
