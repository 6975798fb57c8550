import Foundation
import Testing
import TestSupport

/// Hubs and clones stay compact as clerks work (one pack per push or fetch rolls up by
/// itself), and `plancascade maintain` rolls everything into one pack on demand, in a
/// working clone, its hubs, or a bare hub's folder, losing nothing.
@Suite struct MaintainCommandTests {
    init() { IsolatedGit.setUp() }

    @discardableResult
    func tool(_ arguments: [String], in directory: String, environment: [String: String] = [:]) throws -> CommandResult {
        let result = try Tool.run(arguments, in: directory, environment: environment)
        #expect(result.status == 0, "\(arguments) in \(directory): \(result.stdout)\(result.stderr)")
        return result
    }

    func packs(_ gitDirectory: String) -> Int {
        ((try? FileManager.default.contentsOfDirectory(atPath: gitDirectory + "/objects/pack")) ?? []).filter { $0.hasSuffix(".idx") }.count
    }

    func fsckClean(_ path: String) throws {
        let fsck = try Command.git(["fsck", "--full", "--strict", "--no-dangling", "--no-progress"], in: path)
        #expect(fsck.succeeded && fsck.stderr.isEmpty, "\(path): \(fsck.stdout)\(fsck.stderr)")
    }

    @Test func reportsPushedAndCollectedLeaveFewPacksAndMaintainRollsUpTheRest() throws {
        let dir = try TemporaryDirectory("maintain")
        let root = dir.path
        let district = dir.appending("buon-don"), commune = dir.appending("ea-nuol")
        try tool(["init", "buon-don", "--unit", "buon-don", "--name", "Huyện Buôn Đôn", "--level", "district", "--hub", "hubs/buon-don.git"], in: root)
        try "indicator,measure,target,deadline,rule\nDVC-ONLINE,percent,50,2024-12-31,uplift:5\n".write(
            toFile: dir.appending("t.csv"), atomically: true, encoding: .utf8)
        try tool(["import", "targets", "../t.csv", "--year", "2024"], in: district)
        try tool(["child", "add", "ea-nuol", "--name", "Xã Ea Nuôl", "--level", "commune"], in: district)
        try tool(["publish"], in: district)
        try tool(["init", "ea-nuol", "--unit", "ea-nuol", "--name", "Xã Ea Nuôl", "--level", "commune",
                  "--parent", "hubs/buon-don.git", "--hub", "hubs/ea-nuol.git"], in: root)
        try tool(["pull"], in: commune)
        let rounds = 36
        for n in 1...rounds {
            try tool(["report", String(format: "2024-%02d-%02d", 1 + n / 28, 1 + n % 28), "DVC-ONLINE=\(n)/100"], in: commune)
            try tool(["push"], in: commune)
            try tool(["collect"], in: district)
        }
        // Without consolidation each hub and the district's clone would hold one pack a round.
        for place in [dir.appending("hubs/buon-don.git"), dir.appending("hubs/ea-nuol.git"), district + "/.git"] {
            #expect(packs(place) <= 8, "\(place) holds \(packs(place)) packs after \(rounds) rounds")
        }

        let maintained = try tool(["maintain", "--all", "--hubs"], in: commune)
        #expect(maintained.stdout.contains("Working clone \(commune)"), "\(maintained.stdout)")
        #expect(maintained.stdout.contains("Hub \(dir.appending("hubs/ea-nuol.git"))") || maintained.stdout.contains("Hub hubs/ea-nuol.git"), "\(maintained.stdout)")
        #expect(maintained.stdout.contains("→ 1 pack and 0 loose objects"), "\(maintained.stdout)")
        for place in [dir.appending("hubs/buon-don.git"), dir.appending("hubs/ea-nuol.git"), commune + "/.git"] {
            #expect(packs(place) == 1, "\(place): \(packs(place)) packs")
        }
        // In a bare hub's own folder, in Vietnamese; compact already, so nothing to do.
        let again = try tool(["maintain", "--all"], in: dir.appending("hubs/buon-don.git"), environment: ["PLANCASCADE_LANG": "vi"])
        #expect(again.stdout.contains("Hub .: đã gọn (1 gói, 0 đối tượng rời)"), "\(again.stdout)")

        for place in [dir.appending("hubs/buon-don.git"), dir.appending("hubs/ea-nuol.git"), commune, district] { try fsckClean(place) }
        // Everything still works on the rolled-up stores: one more round arrives whole.
        try tool(["report", "2024-12-01", "DVC-ONLINE=99/100"], in: commune)
        try tool(["push"], in: commune)
        let collected = try tool(["collect"], in: district)
        #expect(collected.stdout.contains("ea-nuol"), "\(collected.stdout)")
        let status = try tool(["status", "--json"], in: district)
        #expect(status.stdout.contains("99"), "\(status.stdout)")
    }

    @Test func outsideARepositoryItSaysSo() throws {
        let dir = try TemporaryDirectory("maintain-none")
        let result = try Tool.run(["maintain"], in: dir.path)
        #expect(result.status != 0)
        #expect(result.stderr.contains("not") && result.stdout.isEmpty, "\(result.stderr)")
    }
}
