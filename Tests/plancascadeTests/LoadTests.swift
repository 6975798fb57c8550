import Foundation
import Git
import PlanModel
import PlanStore
import Testing
import TestSupport

/// Many communes push to one district hub served by `git daemon` (with the server hook) at
/// once, several rounds: every push lands or is refused with a retryable message; after the
/// retries `collect` sees every report and the rollup is the sum of all of them.
/// PLANCASCADE_LOAD_COMMUNES (default 200) and PLANCASCADE_LOAD_ROUNDS (default 2).
@Suite(.serialized) struct LoadTests {
    init() { IsolatedGit.setUp() }

    static let communes = Int(ProcessInfo.processInfo.environment["PLANCASCADE_LOAD_COMMUNES"] ?? "") ?? 200
    static let rounds = Int(ProcessInfo.processInfo.environment["PLANCASCADE_LOAD_ROUNDS"] ?? "") ?? 2
    static let attempts = 6

    let environment = ["GIT_AUTHOR_NAME": "Văn thư", "GIT_AUTHOR_EMAIL": "vt@example.test",
                       "GIT_COMMITTER_NAME": "Văn thư", "GIT_COMMITTER_EMAIL": "vt@example.test"]

    /// Starts `plancascade push` in every folder at once; the failures, by folder.
    func pushAll(_ folders: [String]) throws -> [String: String] {
        var running: [(String, ChildProcess)] = []
        for folder in folders {
            let push = try ChildProcess(Tool.path, ["push"], in: folder, environment: IsolatedGit.environment(), stdout: .discard)
            try push.start()
            running.append((folder, push))
        }
        var failures: [String: String] = [:]
        let deadline = Date().addingTimeInterval(600)
        for (folder, push) in running {
            guard let outcome = push.wait(timeout: max(deadline.timeIntervalSinceNow, 1)) else {
                push.kill()
                push.wait()
                Issue.record("plancascade push in \(folder) still ran after 10 minutes")
                failures[folder] = "did not end"
                continue
            }
            if outcome.status != 0 { failures[folder] = String(decoding: outcome.stderr, as: UTF8.self) }
        }
        return failures
    }

    @Test func concurrentPushesAllLandAndCollectSumsThemAll() throws {
        let dir = try TemporaryDirectory("load")
        let ids = (1...Self.communes).map { String(format: "xa-%03d", $0) }
        let district = dir.appending("buon-don"), hub = dir.appending("hubs/buon-don.git")
        _ = try InitWorkflow(environment: environment).run(.init(
            path: district, unitID: "buon-don", name: "Huyện Buôn Đôn", level: "district", parentID: nil, parentURL: nil, hubURL: hub))
        let repository = try UnitRepository.open(at: district)
        let identity = try Identity.resolve(for: repository.git, environment: environment)
        var plan: [String: [UInt8]?] = [
            "plans/2024/indicators/DVC-ONLINE.json": try CanonicalJSON.encode(Indicator(code: "DVC-ONLINE", name: "Tỷ lệ hồ sơ trực tuyến", measure: .percent, aggregation: .ratio)),
            "plans/2024/targets/DVC-ONLINE.json": try CanonicalJSON.encode(Target(indicator: "DVC-ONLINE", value: 55, comparator: .atLeast, deadline: CivilDate("2024-12-31"), rule: "floor")),
        ]
        var unit = try repository.unit()
        unit.children = ids.map { UnitRef(id: $0, name: "Xã \($0)", level: "commune") }
        plan["unit.json"] = try CanonicalJSON.encode(unit)
        try repository.commitValidated(plan, message: "plan and \(ids.count) communes", identity: identity)
        _ = try PublishWorkflow(environment: environment).run(in: repository)
        #expect(try Tool.run(["hooks", "install", "--server", hub]).status == 0)

        let daemon = try GitDaemon(basePath: dir.appending("hubs"), lifetime: 1200)
        let parent = daemon.url("buon-don.git")
        for id in ids {
            _ = try InitWorkflow(environment: environment).run(.init(
                path: dir.appending(id), unitID: id, name: "Xã \(id)", level: "commune", parentID: "buon-don", parentURL: parent, hubURL: nil))
            _ = try PullWorkflow(environment: environment).run(in: UnitRepository.open(at: dir.appending(id)))
        }

        var retried = 0, maxAttempts = 1
        var refusals: [String] = []
        for round in 1...Self.rounds {
            let period = String(format: "2024-11-%02d", round)
            var numerators: Exact = 0
            for (index, id) in ids.enumerated() {
                let numerator = (index * 7 + round) % 100
                numerators += Exact(numerator)
                _ = try ReportWorkflow(environment: environment).run(
                    period: period, figures: [try ReportWorkflow.parseFigure("DVC-ONLINE=\(numerator)/100")], tasks: [:],
                    in: UnitRepository.open(at: dir.appending(id)))
            }
            var pending = ids.map(dir.appending)
            var attempt = 0
            while !pending.isEmpty && attempt < Self.attempts {
                attempt += 1
                if attempt > 1 { usleep(useconds_t(200_000 * attempt)) }
                let failures = try pushAll(pending)
                refusals += failures.values
                retried += attempt > 1 ? pending.count : 0
                pending = failures.keys.sorted()
            }
            maxAttempts = max(maxAttempts, attempt)
            #expect(pending.isEmpty, "round \(round): \(pending.count) pushes never landed: \(refusals.suffix(3))")

            let outcome = try CollectWorkflow(environment: environment).run(in: UnitRepository.open(at: district))
            #expect(outcome.collected.count == ids.count, "round \(round): collected \(outcome.collected.count)")
            #expect(outcome.refused.isEmpty)
            let rollup = try #require(try UnitRepository.open(at: district).document(Rollup.self, at: "rollup/2024/\(period).json"))
            #expect(rollup.figures["DVC-ONLINE"]?.numerator == numerators)
            #expect(rollup.figures["DVC-ONLINE"]?.denominator == Exact(100 * ids.count))
            #expect(rollup.figures["DVC-ONLINE"]?.units == ids.count)
        }
        // Every refusal said what to do: push again.
        for text in refusals {
            #expect(text.contains("again"), "not a retryable message: \(text)")
        }
        print("load: \(ids.count) communes × \(Self.rounds) rounds; \(refusals.count) refused pushes retried, at most \(maxAttempts) attempts")
    }
}
