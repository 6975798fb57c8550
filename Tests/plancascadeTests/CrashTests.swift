import Foundation
import Git
import Testing
import TestSupport

/// SIGKILL at random moments during `pull`, `collect`, `sync` and `resolve` (the built
/// binary): every repository stays consistent and running the command again finishes the
/// work. Runs per command: PLANCASCADE_CRASH_RUNS (default 6; RELIABILITY.md used 100).
@Suite(.serialized) struct CrashTests {
    init() { IsolatedGit.setUp() }

    static let runs = Int(ProcessInfo.processInfo.environment["PLANCASCADE_CRASH_RUNS"] ?? "") ?? 6

    /// province → district (with hub) → commune, DVC-ONLINE 50 with uplift:5 at each level.
    struct Hierarchy {
        let dir: TemporaryDirectory
        var province: String { dir.appending("daklak") }
        var district: String { dir.appending("buon-don") }
        var commune: String { dir.appending("ea-nuol") }
        var districtHub: String { dir.appending("hubs/buon-don.git") }
    }

    /// The n-th distinct day of 2024 (28 a month), for reports that never collide.
    func day(_ n: Int) -> String { String(format: "2024-%02d-%02d", 1 + (n / 28) % 12, 1 + n % 28) }

    @discardableResult
    func tool(_ arguments: [String], in directory: String, expect status: Int32 = 0) throws -> CommandResult {
        let result = try Tool.run(arguments, in: directory)
        #expect(result.status == status, "\(arguments) in \(directory): \(result.stdout)\(result.stderr)")
        return result
    }

    func hierarchy() throws -> Hierarchy {
        let h = Hierarchy(dir: try TemporaryDirectory("crash"))
        let root = h.dir.path
        try tool(["init", "daklak", "--unit", "daklak", "--name", "Tỉnh Đắk Lắk", "--level", "province", "--hub", "hubs/daklak.git"], in: root)
        try "indicator,measure,target,deadline,rule\nDVC-ONLINE,percent,50,2024-12-31,uplift:5\n".write(
            toFile: h.dir.appending("t.csv"), atomically: true, encoding: .utf8)
        try tool(["import", "targets", "../t.csv", "--year", "2024"], in: h.province)
        try tool(["child", "add", "buon-don", "--name", "Huyện Buôn Đôn", "--level", "district"], in: h.province)
        try tool(["publish"], in: h.province)
        try tool(["init", "buon-don", "--unit", "buon-don", "--name", "Huyện Buôn Đôn", "--level", "district",
                  "--parent", "hubs/daklak.git", "--hub", "hubs/buon-don.git"], in: root)
        try tool(["pull"], in: h.district)
        try tool(["child", "add", "ea-nuol", "--name", "Xã Ea Nuôl", "--level", "commune"], in: h.district)
        try tool(["publish"], in: h.district)
        try tool(["push"], in: h.district)
        try tool(["init", "ea-nuol", "--unit", "ea-nuol", "--name", "Xã Ea Nuôl", "--level", "commune",
                  "--parent", "hubs/buon-don.git", "--hub", "hubs/ea-nuol.git"], in: root)
        try tool(["pull"], in: h.commune)
        return h
    }

    /// After a kill: objects and refs complete (`git fsck`), nothing invalid committed, and
    /// once the tool has opened the clone again, no pseudo-edits left in the work tree.
    func expectConsistent(_ repository: String, _ context: String) throws {
        let fsck = try Command.git(["fsck", "--no-dangling", "--no-progress", "--strict"], in: repository)
        #expect(fsck.succeeded && !fsck.stderr.contains("error") && !fsck.stderr.contains("missing"), "\(context): \(fsck.stdout)\(fsck.stderr)")
        let validate = try Tool.run(["validate"], in: repository)
        #expect(validate.status == 0, "\(context): \(validate.stdout)\(validate.stderr)")
        let status = try Command.git(["status", "--porcelain", "--untracked-files=no"], in: repository)
        #expect(status.stdout.isEmpty, "\(context): the work tree differs from main after recovery:\n\(status.stdout)")
    }

    /// Runs `arguments` and kills it after a random part of `span`. A run that ended before
    /// its kill shortens `span`, so that on a machine whose load changes during the test (the
    /// span measured when busy, the runs fast) later runs are still killed mid-way.
    func kill(_ arguments: [String], in directory: String, within span: inout TimeInterval, using random: inout SeededGenerator) throws -> Bool {
        let delay = Double.random(in: 0...span, using: &random)
        let killed = try Command.runKilled(Tool.path, arguments, in: directory, after: delay)
        if !killed { span = max(span * 0.6, 0.005) }
        return killed
    }

    func span(of arguments: [String], in directory: String, prepare: () throws -> Void) throws -> TimeInterval {
        try prepare()
        let start = Date()
        try tool(arguments, in: directory)
        return max(Date().timeIntervalSince(start) * 1.2, 0.02)
    }

    @Test func killedCollectLeavesConsistentRepositoriesAndFinishesWhenRunAgain() throws {
        let h = try hierarchy()
        var random = SeededGenerator(seed: 1)
        var day = 1
        func newReport() throws {
            try tool(["report", self.day(day), "DVC-ONLINE=\(day)/1000"], in: h.commune)
            try tool(["push"], in: h.commune)
            day += 1
        }
        var span = try span(of: ["collect"], in: h.district, prepare: newReport)
        var killed = 0
        for run in 0..<Self.runs {
            try newReport()
            if try kill(["collect"], in: h.district, within: &span, using: &random) { killed += 1 }
            try expectConsistent(h.district, "collect run \(run)")
            try tool(["collect"], in: h.district)
            let pushed = try Command.git(["rev-parse", "refs/children/ea-nuol/main"], in: h.district).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            #expect(try Command.git(["merge-base", "--is-ancestor", pushed, "main"], in: h.district).succeeded, "run \(run)")
            let rollup = try Command.git(["show", "main:rollup/2024/" + self.day(day - 1) + ".json"], in: h.district)
            #expect(rollup.stdout.contains("\"numerator\": \(day - 1)"), "run \(run): \(rollup.stdout)\(rollup.stderr)")
        }
        #expect(killed > 0, "no run was killed mid-way; the spans are too short to test anything")
        print("crash: collect \(Self.runs) runs, \(killed) killed mid-way, all consistent and finished by a rerun")
    }

    @Test func killedPullLeavesConsistentRepositoriesAndFinishesWhenRunAgain() throws {
        let h = try hierarchy()
        var random = SeededGenerator(seed: 2)
        var value = 50, step = 0
        func newTarget() throws {
            step += 1
            value = 50 + step % 40  // stays a percentage after the uplift of 5
            try tool(["target", "set", "DVC-ONLINE", "\(value)"], in: h.province)
            try tool(["publish"], in: h.province)
        }
        var span = try span(of: ["pull"], in: h.district, prepare: newTarget)
        var killed = 0
        for run in 0..<Self.runs {
            try newTarget()
            if try kill(["pull"], in: h.district, within: &span, using: &random) { killed += 1 }
            try expectConsistent(h.district, "pull run \(run)")
            try tool(["pull"], in: h.district)
            let target = try String(contentsOfFile: h.district + "/plans/2024/targets/DVC-ONLINE.json", encoding: .utf8)
            #expect(target.contains("\"value\": \(value + 5)"), "run \(run): \(target)")
        }
        #expect(killed > 0, "no run was killed mid-way")
        print("crash: pull \(Self.runs) runs, \(killed) killed mid-way, all consistent and finished by a rerun")
    }

    @Test func killedSyncAndResolveLeaveConsistentClonesAndLoseNoConflict() throws {
        let h = try hierarchy()
        var random = SeededGenerator(seed: 3)
        let clerk2 = h.dir.appending("buon-don-2")
        #expect(try Command.git(["clone", "-q", h.districtHub, clerk2]).succeeded)
        var day = 1
        /// Each clerk reports a day of its own; clerk 2's sync is killed.
        func diverge(sameDay: Bool) throws -> (String, String) {
            let mine = self.day(2 * day), theirs = sameDay ? mine : self.day(2 * day + 1)
            day += 1
            try tool(["report", mine, "DVC-ONLINE=\(day)/1000"], in: h.district)
            try tool(["sync"], in: h.district)
            try tool(["report", theirs, "DVC-ONLINE=\(day + 50)/1000"], in: clerk2)
            return (mine, theirs)
        }
        var syncSpan = try span(of: ["sync"], in: clerk2) { _ = try diverge(sameDay: false) }
        var killed = 0
        for run in 0..<Self.runs {
            let (mine, theirs) = try diverge(sameDay: false)
            if try kill(["sync"], in: clerk2, within: &syncSpan, using: &random) { killed += 1 }
            try expectConsistent(clerk2, "sync run \(run)")
            try tool(["sync"], in: clerk2)
            for period in [mine, theirs] {
                #expect(try Command.git(["cat-file", "-e", "main:progress/2024/\(period).json"], in: h.districtHub).succeeded, "run \(run): \(period)")
            }
        }
        // Resolve: the same day reported twice is a conflict; kill the resolve.
        var resolveSpan: TimeInterval = 0.05
        for run in 0..<Self.runs {
            let (period, _) = try diverge(sameDay: true)
            try tool(["sync"], in: clerk2, expect: 1)
            if run == 0 {
                let start = Date()
                try tool(["resolve", "DVC-ONLINE", "--ours"], in: clerk2)
                resolveSpan = max(Date().timeIntervalSince(start) * 1.2, 0.02)
                try tool(["sync"], in: clerk2)
                continue
            }
            if try kill(["resolve", "DVC-ONLINE", "--ours"], in: clerk2, within: &resolveSpan, using: &random) { killed += 1 }
            try expectConsistent(clerk2, "resolve run \(run)")
            // The conflict is either still recorded, or settled by a complete commit.
            if try Tool.run(["conflicts"], in: clerk2).status == 1 {
                try tool(["resolve", "DVC-ONLINE", "--ours"], in: clerk2)
            }
            try tool(["conflicts"], in: clerk2)
            try tool(["sync"], in: clerk2)
            let report = try Command.git(["show", "main:progress/2024/\(period).json"], in: h.districtHub).stdout
            #expect(report.contains("\"numerator\": \(day + 50)"), "run \(run): clerk 2's value must win: \(report)")
        }
        #expect(killed > 0, "no run was killed mid-way")
        print("crash: sync \(Self.runs) runs and resolve \(Self.runs - 1) runs, \(killed) killed mid-way, all consistent, no conflict lost")
    }

    @Test func toolProcessesOnOneCloneWaitForEachOtherAndLoseNothing() throws {
        let h = try hierarchy()
        let count = 8
        var processes: [ChildProcess] = []
        for n in 0..<count {
            let report = try ChildProcess(Tool.path, ["report", day(100 + n), "DVC-ONLINE=\(n)/1000"], in: h.commune,
                                          environment: IsolatedGit.environment(), stdout: .discard, stderr: .discard)
            try report.start()
            processes.append(report)
        }
        let statuses = processes.map { $0.wait(timeout: Command.limit)?.status ?? -1 }
        #expect(statuses.allSatisfy { $0 == 0 }, "\(statuses)")
        for n in 0..<count {
            #expect(try Command.git(["cat-file", "-e", "main:progress/2024/\(day(100 + n)).json"], in: h.commune).succeeded, "report \(n) lost")
        }
        try expectConsistent(h.commune, "after \(count) concurrent reports")
    }
}
