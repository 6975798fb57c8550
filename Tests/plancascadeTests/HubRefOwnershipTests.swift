import Foundation
import Testing
import TestSupport

/// Over a local path nobody is authenticated: a push that writes a child's ref may write
/// nothing else (not the hub's `main` or `targets`, not a sibling's ref).
@Suite struct HubRefOwnershipTests {
    init() { IsolatedGit.setUp() }

    @Test func aChildsPushWritesOnlyItsOwnRef() throws {
        let dir = try HookCommandTests().setUp()
        let work = dir.appending("buon-don")
        let hub = dir.appending("hubs/daklak.git")
        func push(_ refspecs: [String]) throws -> CommandResult {
            try Command.run("git", ["push", hub] + refspecs, in: work, environment: IsolatedGit.environment())
        }
        let mainBefore = try Command.git(["rev-parse", "main"], in: hub).stdout
        let withMain = try push(["main:refs/children/buon-don/main", "+main:refs/heads/main"])
        #expect(!withMain.succeeded)
        #expect(withMain.stderr.contains("may write nothing else"), "\(withMain.stderr)")
        #expect(try Command.git(["rev-parse", "main"], in: hub).stdout == mainBefore)
        #expect(!(try Command.git(["rev-parse", "--verify", "-q", "refs/children/buon-don/main"], in: hub).succeeded))

        let withSibling = try push(["main:refs/children/buon-don/main", "main:refs/children/lak/main"])
        #expect(!withSibling.succeeded)
        #expect(withSibling.stderr.contains("one child's history only"), "\(withSibling.stderr)")

        let alone = try push(["main:refs/children/buon-don/main"])
        #expect(alone.succeeded, "\(alone.stderr)")
    }

    @Test func theServerHookMakesGitSyncCheckAndBoundWhatItReceives() throws {
        let dir = try HookCommandTests().setUp()
        let hub = dir.appending("hubs/daklak.git")
        func config(_ key: String) throws -> String {
            try Command.git(["config", key], in: hub).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        #expect(try config("core.fsync") == "committed,index")
        #expect(try config("receive.fsckObjects") == "true")
        #expect(try config("receive.maxInputSize") == String(64 << 20))

        // A hub that allows 4 KiB a push: git refuses a larger one while it streams, before
        // the hook, and keeps nothing of it.
        #expect(try Command.git(["config", "plancascade.maxPushBytes", "4096"], in: hub).succeeded)
        #expect(try Tool.run(["hooks", "install", "--server", "hubs/daklak.git"], in: dir.path).status == 0)
        #expect(try config("receive.maxInputSize") == "4096")
        let work = dir.appending("buon-don")
        var random = SeededGenerator(seed: 16)
        let noise = (0..<20_000).map { _ in String(UInt8.random(in: 0...255, using: &random), radix: 16) }.joined()
        try noise.write(toFile: work + "/notes.txt", atomically: true, encoding: .utf8)
        #expect(try Command.git(["add", "notes.txt"], in: work).succeeded)
        #expect(try Command.run("git", ["commit", "-q", "--no-verify", "-m", "big"], in: work, environment: IsolatedGit.environment()).succeeded)
        let objects = try Command.git(["count-objects", "-v"], in: hub).stdout
        let push = try Command.run("git", ["push", hub, "main:refs/children/buon-don/main"], in: work, environment: IsolatedGit.environment())
        #expect(!push.succeeded)
        #expect(push.stderr.contains("exceeds maximum allowed size") || push.stderr.contains("maxInputSize"), "\(push.stderr)")
        #expect(try Command.git(["count-objects", "-v"], in: hub).stdout == objects, "a refused push leaves nothing in the hub")
    }

    /// A `Parent-Commit:` trailer written by hand does not make a lowered target a pull.
    @Test func aForgedPullTrailerDoesNotLetALoweredTargetThrough() throws {
        let dir = try HookCommandTests().setUp()
        let work = dir.appending("buon-don")
        let hub = dir.appending("hubs/daklak.git")
        let published = try Command.git(["rev-parse", "refs/heads/targets"], in: hub).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let target = work + "/plans/2024/targets/DVC-ONLINE.json"
        let text = try String(contentsOfFile: target, encoding: .utf8)
        #expect(text.contains("\"value\": 55"))
        for (named, label) in [(published, "the real published commit"), (String(repeating: "ab", count: 20), "an unknown commit")] {
            try text.replacingOccurrences(of: "\"value\": 55", with: "\"value\": 10").write(toFile: target, atomically: true, encoding: .utf8)
            let message = "Pull targets from daklak (\(named.prefix(7)))\n\nParent-Unit: daklak\nParent-Commit: \(named)\n"
            #expect(try Command.run("git", ["commit", "-q", "--no-verify", "-am", message], in: work, environment: IsolatedGit.environment()).succeeded)
            let push = try Command.run("git", ["push", hub, "main:refs/children/buon-don/main"], in: work, environment: IsolatedGit.environment())
            #expect(!push.succeeded, "\(label): \(push.stderr)")
            #expect(push.stderr.contains("claims to be a pull"), "\(label): \(push.stderr)")
            #expect(push.stderr.contains("lowers DVC-ONLINE to 10"), "\(label): \(push.stderr)")
            #expect(try Command.git(["reset", "-q", "--hard", "HEAD~1"], in: work).succeeded)
        }
        // The real pull still lands.
        let clean = try Command.run("git", ["push", hub, "main:refs/children/buon-don/main"], in: work, environment: IsolatedGit.environment())
        #expect(clean.succeeded, "\(clean.stderr)")
    }
}
