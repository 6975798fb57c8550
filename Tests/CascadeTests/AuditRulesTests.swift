import Cascade
import PlanModel
import Testing

/// SemanticDiff and IntegrityRules: what a change says, and when it is late or does not match.
@Suite struct AuditRulesTests {
    func json(_ text: String) -> JSONValue { try! JSONParser.parse(text) }

    @Test(arguments: [
        // (file, old, new, expected summaries)
        ("plans/2024/targets/DVC-ONLINE.json",
         #"{"indicator":"DVC-ONLINE","value":50,"comparator":">=","schema":1}"#,
         #"{"indicator":"DVC-ONLINE","value":55,"comparator":">=","schema":1,"provenance":{"parentUnit":"daklak","parentCommit":"0123456789abcdef0123456789abcdef01234567","rule":"uplift:5","base":50}}"#,
         ["DVC-ONLINE 2024 target provenance none → uplift:5 from daklak@0123456 base 50",
          "DVC-ONLINE 2024 target 50 → 55 (uplift:5 from daklak@0123456 base 50)"]),
        ("progress/2024/2024-Q3.json",
         #"{"figures":{"A":{"numerator":412,"denominator":760},"B":{"value":3}},"tasks":{"T":"in-progress"},"reportedBy":"x"}"#,
         #"{"figures":{"A":{"numerator":430,"denominator":760},"C":{"value":1}},"tasks":{"T":"done"},"reportedBy":"y"}"#,
         ["A 2024-Q3 figure 412/760 → 430/760", "B 2024-Q3 figure 3 removed", "C 2024-Q3 figure 1 reported", "T 2024-Q3 status in-progress → done"]),
        ("children/ea-nuol/rollup/2024/2024-Q3.json", nil,
         #"{"figures":{"A":{"numerator":1,"denominator":2,"units":1}}}"#,
         ["A 2024-Q3 rollup 1/2 (1 unit)"]),
        ("unit.json", #"{"id":"u","children":[{"id":"a"}]}"#, #"{"id":"u","children":[{"id":"a"},{"id":"b"}]}"#,
         ["unit children a → a, b"]),
        ("plans/2024/tasks/T.json", #"{"id":"T","content":"Xây dựng kế hoạch","deadline":"2024-06-20"}"#, nil,
         ["task T 2024 removed: Xây dựng kế hoạch"]),
        ("notes.txt", #"{}"#, #"{"a":1}"#, []),
    ] as [(String, String?, String?, [String])])
    func semanticDiffSaysWhatChanged(_ file: String, _ old: String?, _ new: String?, _ expected: [String]) {
        let changes = SemanticDiff.changes(file: file, unit: "u", old: old.map(json), new: new.map(json))
        #expect(changes.map(\.summary) == expected)
        #expect(changes.allSatisfy { $0.file == file && $0.unit == "u" })
    }

    @Test func aChangedFigureCarriesOldAndNew() {
        let change = SemanticDiff.changes(
            file: "progress/2024/2024-Q3.json", unit: "ea-nuol",
            old: json(#"{"figures":{"A":{"numerator":1,"denominator":2}}}"#), new: json(#"{"figures":{"A":{"numerator":2,"denominator":2}}}"#)).first
        #expect(change?.subject == .figure)
        #expect(change?.item == "A")
        #expect(change?.period == "2024-Q3")
        #expect(change?.year == 2024)
        #expect(change?.old == "1/2")
        #expect(change?.new == "2/2")
        #expect(change?.isModification == true)
    }

    @Test(arguments: [
        // (period, changed on, old value, late?)
        ("2024-Q3", "2024-09-30", "1/2", false),  // on the deadline itself
        ("2024-Q3", "2024-10-01", "1/2", true),
        ("2024-Q3", "2024-10-20", nil, false),  // a first report is not a change
        ("2024-11-18", "2024-11-19", "1/2", true),
        ("2024", "2024-12-31", "1/2", false),
    ] as [(String, String, String?, Bool)])
    func aChangeIsLateOnlyAfterThePeriodsLastDay(_ period: String, _ day: String, _ old: String?, _ late: Bool) {
        let change = SemanticChange(unit: "ea-nuol", subject: .figure, year: 2024, item: "A", period: period, field: "figure",
                                    old: old, new: "2/2", file: "progress/2024/\(period).json", summary: "")
        let finding = IntegrityRules.lateChange(change, date: CivilDate(day)!, author: "Văn thư", commit: String(repeating: "a", count: 40))
        #expect((finding != nil) == late)
        if let finding {
            #expect(finding.kind == .lateChange)
            #expect(finding.severity == .warning)
            #expect(finding.message.description.contains("after the period's deadline \(Period(period)!.end)"))
        }
    }

    @Test func provenanceAndRollupMismatchesNameTheFields() {
        let commit = String(repeating: "b", count: 40)
        let stored = Provenance(parentUnit: "buon-don", parentCommit: commit, rule: "uplift:5", base: Exact(40), derived: Exact(45))
        let derived = Target(indicator: "A", value: Exact(55), provenance: Provenance(parentUnit: "buon-don", parentCommit: commit, rule: "uplift:5", base: Exact(50), derived: Exact(55)))
        let finding = IntegrityRules.provenance(unit: "krong-na", indicator: "A", file: "f", stored: stored, derived: .target(derived))
        #expect(finding?.kind == .provenanceMismatch)
        #expect(finding?.expected == "base 50, derived 55")
        #expect(finding?.actual == "base 40, derived 45")
        #expect(IntegrityRules.provenance(unit: "krong-na", indicator: "A", file: "f", stored: derived.provenance!, derived: .target(derived)) == nil)
        #expect(IntegrityRules.provenance(unit: "krong-na", indicator: "A", file: "f", stored: stored, derived: .exempt(reason: "krong-na is exempt"))?.message.description.contains("krong-na is exempt") == true)

        let good = Rollup(unit: "u", period: Period("2024-Q3")!, figures: ["A": RollupFigure(numerator: Exact(507), denominator: Exact(1070), units: 2, contributors: ["a", "b"])])
        var edited = good
        edited.figures["A"]?.numerator = Exact(600)
        #expect(IntegrityRules.rollup(unit: "u", file: "f", stored: good, recomputed: good) == nil)
        let mismatch = IntegrityRules.rollup(unit: "u", file: "f", stored: edited, recomputed: good)
        #expect(mismatch?.expected == "A 507/1070 (2 units)")
        #expect(mismatch?.actual == "A 600/1070 (2 units)")
    }
}
