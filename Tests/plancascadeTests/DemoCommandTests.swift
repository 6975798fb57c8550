import Foundation
import Testing
import TestSupport

/// End-to-end: `plancascade demo` on the real example data in Repos/ — the binary, then the
/// repositories it leaves, read back with the binary and git as a user would.
@Suite(.serialized) struct DemoCommandTests {
    init() { IsolatedGit.setUp() }

    /// The Repos/ folder of this source tree.
    static let repos = SourceTree.repos

    struct Finding: Decodable, Hashable {
        let severity: String
        let kind: String
        let unit: String
    }

    struct Envelope: Decodable {
        let findings: [Finding]
    }

    struct TargetRow: Decodable {
        struct Provenance: Decodable {
            let baseline: Decimal?
            let base: Decimal?
        }
        let indicator: String
        let value: Decimal
        let provenance: Provenance?
    }

    func json<T: Decodable>(_ type: T.Type, _ result: CommandResult) throws -> T {
        try JSONDecoder().decode(type, from: Data(result.stdout.utf8))
    }

    func target(_ unit: String, _ indicator: String, in out: String) throws -> TargetRow? {
        let result = try Tool.run(["-C", "\(out)/\(unit)", "targets", "--json"])
        #expect(result.status == 0, "\(result.stderr)")
        return try json([TargetRow].self, result).first { $0.indicator == indicator }
    }

    @Test func daklakRunsTheWholeCycleAndCheckFindsExactlyWhatWasPlanted() throws {
        let dir = try TemporaryDirectory("demo")
        let out = dir.appending("out")
        // Found from the binary's location (the package root above .build), no --repos needed.
        let demo = try Tool.run(["demo", "--out", out], in: dir.path)
        #expect(demo.status == 0, "\(demo.stdout)\n\(demo.stderr)")
        #expect(demo.stdout.contains("check found 4 of 4, and nothing else."), "\(demo.stdout)")

        // Issue 17: Phụ lục I's targets reach the agencies that lead them.
        #expect(demo.stdout.contains("Sở Tư pháp receives 32 of the 133 targets of Phụ lục I"), "\(demo.stdout)")
        #expect(demo.stdout.contains("not 8.5: Sở Kế hoạch và Đầu tư leads it"))
        #expect(try target("so-tu-phap", "8.5", in: out) == nil)
        #expect(try target("so-tu-phap", "2.1.1", in: out) != nil)
        #expect(try target("so-khdt", "8.5", in: out) != nil)

        // 004 III.2.a, as rules.md 2 gives it: below the central minimum → minimum + 5.
        let buonDon = try #require(try target("buon-don", "DVC-ONLINE", in: out))
        #expect(buonDon.value == 55 && buonDon.provenance?.baseline == Decimal(string: "6.6") && buonDon.provenance?.base == 50)
        let tnmt = try #require(try target("so-tnmt", "PAY-ONLINE", in: out))
        #expect(tnmt.value == 50 && tnmt.provenance?.baseline == Decimal(string: "2.42") && tnmt.provenance?.base == 45)
        #expect(try target("thanh-tra", "DVC-ONLINE", in: out) == nil)  // exempt, 004 footnote 2

        // The planted findings, and no other error or warning (and no info: every hub was reachable).
        let check = try Tool.run(["-C", "\(out)/daklak", "check", "--as-of", "2024-12-08", "--cadence", "10-days", "--from", "2024-11-08", "--json"])
        #expect(check.status == 1)  // planted errors
        let findings = try json(Envelope.self, check).findings
        #expect(Set(findings) == [
            Finding(severity: "error", kind: "below-inherited", unit: "krong-na"),
            Finding(severity: "error", kind: "history-rewritten", unit: "krong-buk"),
            Finding(severity: "error", kind: "conflict", unit: "daklak"),
            Finding(severity: "warning", kind: "missing-report", unit: "yang-tao"),
        ])
        #expect(findings.count == 4)
        // Issue 17 part 6: the cadence and window are the province's plan data, copied down by
        // pull; check and export read them without options (no quarter owed before the campaign).
        let planned = try Tool.run(["-C", "\(out)/daklak", "check", "--as-of", "2024-12-08", "--json"])
        #expect(Set(try json(Envelope.self, planned).findings) == Set(findings), "\(planned.stdout)")
        let district = try String(contentsOfFile: "\(out)/buon-don/plans/2024/plan.json", encoding: .utf8)
        #expect(district.contains("\"setBy\": \"daklak\"") && district.contains("\"cadence\": \"10-days\""), "\(district)")
        let exported = try Tool.run(["-C", "\(out)/daklak", "export", "--format", "md", "--as-of", "2024-12-08"])
        #expect(exported.status == 0 && !exported.stdout.contains("2024-Q") && exported.stdout.contains("yang-tao"), "\(exported.stdout.prefix(2000))")

        // verify at the province: its one error first, the information findings (over a hundred
        // "not verified") counted by kind, not listed, unless --all.
        let verify = try Tool.run(["-C", "\(out)/daklak", "verify"])
        #expect(verify.status == 1, "\(verify.stdout)\(verify.stderr)")
        let lines = verify.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count <= 6, "\(verify.stdout)")
        #expect(lines.dropFirst(2).first?.contains("rewritten-history") == true, "the error comes first: \(verify.stdout)")
        let summary = try #require(lines.first { $0.hasPrefix("and ") }, "\(verify.stdout)")
        #expect(summary.contains("information findings (not listed; `plancascade verify --all` lists them):") && summary.contains("not-verified"), "\(summary)")
        let everything = try Tool.run(["-C", "\(out)/daklak", "verify", "--all"])
        #expect(everything.stdout.split(separator: "\n").count > 20 + lines.count, "\(everything.stdout.prefix(2000))")
        #expect(!everything.stdout.contains("not listed"))

        // Every commune's own report commits are in the province's history, byte for byte.
        var reports = 0
        for commune in ["ea-nuol", "krong-na", "lien-son", "yang-tao"] {
            let log = try Command.git(["log", "--format=%H %s", "main"], in: "\(out)/\(commune)")
            #expect(log.succeeded, "\(log.stderr)")
            for line in log.stdout.split(separator: "\n") where line.contains(" Report ") {
                reports += 1
                let commit = String(line.prefix(40))
                let ancestor = try Command.git(["merge-base", "--is-ancestor", commit, "main"], in: "\(out)/daklak")
                #expect(ancestor.status == 0, "\(commune) report \(commit) is not in the province's main")
            }
        }
        #expect(reports == 11)  // 4 communes × 3 periods, less Yang Tao's missing one

        // The repositories are valid, and the hubs are where the summary says.
        let validate = try Tool.run(["validate", "daklak", "buon-don", "ea-nuol", "so-tnmt"], in: out)
        #expect(validate.status == 0, "\(validate.stdout)\(validate.stderr)")
        #expect(FileManager.default.fileExists(atPath: "\(out)/hubs/daklak.git/HEAD"))
    }

    @Test func aFolderThatIsNotEmptyIsRefused() throws {
        let dir = try TemporaryDirectory("demo")
        try "x".write(toFile: dir.appending("keep.txt"), atomically: true, encoding: .utf8)
        let result = try Tool.run(["demo", "--out", dir.path, "--repos", Self.repos])
        #expect(result.status == 2)
        #expect(result.stderr.contains(dir.path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["keep.txt"])
    }

    @Test func withoutReposTheErrorSaysHowToPointAtIt() throws {
        let dir = try TemporaryDirectory("demo")
        let result = try Tool.run(["demo", "--out", dir.appending("out"), "--repos", dir.path])
        #expect(result.status == 2)
        #expect(result.stderr.contains("is not the Repos/ folder of PlanCascade"))
    }
}

/// The second and third examples: smaller cycles on Tuy Phước's and Quảng Trị's documents.
@Suite struct SmallDemoCommandTests {
    init() { IsolatedGit.setUp() }

    @Test(arguments: [("tuyphuoc", "tuy-phuoc", "dieu-tri"), ("quangtri", "quangtri", "hai-lang")])
    func exampleRunsCleanly(example: String, top: String, child: String) throws {
        let dir = try TemporaryDirectory("demo")
        let out = dir.appending("out")
        let demo = try Tool.run(["demo", "--example", example, "--out", out, "--repos", DemoCommandTests.repos])
        #expect(demo.status == 0, "\(demo.stdout)\n\(demo.stderr)")
        #expect(demo.stdout.contains("Nothing was planted, and check found nothing."))
        // It ends with the command that shows the result in a browser.
        let last = demo.stdout.trimmingCharacters(in: .whitespacesAndNewlines).components(separatedBy: "\n").last ?? ""
        #expect(last.contains("plancascade -C \(out)/\(top) serve --as-of "), "\(last)")
        // The child inherited the tasks that name its level, and its reports reached the top.
        let tasks = try FileManager.default.contentsOfDirectory(atPath: "\(out)/\(child)/plans/2024/tasks")
        // Since issue 17 a task also reaches the doers its body names: tp-i-dt-6's inspection of
        // "UBND các xã, thị trấn" (35, not 34), qt-3.2.2's and qt-3.4.2's "UBND các huyện, thị
        // xã, thành phố" (14, not 12).
        #expect(tasks.count == (example == "tuyphuoc" ? 35 : 14))
        let log = try Command.git(["log", "--format=%H %s", "main"], in: "\(out)/\(child)")
        let reports = log.stdout.split(separator: "\n").filter { $0.contains(" Report ") }
        #expect(reports.count == 2)
        for line in reports {
            #expect(try Command.git(["merge-base", "--is-ancestor", String(line.prefix(40)), "main"], in: "\(out)/\(top)").status == 0)
        }
    }

    @Test func tuyPhuocKeepsIts2023ResultsAndItsTasksAsTheDocumentGivesThem() throws {
        let dir = try TemporaryDirectory("demo")
        let out = dir.appending("out")
        #expect(try Tool.run(["demo", "--example", "tuyphuoc", "--out", out, "--repos", DemoCommandTests.repos]).status == 0)
        let results = try String(contentsOfFile: "\(out)/tuy-phuoc/progress/2023/2023.json", encoding: .utf8)
        for figure in ["\"value\": 82.13", "\"value\": 51.15", "\"value\": 6.71", "\"value\": 23.27"] {
            #expect(results.contains(figure), "\(results)")
        }
        let tasks = try FileManager.default.contentsOfDirectory(atPath: "\(out)/tuy-phuoc/plans/2024/tasks")
        #expect(tasks.count == 51)
        let task = try String(contentsOfFile: "\(out)/tuy-phuoc/plans/2024/tasks/tp-i-dt-2.json", encoding: .utf8)
        #expect(task.contains("\"deadline\": \"2024-05-31\"") && task.contains("UBND các xã, thị trấn"), "\(task)")
    }
}
