import Foundation
import Testing
import TestSupport

/// `plancascade report` reads figures and periods in the user's language (the binary).
@Suite struct ReportInputCommandTests {
    init() { IsolatedGit.setUp() }

    func run(_ arguments: [String], in directory: String, on day: String = "2024-12-02") throws -> CommandResult {
        let time = "\(day)T09:00:00+07:00"
        return try Tool.run(arguments, in: directory, environment: ["GIT_AUTHOR_DATE": time, "GIT_COMMITTER_DATE": time])
    }

    @Test func vietnameseThousandsDotsAndRefusalsInTheUsersLanguage() throws {
        let dir = try TemporaryDirectory()
        #expect(try Tool.run(["init", "u", "--unit", "u", "--name", "Tỉnh", "--level", "province"], in: dir.path).status == 0)
        try "indicator,measure,target\nDVC-ONLINE,percent,50\n".write(toFile: dir.appending("t.csv"), atomically: true, encoding: .utf8)
        let work = dir.appending("u")
        #expect(try Tool.run(["import", "targets", "../t.csv", "--year", "2024"], in: work).status == 0)

        let english = try run(["--lang", "en", "report", "2024-11", "DVC-ONLINE=1.120/2.290"], in: work)
        #expect(english.status == 1, "\(english.stderr)")
        #expect(english.stderr.contains("1.12") && english.stderr.contains("1120"), "\(english.stderr)")

        let vietnamese = try run(["--lang", "vi", "report", "Tháng 11/2024", "DVC-ONLINE=1.120/2.290"], in: work)
        #expect(vietnamese.status == 0, "\(vietnamese.stderr)")
        let file = try String(contentsOfFile: work + "/progress/2024/2024-11.json", encoding: .utf8)
        #expect(file.contains("\"numerator\": 1120") && file.contains("\"denominator\": 2290"), "\(file)")

        let future = try run(["--lang", "vi", "report", "T12/2024", "DVC-ONLINE=1/2"], in: work, on: "2024-11-30")
        #expect(future.status == 1)
        #expect(future.stderr.contains("chưa bắt đầu"), "\(future.stderr)")

        let typo = try run(["--lang", "vi", "report", "11/2024", "DVC-ONLNE=1/2"], in: work)
        #expect(typo.status == 1)
        #expect(typo.stderr.contains("DVC-ONLNE: có phải DVC-ONLINE?"), "\(typo.stderr)")

        let none = try run(["report", "11/2024", "DVC-ONLINE=0/0"], in: work)
        #expect(none.status == 0, "\(none.stderr)")
    }
}
