import Foundation
import Git
import PlanModel
import PlanStore
import Testing
import TestSupport

/// History that cannot be forged: `check` recomputes every derived target's provenance by the
/// rule `verify` applies, both name a commit that edited what a child had pushed (a district
/// editing a commune's collected figure in a backdated commit, with plain git), and `trace`
/// credits the commit that actually wrote each blob.
@Suite struct ForgedHistoryTests {
    let clerk = "Cán bộ huyện Buôn Đôn"

    /// buon-don's clerk rewrites ea-nuol's collected 2024-Q3 report to `figure` with plain git,
    /// the commit dated `date` (before the collect it follows), and returns the commit.
    func backdatedEdit(_ f: HierarchyFixture, figure: String, date: String = "2024-09-30T16:00:00+07:00") throws -> String {
        let work = f.work("buon-don")
        let path = "children/ea-nuol/progress/2024/2024-Q3.json"
        let file = (work as NSString).appendingPathComponent(path)
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try HostileChildTests().report("ea-nuol", figure).write(toFile: file, atomically: true, encoding: .utf8)
        let environment = IsolatedGit.environment().merging([
            "GIT_AUTHOR_NAME": clerk, "GIT_AUTHOR_EMAIL": "huyen@example.test", "GIT_AUTHOR_DATE": date,
            "GIT_COMMITTER_NAME": clerk, "GIT_COMMITTER_EMAIL": "huyen@example.test", "GIT_COMMITTER_DATE": date,
        ]) { $1 }
        for arguments in [["add", "-f", "--sparse", path], ["commit", "-q", "-m", "Sửa số liệu xã Ea Nuôl"]] {
            let result = try Command.run("git", arguments, in: work, environment: environment)
            #expect(result.succeeded, "git \(arguments): \(result.stderr)")
        }
        return try Command.git(["rev-parse", "HEAD"], in: work).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test func aBackdatedEditOfACollectedFigureIsAnErrorInCheckAndVerifyNamingWhoMadeIt() throws {
        let f = try CheckTests().hierarchy()
        let communeReport = try #require(try f.open("ea-nuol").head())
        // Before the edit, trace credits the commune's own commit for its report.
        let honest = try TraceQuery().run(indicator: "DVC-ONLINE", period: Period("2024-Q3"), in: f.open("buon-don"))
        #expect(honest.rows.first { $0.unit == "ea-nuol" }?.commit == communeReport.hex)

        let edit = try backdatedEdit(f, figure: "100/100")
        for (name, findings) in [("check", try f.check("buon-don", asOf: "2024-12-31").findings),
                                 ("verify", try VerifyQuery().run(in: f.open("buon-don")).findings)] {
            let found = findings.filter { $0.kind == .editedCollected }
            #expect(found.count == 1, "\(name): \(findings.map { "\($0.kind) \($0.message)" })")
            let finding = try #require(found.first)
            #expect(finding.severity == .error, "\(name)")
            #expect(finding.unit == "buon-don" && finding.item == "ea-nuol", "\(name)")
            #expect(finding.commit == edit && finding.author == clerk, "\(name): \(finding)")
            #expect(finding.date == CivilDate("2024-09-30"), "\(name)")
            #expect(finding.file == "children/ea-nuol/progress/2024/2024-Q3.json", "\(name)")
            let english = finding.message.description
            #expect(english.contains(String(edit.prefix(7))) && english.contains(clerk) && english.contains("only a collect of ea-nuol writes"), "\(english)")
            let vietnamese = finding.message.rendered(in: .vietnamese)
            #expect(vietnamese.contains("30/09/2024") && vietnamese.contains("bị sửa tại buon-don"), "\(vietnamese)")
        }
        // trace credits the district's edit, not the commune's older commit.
        let traced = try TraceQuery().run(indicator: "DVC-ONLINE", period: Period("2024-Q3"), in: f.open("buon-don"))
        let row = try #require(traced.rows.first { $0.unit == "ea-nuol" && $0.source == "report" })
        #expect(row.figure == "100/100")
        #expect(row.commit == edit, "\(row)")
        // The untouched sibling is still credited with its own commit.
        let sibling = try #require(traced.rows.first { $0.unit == "krong-na" && $0.source == "report" })
        #expect(sibling.commit == (try f.open("krong-na").head())?.hex)
    }

    @Test func anEditALaterCollectUndidStaysInTheHistoryTheProvinceVerifies() throws {
        let f = try CheckTests().hierarchy()
        let edit = try backdatedEdit(f, figure: "100/100")
        // ea-nuol reports again; buon-don collects (its own files come back) and pushes up.
        try f.report("ea-nuol", "2024-Q4", ["DVC-ONLINE=65/100"])
        try f.push("ea-nuol")
        #expect(try f.collect("buon-don").collected.map(\.child) == ["ea-nuol"])
        try f.push("buon-don")
        let province = try f.collect("daklak")
        #expect(province.collected.map(\.child) == ["buon-don"], "\(province.refused)")

        // verify (history) says error everywhere the history is; check (what is in force now) warns.
        for (place, name, report) in [("buon-don", "verify", try VerifyQuery().run(in: f.open("buon-don")).findings),
                                      ("daklak", "verify", try VerifyQuery().run(in: f.open("daklak")).findings),
                                      ("daklak", "check", try f.check("daklak", asOf: "2024-12-31").findings)] {
            let finding = try #require(report.first { $0.kind == .editedCollected }, "\(place) \(name): \(report.map(\.message))")
            #expect(finding.severity == (name == "verify" ? .error : .warning), "\(place) \(name)")
            #expect(finding.unit == "buon-don" && finding.commit == edit && finding.author == clerk, "\(place) \(name): \(finding)")
            #expect(finding.file == (place == "daklak" ? "children/buon-don/" : "") + "children/ea-nuol/progress/2024/2024-Q3.json")
        }
        // An honest history has no such finding.
        let honest = try CheckTests().hierarchy()
        #expect(try VerifyQuery().run(in: honest.open("daklak")).findings.allSatisfy { $0.kind != .editedCollected })
        #expect(try honest.check("daklak", asOf: "2024-12-31").findings.allSatisfy { $0.kind != .editedCollected })
    }

    enum Forgery: String, CaseIterable {
        case unknownParentCommit, handEditedProvenance
    }

    /// `check` recomputes what `verify` recomputes: the same kind, unit and commit.
    @Test(arguments: Forgery.allCases)
    func checkRecomputesEveryProvenanceAsVerifyDoes(_ forgery: Forgery) throws {
        let audit = AuditTests()
        let f = try audit.hierarchy()
        let expected: Finding.Kind
        switch forgery {
        case .unknownParentCommit:
            try audit.handEdit(f, "krong-na", "plans/2024/targets/DVC-ONLINE.json", as: Target.self, message: "chỉ tiêu mới") {
                $0.provenance?.parentCommit = String(repeating: "ab", count: 20)
            }
            expected = .forgedProvenance
        case .handEditedProvenance:
            try audit.handEdit(f, "krong-na", "plans/2024/targets/DVC-ONLINE.json", as: Target.self, message: "điều chỉnh") {
                $0.value = Exact(45)
                $0.provenance?.base = Exact(40)
                $0.provenance?.derived = Exact(45)
            }
            expected = .provenanceMismatch
        }
        try audit.collectUp(f)
        let verified = try VerifyQuery().run(in: f.open("buon-don")).findings.filter { $0.kind == expected }
        let checked = try CheckQuery(.init(asOf: CivilDate("2024-10-30")!)).run(in: f.open("buon-don")).findings.filter { $0.kind == expected }
        #expect(verified.count == 1)
        #expect(checked.map { "\($0.severity) \($0.unit ?? "") \($0.commit ?? "")" } == verified.map { "\($0.severity) \($0.unit ?? "") \($0.commit ?? "")" })
        #expect(checked.first?.severity == .error && checked.first?.unit == "krong-na")
        // Untouched, check finds no provenance to complain about.
        let honest = try audit.hierarchy()
        #expect(try CheckQuery(.init(asOf: CivilDate("2024-10-30")!)).run(in: honest.open("buon-don")).findings
            .allSatisfy { $0.kind != .forgedProvenance && $0.kind != .provenanceMismatch })
    }
}
