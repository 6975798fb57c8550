import Foundation
import PlanStore
import Testing
import TestSupport

/// Credentials written into a hub URL are never printed, logged or committed.
@Suite struct CredentialCommandTests {
    init() { IsolatedGit.setUp() }

    @Test func redaction() {
        #expect(RemoteURL.redacted("https://pnv:s3cret@git.daklak.gov.vn/hubs/daklak.git") == "https://pnv:***@git.daklak.gov.vn/hubs/daklak.git")
        #expect(RemoteURL.redacted("https://ghp_token@host/x.git") == "https://***@host/x.git")
        #expect(RemoteURL.redacted("ssh://git@host/x.git") == "ssh://git@host/x.git")
        #expect(RemoteURL.redacted("git@host:x.git") == "git@host:x.git")
        #expect(RemoteURL.redacted("/srv/hubs/x.git") == "/srv/hubs/x.git")
        #expect(RemoteURL.redacted("https://host/a@b.git") == "https://host/a@b.git")
        #expect(RemoteURL.withoutCredentials("HTTPS://u:p@host/x") == "HTTPS://host/x")
    }

    @Test func aPasswordInTheParentURLNeverReachesOutputOrHistory() throws {
        let dir = try TemporaryDirectory()
        let secret = "s3cret-T0ken"
        let parent = "https://clerk:\(secret)@127.0.0.1:1/hubs/daklak.git"
        var outputs: [String] = []
        func run(_ arguments: [String], in folder: String) throws -> CommandResult {
            let result = try Tool.run(arguments, in: folder)
            outputs.append(result.stdout + result.stderr)
            return result
        }
        #expect(try run(["init", "ea-nuol", "--unit", "ea-nuol", "--name", "Xã Ea Nuôl", "--level", "commune",
                         "--parent", parent, "--hub", "hubs/ea-nuol.git"], in: dir.path).status == 0)
        let work = dir.appending("ea-nuol")
        #expect(try run(["pull"], in: work).status == 2)
        _ = try run(["report", "2024-Q3", "DVC-ONLINE=1/2"], in: work)
        #expect(try run(["push"], in: work).status == 2)
        _ = try run(["check", "--as-of", "2024-10-15"], in: work)
        _ = try run(["status"], in: work)
        for output in outputs { #expect(!output.contains(secret), "\(output)") }
        #expect(outputs.joined().contains("clerk:***@127.0.0.1"), "\(outputs)")
        let history = try Command.git(["log", "-p", "--all"], in: work)
        #expect(!history.stdout.contains(secret))
        #expect(history.stdout.contains("\"parentHub\": \"https://127.0.0.1:1/hubs/daklak.git\""), "\(history.stdout)")
    }
}
