import Foundation
import Testing
import TestSupport

/// The command line in the user's language (`--lang`, `PLANCASCADE_LANG`, the locale), the
/// clerk's commands (`plancascade` alone, `tasks`, `report --dry-run`), and the
/// pseudo-language run that finds English which escaped the catalogue.
@Suite struct LanguageCommandTests {
    init() { IsolatedGit.setUp() }

    /// No language from the test runner's own locale: each test chooses.
    static let neutral = ["PLANCASCADE_LANG": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": "C.UTF-8"]

    func run(_ arguments: [String], in directory: String? = nil, environment: [String: String] = [:]) throws -> CommandResult {
        try Tool.run(arguments, in: directory, environment: Self.neutral.merging(environment) { $1 })
    }

    /// A commune with three tasks (one done, one in progress, one never reported) and a target.
    func commune() throws -> (TemporaryDirectory, String) {
        let dir = try TemporaryDirectory()
        #expect(try run(["init", "ea-nuol", "--unit", "ea-nuol", "--name", "UBND xã Ea Nuôl", "--level", "commune"], in: dir.path).status == 0)
        let unit = dir.appending("ea-nuol")
        try """
            id,content,lead,timeframe
            T1,Rà soát thủ tục hành chính,Văn phòng,trước ngày 20/6/2024
            T2,Số hóa hồ sơ,Bộ phận một cửa,Quý III/2024
            T3,Tuyên truyền,Văn phòng,Hàng tháng

            """.write(toFile: dir.appending("tasks.csv"), atomically: true, encoding: .utf8)
        try "indicator,name,measure,target\nDVC-ONLINE,Tỷ lệ hồ sơ trực tuyến,percent,50\n".write(
            toFile: dir.appending("targets.csv"), atomically: true, encoding: .utf8)
        #expect(try run(["import", "tasks", "../tasks.csv", "--year", "2024"], in: unit).status == 0)
        #expect(try run(["import", "targets", "../targets.csv", "--year", "2024"], in: unit).status == 0)
        let reported = try run(["report", "2024-Q2", "--task", "T1=done", "--task", "T2=in-progress"], in: unit)
        #expect(reported.status == 0, "\(reported.stderr)")
        return (dir, unit)
    }

    @Test func helpAndErrorsInVietnamese() throws {
        let help = try run(["--lang", "vi", "--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("TỔNG QUAN: Kế hoạch giao xuống các cấp hành chính"), "\(help.stdout)")
        #expect(help.stdout.contains("--lang vi"))
        #expect(help.stdout.contains("CÁC LỆNH:"))
        let report = try run(["report", "--help", "--lang=vi"])
        #expect(report.stdout.contains("Ghi số liệu (và trạng thái nhiệm vụ) của đơn vị cho một kỳ báo cáo"), "\(report.stdout)")
        #expect(report.stdout.contains("--dry-run"))
        // The English root help documents --lang too.
        #expect(try run(["--help"]).stdout.contains("--lang vi or --lang en"))

        let empty = try TemporaryDirectory()
        let outside = try run(["--lang", "vi", "tasks"], in: empty.path)
        #expect(outside.status == 2)
        #expect(outside.stderr.contains("không phải kho dữ liệu đơn vị của PlanCascade"), "\(outside.stderr)")
        #expect(outside.stderr.contains("`plancascade init`"))
        let english = try run(["tasks"], in: empty.path)
        #expect(english.stderr == "plancascade: . is not a PlanCascade unit repository (no unit.json on main); create one with `plancascade init`\n")
        let usage = try run(["--lang", "vi", "approve", "ea-nuol", "2024-Q9"], in: empty.path)
        #expect(usage.status == 64)
        #expect(usage.stderr.contains("Lỗi: '2024-Q9' không phải kỳ báo cáo"), "\(usage.stderr)")
    }

    @Test func theLocaleChoosesVietnameseAndTheFlagWins() throws {
        let empty = try TemporaryDirectory()
        let byLocale = try run(["targets"], in: empty.path, environment: ["LANG": "vi_VN.UTF-8"])
        #expect(byLocale.stderr.contains("không phải kho dữ liệu đơn vị"), "\(byLocale.stderr)")
        let byVariable = try run(["targets"], in: empty.path, environment: ["PLANCASCADE_LANG": "vi", "LANG": "en_US.UTF-8"])
        #expect(byVariable.stderr.contains("không phải kho dữ liệu đơn vị"))
        let flagWins = try run(["--lang", "en", "targets"], in: empty.path, environment: ["LANG": "vi_VN.UTF-8"])
        #expect(flagWins.stderr.contains("is not a PlanCascade unit repository"))
    }

    @Test func noArgumentsListsTheCommandsByWhoUsesThem() throws {
        let english = try run([])
        #expect(english.status == 0)
        let text = english.stdout
        for heading in ["Commune clerk (cấp xã)", "District and province (cấp huyện, tỉnh)", "Inspector (thanh tra)"] {
            #expect(text.contains(heading), "\(text)")
        }
        for command in ["tasks", "targets", "pull", "report", "push", "init", "publish", "collect", "approve", "check", "verify", "log", "trace"] {
            #expect(text.contains("\n  \(command) "), "\(command)")
        }
        #expect(text.range(of: "Commune")!.lowerBound < text.range(of: "Inspector")!.lowerBound)
        let vietnamese = try run(["--lang", "vi"])
        #expect(vietnamese.stdout.contains("Cấp xã — nhận chỉ tiêu, báo cáo, gửi lên:"))
        #expect(vietnamese.stdout.contains("Thanh tra"))
        #expect(vietnamese.stdout.contains("  tasks          các nhiệm vụ của đơn vị"), "\(vietnamese.stdout)")
        // --help keeps the full list.
        #expect(try run(["--help"]).stdout.contains("SUBCOMMANDS:"))
    }

    @Test func tasksShowLeadDeadlineStatusAndWhatIsOverdue() throws {
        let (dir, unit) = try commune()
        _ = dir
        let july = try run(["tasks", "--as-of", "2024-07-01"], in: unit)
        #expect(july.status == 0, "\(july.stderr)")
        let lines = july.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first?.hasPrefix("year  task  content") == true, "\(july.stdout)")
        #expect(lines.contains { $0.contains("T1") && $0.contains("Văn phòng") && $0.contains("2024-06-20") && $0.contains("done") && !$0.contains("OVERDUE") })
        #expect(lines.contains { $0.contains("T3") && $0.contains("Hàng tháng") && $0.contains("not reported") })
        #expect(july.stdout.hasSuffix("3 tasks, 0 overdue as of 2024-07-01\n"), "\(july.stdout)")

        let october = try run(["tasks", "--as-of", "2024-10-01"], in: unit)
        #expect(october.stdout.split(separator: "\n").contains { $0.contains("T2") && $0.contains("in progress") && $0.hasSuffix("OVERDUE") })
        #expect(october.stdout.contains("1 overdue as of 2024-10-01"))
        let onlyLate = try run(["tasks", "--overdue", "--as-of", "2024-10-01"], in: unit)
        #expect(onlyLate.stdout.contains("T2") && !onlyLate.stdout.contains("T1 "))

        let json = try run(["tasks", "--json", "--as-of", "2024-10-01"], in: unit)
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(rows.map { $0["id"] as? String } == ["T1", "T2", "T3"])
        #expect(rows.map { $0["overdue"] as? Bool } == [false, true, false])
        #expect(rows[0]["status"] as? String == "done")
        #expect(rows[0]["deadline"] as? String == "2024-06-20")
        #expect(rows[0]["reportedIn"] as? String == "2024-Q2")
        #expect(rows[2]["status"] == nil)

        // The language changes the words and the dates, never --json.
        let vietnamese = try run(["--lang", "vi", "tasks", "--as-of", "2024-10-01"], in: unit)
        #expect(vietnamese.stdout.hasPrefix("năm   nhiệm vụ"), "\(vietnamese.stdout)")
        #expect(vietnamese.stdout.contains("20/06/2024"))
        #expect(vietnamese.stdout.contains("hoàn thành"))
        #expect(vietnamese.stdout.contains("QUÁ HẠN"))
        #expect(vietnamese.stdout.contains("3 nhiệm vụ, 1 quá hạn tính đến ngày 01/10/2024"))
        #expect(try run(["--lang", "vi", "tasks", "--json", "--as-of", "2024-10-01"], in: unit).stdout == json.stdout)
        #expect(try run(["--lang", "vi", "targets", "--json"], in: unit).stdout == run(["targets", "--json"], in: unit).stdout)
        #expect(try run(["--lang", "vi", "validate", "--json"], in: unit).stdout == run(["validate", "--json"], in: unit).stdout)

        // targets shows the indicator's name.
        let targets = try run(["targets"], in: unit)
        #expect(targets.stdout.contains("Tỷ lệ hồ sơ trực tuyến"), "\(targets.stdout)")
    }

    @Test func reportDryRunShowsWhatWouldBeRecordedAndWritesNothing() throws {
        let (dir, unit) = try commune()
        _ = dir
        let before = try Command.git(["rev-parse", "main"], in: unit).stdout
        let dry = try run(["report", "2024-Q3", "DVC-ONLINE=41940/58818", "--task", "T2=done", "--dry-run"], in: unit)
        #expect(dry.status == 0, "\(dry.stderr)")
        #expect(dry.stdout.contains("Would record 2024-Q3 in progress/2024/2024-Q3.json (dry run, nothing committed):"), "\(dry.stdout)")
        #expect(dry.stdout.contains("  DVC-ONLINE 41940/58818 = 71.30%"))
        #expect(dry.stdout.contains("  T2 done"))
        #expect(try Command.git(["rev-parse", "main"], in: unit).stdout == before)
        #expect(try Command.git(["status", "--porcelain"], in: unit).stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: unit + "/progress/2024/2024-Q3.json"))
        // A dry run still refuses what the real run would refuse.
        let unknown = try run(["report", "2024-Q3", "NOPE=1", "--dry-run"], in: unit)
        #expect(unknown.status == 1, "a wrong code is a mistake in the data: \(unknown.stderr)")
        #expect(unknown.stderr.contains("NOPE: no such indicator in the plan for 2024"), "\(unknown.stderr)")
        let vietnamese = try run(["--lang", "vi", "report", "2024-Q3", "DVC-ONLINE=41940/58818", "--dry-run"], in: unit)
        #expect(vietnamese.stdout.contains("Sẽ ghi báo cáo Quý III/2024 vào progress/2024/2024-Q3.json"), "\(vietnamese.stdout)")
        #expect(vietnamese.stdout.contains("= 71,30%"))
        #expect(try Command.git(["rev-parse", "main"], in: unit).stdout == before)
        // Without --dry-run it is recorded; the same report at the same time again would change nothing.
        let at = ["GIT_AUTHOR_DATE": "2024-10-05T09:00:00+07:00", "GIT_COMMITTER_DATE": "2024-10-05T09:00:00+07:00"]
        #expect(try run(["report", "2024-Q3", "DVC-ONLINE=41940/58818"], in: unit, environment: at).stdout.hasPrefix("Reported 2024-Q3 → main"))
        #expect(try Command.git(["rev-parse", "main"], in: unit).stdout != before)
        let again = try run(["report", "2024-Q3", "DVC-ONLINE=41940/58818", "--dry-run"], in: unit, environment: at)
        #expect(again.stdout.contains("Nothing would change"), "\(again.stdout)")
    }

    @Test func pullListsNewTasksFirstAndSaysHowManyMore() throws {
        let dir = try TemporaryDirectory()
        #expect(try run(["init", "daklak", "--unit", "daklak", "--name", "UBND tỉnh Đắk Lắk", "--level", "province", "--hub", "hubs/daklak.git"], in: dir.path).status == 0)
        let province = dir.appending("daklak")
        let targets = (1...14).map { "I\($0),Chỉ số \($0),percent,50,uplift:5" }.joined(separator: "\n")
        try "indicator,name,measure,target,rule\n\(targets)\n".write(toFile: dir.appending("t.csv"), atomically: true, encoding: .utf8)
        try "id,content,lead,timeframe\nKH-1,Ban hành kế hoạch,UBND các huyện,trước ngày 20/6/2024\nKH-2,Báo cáo quý,UBND các huyện,Quý III/2024\n".write(
            toFile: dir.appending("k.csv"), atomically: true, encoding: .utf8)
        #expect(try run(["import", "targets", "../t.csv", "--year", "2024"], in: province).status == 0)
        #expect(try run(["import", "tasks", "../k.csv", "--year", "2024"], in: province).status == 0)
        #expect(try run(["publish"], in: province).status == 0)
        #expect(try run(["init", "buon-don", "--unit", "buon-don", "--name", "UBND huyện Buôn Đôn", "--level", "district",
                         "--parent", "../hubs/daklak.git"], in: dir.path).status == 0)
        let pulled = try run(["pull"], in: dir.appending("buon-don"))
        #expect(pulled.status == 0, "\(pulled.stderr)")
        let rows = pulled.stdout.split(separator: "\n").map(String.init).filter { $0.hasPrefix("2024") }
        #expect(rows.count == 12, "\(pulled.stdout)")
        #expect(rows.prefix(2).allSatisfy { $0.contains("task-added") }, "\(pulled.stdout)")
        #expect(rows[0].contains("KH-1") && rows[0].contains("2024-06-20"))
        #expect(pulled.stdout.contains("… and 4 more (--verbose lists them"), "\(pulled.stdout)")
        // A second district pulls in the pseudo-language: every line from the catalogue.
        #expect(try run(["init", "ea-sup", "--unit", "ea-sup", "--name", "UBND huyện Ea Súp", "--level", "district",
                         "--parent", "../hubs/daklak.git"], in: dir.path).status == 0)
        let pseudo = try run(["--lang", "qps", "pull", "--verbose"], in: dir.appending("ea-sup"))
        #expect(pseudo.status == 0, "\(pseudo.stderr)")
        #expect(!Self.escaped(pseudo.stdout + pseudo.stderr), "\(pseudo.stdout)")
        let tasks = try run(["--lang", "vi", "tasks", "--as-of", "2024-07-01"], in: dir.appending("buon-don"))
        #expect(tasks.stdout.contains("KH-1") && tasks.stdout.contains("20/06/2024") && tasks.stdout.contains("QUÁ HẠN"), "\(tasks.stdout)")
    }

    /// Every subcommand's help, in the pseudo-language.
    static let commands: [[String]] = [
        [], ["demo"], ["init"], ["validate"], ["child"], ["child", "add"], ["import"], ["targets"], ["tasks"], ["target"],
        ["target", "set"], ["publish"], ["pull"], ["report"], ["push"], ["collect"], ["approve"], ["reopen"], ["status"],
        ["check"], ["log"], ["diff"], ["blame"], ["trace"], ["verify"], ["export"], ["sync"], ["conflicts"], ["resolve"],
        ["hooks"], ["hooks", "install"], ["hook"], ["signer"], ["signer", "add"],
        ["plan"], ["plan", "show"], ["plan", "set"], ["plan", "report"], ["plan", "report", "add"], ["plan", "report", "remove"],
    ]

    static func escaped(_ text: String) -> Bool { text.contains("⚠") || text.contains("«") || text.contains("‹") }

    @Test func thePseudoLanguageFindsNoEnglishOutsideTheCatalogue() throws {
        for command in Self.commands {
            let help = try run(["--lang", "qps"] + command + ["--help"])
            #expect(help.status == 0, "\(command)")
            #expect(!Self.escaped(help.stdout + help.stderr), "\(command): \(help.stdout)")
            #expect(help.stdout.contains("⟦"), "\(command)")
        }
        #expect(!Self.escaped(try run(["--lang", "qps"]).stdout))

        // Error paths: outside a repository, and command lines the commands refuse.
        let empty = try TemporaryDirectory()
        for command in [["tasks"], ["targets"], ["pull"], ["push"], ["publish"], ["collect"], ["sync"], ["conflicts"],
                        ["report", "2024-Q3", "A=1"], ["approve", "x", "2024-Q3"], ["reopen", "x", "2024-Q3", "--reason", "r"],
                        ["child", "add", "x", "--name", "X", "--level", "commune"], ["import", "tasks", "t.csv"],
                        ["target", "set", "A", "1"], ["resolve", "A", "--ours"], ["validate", "nowhere"], ["export", "--format", "md"],
                        ["approve", "x", "2024-Q9"], ["approve", "x", "2024-Q3", "--waive"], ["import", "nonsense", "f.csv"],
                        ["import", "tasks", "f.csv", "--default", "bad"], ["resolve", "A"], ["hook", "post-commit"],
                        ["export", "--format", "pdf"], ["tasks", "--as-of", "someday"], ["hooks", "install", "--server"]] {
            let result = try run(["--lang", "qps"] + command, in: empty.path)
            #expect(result.status != 0, "\(command)")
            #expect(!Self.escaped(result.stdout + result.stderr), "\(command): \(result.stderr)")
            #expect(result.stderr.contains("⟦"), "\(command): \(result.stderr)")
        }

        // In a repository: the clerk's commands and their refusals.
        let (dir, unit) = try commune()
        _ = dir
        for command in [["tasks", "--as-of", "2024-10-01"], ["targets"], ["report", "2024-Q3", "DVC-ONLINE=1/2", "--dry-run"],
                        ["validate"], ["conflicts"]] {
            let result = try run(["--lang", "qps"] + command, in: unit)
            #expect(result.status == 0, "\(command): \(result.stderr)")
            #expect(!Self.escaped(result.stdout + result.stderr), "\(command): \(result.stdout)")
        }
        for command in [["report", "2024-Q3", "NOPE=1"], ["target", "set", "DVC-ONLINE", "x"], ["target", "set", "DVC-ONLINE", "60", "--deadline", "soon"],
                        ["approve", "x", "2024-Q3"], ["push"], ["pull"], ["child", "add", "ea-nuol", "--name", "X", "--level", "commune"],
                        ["resolve", "A", "--ours"], ["import", "tasks", "../missing.csv"]] {
            let result = try run(["--lang", "qps"] + command, in: unit)
            #expect(result.status != 0, "\(command)")
            #expect(!Self.escaped(result.stdout + result.stderr), "\(command): \(result.stderr)")
        }
    }
}
