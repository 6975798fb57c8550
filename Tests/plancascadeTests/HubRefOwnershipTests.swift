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
}
