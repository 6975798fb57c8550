import Foundation
@testable import Git
import Testing
import TestSupport

/// Logging in to a hub over HTTP with basic authentication, through a real server
/// (`BasicAuthHub`): git credential helpers (a logging script and git's own
/// `credential-store`), the environment, credentials given in the URL; missing and wrong
/// credentials are told apart and never loop.
@Suite(.serialized) struct CredentialTests {
    init() { IsolatedGit.setUp() }

    struct Setup {
        let dir: TemporaryDirectory
        let server: BasicAuthHub
        let clone: Repository
        let head: Oid
        var access: RemoteAccess { RemoteAccess(environment: ["HOME": dir.path], interactive: false) }
    }

    func setUp(user: String = "xa-bmt", password: String = "s3cret/with@odd:chars") throws -> Setup {
        let dir = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: dir.appending("hubs"), withIntermediateDirectories: true)
        let work = try Repository.create(at: dir.appending("work"), bare: false)
        _ = try Repository.create(at: dir.appending("hubs/hub.git"), bare: true)
        let head = try commitFiles(work, ["unit.json": "{\"id\": \"bmt\"}\n"], parent: nil)
        #expect(try work.push(to: .url(dir.appending("hubs/hub.git")), refspecs: ["refs/heads/main:refs/heads/main"]).allAccepted)
        let server = try BasicAuthHub(root: dir.appending("hubs"), user: user, password: password)
        let clone = try Repository.create(at: dir.appending("clone"), bare: false)
        return Setup(dir: dir, server: server, clone: clone, head: head)
    }

    /// A helper script that logs each call (action and the lines it was given) and answers
    /// `get` with `answer` (protocol lines).
    func helperScript(in setup: Setup, answer: String) throws -> (path: String, log: String) {
        let path = setup.dir.appending("helper.sh"), log = setup.dir.appending("helper.log")
        let script = """
            #!/bin/sh
            echo "action=$1" >> '\(log)'
            while IFS= read -r line && [ -n "$line" ]; do echo "$line" >> '\(log)'; done
            if [ "$1" = get ]; then printf '\(answer.replacingOccurrences(of: "\n", with: "\\n"))'; fi
            """
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return (path, log)
    }

    func lines(_ path: String) -> [String] {
        ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    @Test func aConfiguredHelperIsAskedThenToldToStore() throws {
        let setup = try setUp()
        let helper = try helperScript(in: setup, answer: "username=xa-bmt\npassword=s3cret/with@odd:chars\n")
        try setup.clone.setConfig("credential.helper", helper.path)
        try setup.clone.fetch(from: .url(setup.server.url("hub.git")), refspecs: ["+refs/heads/main:refs/remotes/hub/main"], access: setup.access)
        #expect(try setup.clone.referenceTarget("refs/remotes/hub/main") == setup.head)
        let log = lines(helper.log)
        #expect(log.first == "action=get")
        #expect(log.contains("protocol=http") && log.contains("host=127.0.0.1:\(setup.server.port)"))
        #expect(!log.contains { $0.hasPrefix("path=") }, "git sends no path for http unless credential.useHttpPath")
        #expect(log.filter { $0.hasPrefix("action=") } == ["action=get", "action=store"])
        let stored = log.drop { $0 != "action=store" }
        #expect(stored.contains("username=xa-bmt") && stored.contains("password=s3cret/with@odd:chars"))
    }

    @Test func wrongCredentialsFromAHelperAreErasedAndReportedAsRefusedWithoutLooping() throws {
        let setup = try setUp()
        let helper = try helperScript(in: setup, answer: "username=xa-bmt\npassword=wrong\n")
        try setup.clone.setConfig("credential.helper", "!'\(helper.path)'")
        let error = #expect(throws: RemoteAccessError.self) {
            try setup.clone.fetch(from: .url(setup.server.url("hub.git")), refspecs: ["+refs/heads/main:refs/remotes/hub/main"], access: setup.access)
        }
        guard case .credentialsRejected(let url, let user, let tried)? = error else {
            Issue.record("expected credentialsRejected, got \(String(describing: error))")
            return
        }
        #expect(url == setup.server.url("hub.git"))
        #expect(user == "xa-bmt")
        #expect(tried.first == CredentialAttempt(source: .helper, detail: "!'\(helper.path)'", outcome: .rejected))
        #expect(lines(helper.log).filter { $0.hasPrefix("action=") } == ["action=get", "action=erase"])
        // One request without credentials, one with the helper's: then it stopped.
        #expect(setup.server.requests.count <= 3, "\(setup.server.requests)")
        #expect(setup.server.requests.filter { $0.hasPrefix("bad") }.count == 1)
    }

    @Test func noCredentialsAtAllIsItsOwnError() throws {
        let setup = try setUp()
        let error = #expect(throws: RemoteAccessError.self) {
            try setup.clone.fetch(from: .url(setup.server.url("hub.git")), refspecs: ["+refs/heads/main:refs/remotes/hub/main"], access: setup.access)
        }
        guard case .noCredentials(let url, let ssh, let tried)? = error else {
            Issue.record("expected noCredentials, got \(String(describing: error))")
            return
        }
        #expect(url == setup.server.url("hub.git") && !ssh)
        #expect(tried.map(\.source) == [.environment, .prompt])
        #expect(tried.allSatisfy { $0.outcome == .unavailable })
        #expect(!setup.server.requests.contains { $0.hasPrefix("bad") })
    }

    @Test func environmentCredentialsLogInAndAreNotStored() throws {
        let setup = try setUp()
        let helper = try helperScript(in: setup, answer: "")
        try setup.clone.setConfig("credential.helper", helper.path)
        let access = RemoteAccess(
            environment: ["HOME": setup.dir.path, "PLANCASCADE_USERNAME": "xa-bmt", "PLANCASCADE_PASSWORD": "s3cret/with@odd:chars"],
            interactive: false)
        try setup.clone.fetch(from: .url(setup.server.url("hub.git")), refspecs: ["+refs/heads/main:refs/remotes/hub/main"], access: access)
        #expect(try setup.clone.referenceTarget("refs/remotes/hub/main") == setup.head)
        // The helper was asked first (it had nothing); a script's variables are not stored.
        #expect(lines(helper.log).filter { $0.hasPrefix("action=") } == ["action=get"])
    }

    @Test func wrongEnvironmentCredentialsAreRefusedNotMissing() throws {
        let setup = try setUp()
        let access = RemoteAccess(environment: ["HOME": setup.dir.path, "PLANCASCADE_USERNAME": "xa-bmt", "PLANCASCADE_PASSWORD": "nope"], interactive: false)
        let error = #expect(throws: RemoteAccessError.self) {
            try setup.clone.fetch(from: .url(setup.server.url("hub.git")), refspecs: ["+refs/heads/main:refs/remotes/hub/main"], access: access)
        }
        #expect(error.map { if case .credentialsRejected = $0 { true } else { false } } == true, "\(String(describing: error))")
    }

    @Test func credentialsInTheURLAreUsedForThatCommandAndHandedToGitsCredentialStore() throws {
        let setup = try setUp()
        let store = setup.dir.appending("credentials-store")
        try setup.clone.setConfig("credential.helper", "store --file='\(store)'")
        let secret = "s3cret/with@odd:chars"
        let given = setup.server.url("hub.git", userinfo: "xa-bmt:" + secret)
        try setup.clone.addRemote("hub", url: given)
        try setup.clone.fetch(from: .named("hub"), refspecs: ["+refs/heads/main:refs/remotes/hub/main"], access: setup.access)
        #expect(try setup.clone.referenceTarget("refs/remotes/hub/main") == setup.head)
        // The configuration no longer holds the password; git's own store does, mode 0600.
        #expect(try setup.clone.remoteURL("hub") == setup.server.url("hub.git"))
        let config = try String(contentsOfFile: setup.clone.gitDirectory + "config", encoding: .utf8)
        #expect(!config.contains("s3cret"))
        let kept = try String(contentsOfFile: store, encoding: .utf8)
        #expect(kept.lowercased().contains("xa-bmt:s3cret%2fwith%40odd%3achars@127.0.0.1"), "\(kept)")
        // A second fetch with nothing in the URL logs in through git credential-store.
        try setup.clone.fetch(from: .named("hub"), refspecs: ["+refs/heads/main:refs/remotes/again/main"], access: setup.access)
        #expect(try setup.clone.referenceTarget("refs/remotes/again/main") == setup.head)
        // And git itself reads the same store (a second clerk's `git fetch` works unchanged).
        let fetched = try Command.run(
            "/usr/bin/git", ["-c", "credential.helper=store --file=\(store)", "ls-remote", setup.server.url("hub.git")],
            environment: IsolatedGit.environment())
        #expect(fetched.stdout.contains(setup.head.hex), "\(fetched.stderr)")
    }

    @Test func pushLogsInThroughTheHelperToo() throws {
        let setup = try setUp()
        let helper = try helperScript(in: setup, answer: "username=xa-bmt\npassword=s3cret/with@odd:chars\n")
        try setup.clone.setConfig("credential.helper", helper.path)
        let head = try commitFiles(setup.clone, ["unit.json": "{\"id\": \"ntl\"}\n"], parent: nil)
        let report = try setup.clone.push(to: .url(setup.server.url("hub.git")), refspecs: ["refs/heads/main:refs/children/ntl/main"], access: setup.access)
        #expect(report.allAccepted, "\(report)")
        #expect(try Repository.open(at: setup.dir.appending("hubs/hub.git")).referenceTarget("refs/children/ntl/main") == head)
        #expect(lines(helper.log).filter { $0.hasPrefix("action=") }.last == "action=store")
    }

    @Test func libgit2NeverSeesThePasswordSoItsErrorsCannotRepeatIt() throws {
        let setup = try setUp()
        // A hub that is not there: libgit2's error names the URL it was given.
        let error = #expect(throws: (any Error).self) {
            try setup.clone.fetch(
                from: .url(setup.server.url("missing.git", userinfo: "xa-bmt:s3cret/with@odd:chars")),
                refspecs: ["+refs/heads/main:refs/remotes/hub/main"], access: setup.access)
        }
        #expect(!"\(String(describing: error))".contains("s3cret"))
    }
}
