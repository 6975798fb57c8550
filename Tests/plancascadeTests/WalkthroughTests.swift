import Foundation
import Testing
import TestSupport

/// `scripts/walkthrough` — the README's three walkthroughs, run from nothing — keeps working
/// with the built binary, in English (README.md) and in Vietnamese (README.vi.md), and still
/// prints the lines the READMEs quote.
@Suite(.serialized) struct WalkthroughTests {
    init() { IsolatedGit.setUp() }

    /// scripts/walkthrough of this source tree.
    static let script: String = {
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("scripts/walkthrough").path) {
            folder.deleteLastPathComponent()
        }
        return folder.appendingPathComponent("scripts/walkthrough").path
    }()

    func run(_ lang: String) throws -> (CommandResult, String) {
        let folder = NSTemporaryDirectory() + "plancascade-walkthrough-test-\(lang)-\(UUID().uuidString)"
        let environment = IsolatedGit.environment(["PLANCASCADE_BIN": Tool.path])
        let result = try Command.run("bash", [Self.script, "--lang", lang, folder], environment: environment)
        return (result, folder)
    }

    /// The `$ ` lines of the console blocks of `readme` from the heading `from` to `to` (or the end).
    static func shownCommands(_ readme: String, from: String, to: String?) throws -> [String] {
        let root = URL(fileURLWithPath: script).deletingLastPathComponent().deletingLastPathComponent()
        let text = try String(contentsOf: root.appendingPathComponent(readme), encoding: .utf8)
        guard let start = text.range(of: from) else { return [] }
        let end = to.flatMap { text.range(of: $0, range: start.upperBound..<text.endIndex)?.lowerBound } ?? text.endIndex
        var inConsole = false
        var commands: [String] = []
        for line in text[start.lowerBound..<end].split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("```") { inConsole = line == "```console"; continue }
            if inConsole, line.hasPrefix("$ "), !line.hasPrefix("$ scripts/walkthrough") { commands.append(String(line)) }
        }
        return commands
    }

    /// The README shows the commands the script runs, all of them, in the same order.
    func expectReadme(_ readme: String, from: String, to: String?, shows transcript: String, folder: String, as shown: String,
                      sourceLocation: SourceLocation = #_sourceLocation) throws {
        let ran = transcript.split(separator: "\n").filter { $0.hasPrefix("$ ") }
            .map { $0.replacingOccurrences(of: folder, with: shown) }
        let commands = try Self.shownCommands(readme, from: from, to: to)
        #expect(commands == ran, "\(readme) shows other commands than scripts/walkthrough runs", sourceLocation: sourceLocation)
    }

    func expect(_ transcript: String, contains lines: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        for line in lines {
            #expect(transcript.contains(line), "missing: \(line)", sourceLocation: sourceLocation)
        }
    }

    @Test func englishWalkthroughRunsAsTheReadmeShows() throws {
        let (result, folder) = try run("en")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(result.status == 0, "\(result.stderr)\n\(result.stdout.suffix(2000))")
        expect(result.stdout, contains: [
            "$ plancascade import targets dvc.csv --year 2024",
            "Imported 3 targets rows into 2024: 3 added, 0 updated, 0 unchanged",
            "$ plancascade child add buon-don --name 'UBND huyện Buôn Đôn' --level district",
            "2024  DVC-ONLINE  added       target 55 (uplift:5;exempt:ban-dan-toc|thanh-tra, base 50, baseline 6.6)",
            "$ plancascade target set DVC-ONLINE 45",
            "plancascade: DVC-ONLINE 45 is weaker than the 55 this unit inherited by the target daklak assigned it",
            "DVC-ONLINE 2024 target >= 60 (was 55)",
            "$ plancascade child add ea-nuol --name 'UBND xã Ea Nuôl' --level commune",
            "  DVC-ONLINE 412/760 = 54.21%",
            "  parent (\(folder)/hubs/buon-don.git) refs/children/ea-nuol/main",
            "UBND huyện Buôn Đôn (buon-don)  DVC-ONLINE  >= 60   47.38% (507/1070)",
            "Collected buon-don ",
            "Merged origin into main ",
            "No conflicts left: `plancascade sync` pushes the merge",
            "Every stored total (1) equals its recomputation from the figures below it",
            "History verified: checked 2 collected child heads",
            "Wrote html report of buon-don to report.html",
        ])
        #expect(!result.stdout.contains("provisional"), "a report of a period that has not ended")
        try expectReadme("README.md", from: "## Walkthrough: a district pulling provincial targets", to: "## Hosting hubs",
                         shows: result.stdout, folder: folder, as: "/tmp/walkthrough")
        #expect(FileManager.default.fileExists(atPath: folder + "/buon-don/report.html"))
    }

    @Test func vietnameseWalkthroughRunsAsReadmeViShows() throws {
        let (result, folder) = try run("vi")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(result.status == 0, "\(result.stderr)\n\(result.stdout.suffix(2000))")
        expect(result.stdout, contains: [
            "$ plancascade --lang vi import targets dvc.csv --year 2024",
            "Đã nhận chỉ tiêu ",
            "2024  DVC-ONLINE  thêm mới      chỉ tiêu 55 (uplift:5;exempt:ban-dan-toc|thanh-tra, giá trị gốc 50, số liệu gốc 6,6)",
            "plancascade: DVC-ONLINE 45 kém hơn mức 55 mà đơn vị này được giao theo chỉ tiêu daklak đã giao",
            "DVC-ONLINE 2024: chỉ tiêu >= 60 (trước là 55)",
            "  DVC-ONLINE 412/760 = 54,21%",
            "UBND huyện Buôn Đôn (buon-don)  DVC-ONLINE  >= 60     47,38% (507/1.070)",
            "Đã hợp nhất origin vào main ",
            "Hết xung đột: `plancascade sync` sẽ gửi lần hợp nhất lên",
            "Lịch sử đã được xác minh",
            "Đã ghi báo cáo html của buon-don vào report.html",
        ])
        try expectReadme("README.vi.md", from: "## Ví dụ 1:", to: "## Không có mạng", shows: result.stdout, folder: folder, as: "/tmp/walkthrough-vi")
        let html = try String(contentsOfFile: folder + "/buon-don/report.html", encoding: .utf8)
        #expect(html.contains("<html lang=\"vi\">"))
    }
}
