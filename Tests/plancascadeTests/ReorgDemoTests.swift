import Foundation
import Testing
import TestSupport

/// `plancascade demo --example reorg`: a 2024 three-tier cycle, the reorganisation of
/// 1/7/2025, a 2025 two-tier cycle — run by the binary, its repositories read back.
@Suite struct ReorgDemoTests {
    init() { IsolatedGit.setUp() }

    struct Figure: Decodable {
        let numerator: Decimal?
        let denominator: Decimal?
        let units: Int
        let contributors: [String]
    }

    struct Rollup: Decodable {
        let figures: [String: Figure]
    }

    /// The province's total of `period` (or a collected unit's, `under` its folder), as committed on main.
    func figure(_ top: String, _ year: Int, _ period: String, under folder: String = "") throws -> Figure {
        let shown = try Command.git(["show", "main:\(folder)rollup/\(year)/\(period).json"], in: top)
        #expect(shown.succeeded, "\(folder)rollup/\(year)/\(period).json: \(shown.stderr)")
        return try #require(try JSONDecoder().decode(Rollup.self, from: Data(shown.stdout.utf8)).figures["DVC-ONLINE"])
    }

    @Test func theReorganisationExampleCountsEveryFigureOnceBeforeAndAfter() throws {
        let dir = try TemporaryDirectory()
        let out = dir.appending("demo")
        let demo = try Tool.run(["demo", "--example", "reorg", "--out", out, "--repos", DemoCommandTests.repos], in: dir.path)
        #expect(demo.status == 0, "\(demo.stdout)\(demo.stderr)")
        #expect(demo.stdout.contains("Nothing was planted, and check found nothing."), "\(demo.stdout)")
        #expect(demo.stdout.contains("buon-don's hub is closed"))
        let top = "\(out)/daklak"
        // Before: three tiers, five communes, each once.
        let year = try figure(top, 2024, "2024")
        #expect(year.numerator == 1200 && year.denominator == 2500 && year.units == 5)
        let q2 = try figure(top, 2025, "2025-Q2")
        #expect(q2.numerator == 340 && q2.denominator == 630 && q2.units == 5)
        #expect(q2.contributors == ["dak-lieng", "ea-nuol", "ea-wer", "krong-na", "lien-son"])
        // After: two tiers, the merged commune in place of its predecessors.
        let q3 = try figure(top, 2025, "2025-Q3")
        #expect(q3.numerator == 370 && q3.denominator == 630 && q3.units == 4)
        #expect(q3.contributors == ["dak-lieng", "ea-nuol-2025", "ea-wer", "lien-son"])
        // The old districts' totals keep their old communes, and nothing after.
        let district = try figure(top, 2025, "2025-Q2", under: "children/buon-don/")
        #expect(district.numerator == 175 && district.denominator == 370 && district.units == 3)
        #expect(!(try Command.git(["cat-file", "-e", "main:children/buon-don/rollup/2025/2025-Q3.json"], in: top).succeeded))
        // verify: nothing counted twice; the merged commune's log reaches its predecessors.
        let verify = try Tool.run(["verify", "--json"], in: top)
        #expect(!verify.stdout.contains("double-count") && !verify.stdout.contains("reorg-undecided"), "\(verify.stdout)")
        #expect(!verify.stdout.contains("late-change"), "the merged commune's start is no late change: \(verify.stdout)")
        let merged = "\(out)/ea-nuol-2025"
        let log = try Command.git(["log", "--format=%H", "--", "progress/2025/2025-Q2.json"], in: merged)
        // Both predecessors' Q2 reports, and the start commit, whose own tree begins without them.
        #expect(log.stdout.split(separator: "\n").count == 3, "\(log.stdout)")
        let root = try Command.git(["log", "--merges", "--format=%P %s", "--grep=Start unit ea-nuol-2025"], in: merged)
        let words: [String] = root.stdout.components(separatedBy: " ")
        let heads = words.prefix(2).filter { $0.count == 40 }
        #expect(heads.count == 2, "the first commit has both predecessors' heads as parents: \(root.stdout)")
        let list = try Tool.run(["reorg", "list", "--as-of", "2025-07-01"], in: top)
        #expect(list.stdout.contains("4 decisions in force"), "\(list.stdout)")
    }
}
