import Foundation
import Testing
import TestSupport

/// The servers the real-server tests use, proven with the plain git CLI first: clone and
/// push with credentials from git's `store` helper (HTTP, HTTPS with the test's CA) or an
/// SSH key with `known_hosts` from `ssh-keyscan`, the pre-receive hook seeing the
/// authenticated account, and refusals for a wrong password, no password, an unknown key
/// and a CA nobody configured.
@Suite struct GitServerFixtureTests {
    static let http = Result { try HTTPGitServer() }
    static let ssh = Result { try SSHGitServer() }

    init() { IsolatedGit.setUp() }

    /// A hub with a pre-receive hook that prints who the server says is pushing, and the
    /// names of any variable holding the client's password.
    func makeHub(_ path: String) throws {
        #expect(try Command.git(["init", "-q", "--bare", "-b", "main", path]).succeeded)
        let hook = path + "/hooks/pre-receive"
        try """
            #!/bin/sh
            echo "pusher=${REMOTE_USER:-}${PLANCASCADE_PUSHER:-}"
            env | grep -q 'Basic ' && echo "an Authorization header reached the hook"
            exit 0

            """.write(toFile: hook, atomically: true, encoding: .utf8)
        #expect(chmod(hook, 0o755) == 0)
    }

    /// Commits one file in a new repository at `folder`.
    func commit(in folder: String, as clerk: Clerk) throws {
        #expect(try clerk.git(["init", "-q", "-b", "main", folder]).succeeded)
        try "xin chào\n".write(toFile: folder + "/a.txt", atomically: true, encoding: .utf8)
        #expect(try clerk.git(["add", "a.txt"], in: folder).succeeded)
        #expect(try clerk.git(["commit", "-q", "-m", "one"], in: folder).succeeded)
    }

    @Test func httpAndHTTPSWithBasicAuthAndACredentialHelper() throws {
        let server = try requiredServer(Self.http)
        let dir = try TemporaryDirectory("fixture-http")
        let hub = "fixture-\(UUID().uuidString.prefix(6)).git"
        try makeHub(server.root + "/" + hub)
        let password = "mk-\(UUID().uuidString.prefix(12))"
        try server.addAccount("vanthu.eanuol", password: password)

        let clerk = try Clerk("clerk", name: "Văn thư Ea Nuôl", in: dir.path)
        try clerk.storeCredentials(for: server.httpURL(hub), user: "vanthu.eanuol", password: password)
        try commit(in: dir.appending("work"), as: clerk)
        let pushed = try clerk.git(["push", server.httpURL(hub), "main"], in: dir.appending("work"))
        #expect(pushed.succeeded, "\(pushed.stderr)\n\(server.logs)")
        #expect(pushed.stderr.contains("remote: pusher=vanthu.eanuol"), "\(pushed.stderr)")
        #expect(!pushed.stderr.contains("Authorization header"), "\(pushed.stderr)")

        // HTTPS: refused without the CA, accepted with it from GIT_SSL_CAINFO or http.sslCAInfo.
        try clerk.storeCredentials(for: server.httpsURL(hub), user: "vanthu.eanuol", password: password)
        let untrusted = try clerk.git(["clone", "-q", server.httpsURL(hub), dir.appending("untrusted")])
        #expect(!untrusted.succeeded)
        #expect(untrusted.stderr.contains("certificate"), "\(untrusted.stderr)")
        clerk.set("GIT_SSL_CAINFO", server.caFile)
        let viaEnvironment = try clerk.git(["clone", "-q", server.httpsURL(hub), dir.appending("https-env")])
        #expect(viaEnvironment.succeeded, "\(viaEnvironment.stderr)\n\(server.logs)")
        clerk.set("GIT_SSL_CAINFO", nil)
        try clerk.configure("http.sslCAInfo", server.caFile)
        let viaConfig = try clerk.git(["clone", "-q", server.httpsURL(hub), dir.appending("https-config")])
        #expect(viaConfig.succeeded, "\(viaConfig.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.appending("https-config/a.txt")))
        try "2\n".write(toFile: dir.appending("https-config/b.txt"), atomically: true, encoding: .utf8)
        #expect(try clerk.git(["add", "b.txt"], in: dir.appending("https-config")).succeeded)
        #expect(try clerk.git(["commit", "-q", "-m", "two"], in: dir.appending("https-config")).succeeded)
        let overHTTPS = try clerk.git(["push", "-q", "origin", "main"], in: dir.appending("https-config"))
        #expect(overHTTPS.succeeded, "\(overHTTPS.stderr)")
        #expect(overHTTPS.stderr.contains("pusher=vanthu.eanuol"), "\(overHTTPS.stderr)")

        // Wrong and missing passwords are refused by the server.
        let stranger = try Clerk("stranger", name: "Người lạ", in: dir.path)
        try stranger.storeCredentials(for: server.httpURL(hub), user: "vanthu.eanuol", password: "wrong-\(password)")
        let wrong = try stranger.git(["clone", "-q", server.httpURL(hub), dir.appending("wrong")])
        #expect(!wrong.succeeded)
        #expect(wrong.stderr.contains("Authentication failed"), "\(wrong.stderr)")
        let nobody = try Clerk("nobody", name: "Không ai", in: dir.path)
        let missing = try nobody.git(["clone", "-q", server.httpURL(hub), dir.appending("missing")])
        #expect(!missing.succeeded)
        #expect(missing.stderr.contains("could not read Username") || missing.stderr.contains("terminal prompts disabled"), "\(missing.stderr)")
        #expect(!FileManager.default.fileExists(atPath: dir.appending("missing/a.txt")))
    }

    @Test func sshWithKeyLoginAndKnownHostsFromKeyscan() throws {
        let server = try requiredServer(Self.ssh)
        let dir = try TemporaryDirectory("fixture-ssh")
        let hub = "fixture-\(UUID().uuidString.prefix(6)).git"
        try makeHub(server.root + "/" + hub)

        let clerk = try Clerk("clerk", name: "Văn thư Ea Nuôl", in: dir.path)
        try server.authorize(publicKey: try clerk.makeSSHKey(knownHosts: server.knownHosts), account: "vanthu.eanuol")
        try commit(in: dir.appending("work"), as: clerk)
        let pushed = try clerk.git(["push", server.url(hub), "main"], in: dir.appending("work"))
        #expect(pushed.succeeded, "\(pushed.stderr)\n\(server.logs)")
        #expect(pushed.stderr.contains("remote: pusher=vanthu.eanuol"), "\(pushed.stderr)")
        let cloned = try clerk.git(["clone", "-q", server.url(hub), dir.appending("clone")])
        #expect(cloned.succeeded, "\(cloned.stderr)")
        #expect(FileManager.default.fileExists(atPath: dir.appending("clone/a.txt")))

        // The forced command allows git and nothing else.
        let shell = try Command.run("ssh", ["-F", "/dev/null", "-o", "BatchMode=yes", "-o", "IdentitiesOnly=yes",
                                            "-o", "UserKnownHostsFile=\(clerk.home)/.ssh/known_hosts", "-i", "\(clerk.home)/.ssh/id_ed25519",
                                            "-p", "\(server.port)", "\(server.user)@127.0.0.1", "cat /etc/hostname"], environment: clerk.environment)
        #expect(!shell.succeeded, "\(shell.stdout)")

        // A key the server does not know, and a host key nobody trusted, are refused.
        let stranger = try Clerk("stranger", name: "Người lạ", in: dir.path)
        try stranger.makeSSHKey(knownHosts: server.knownHosts)
        let unknownKey = try stranger.git(["clone", "-q", server.url(hub), dir.appending("unknown-key")])
        #expect(!unknownKey.succeeded)
        #expect(unknownKey.stderr.contains("Permission denied"), "\(unknownKey.stderr)")
        let untrusting = try Clerk("untrusting", name: "Văn thư mới", in: dir.path)
        try server.authorize(publicKey: try untrusting.makeSSHKey(knownHosts: ""), account: "vanthu.eanuol")
        let unknownHost = try untrusting.git(["clone", "-q", server.url(hub), dir.appending("unknown-host")])
        #expect(!unknownHost.succeeded)
        #expect(unknownHost.stderr.contains("Host key verification failed"), "\(unknownHost.stderr)")
    }

    @Test func gitDaemonServesAndAcceptsPushes() throws {
        let dir = try TemporaryDirectory("fixture-daemon")
        try makeHub(dir.appending("hubs/h.git"))
        let daemon = try GitDaemon(basePath: dir.appending("hubs"))
        let clerk = try Clerk("clerk", name: "Văn thư", in: dir.path)
        try commit(in: dir.appending("work"), as: clerk)
        let pushed = try clerk.git(["push", daemon.url("h.git"), "main"], in: dir.appending("work"))
        #expect(pushed.succeeded, "\(pushed.stderr)")
        #expect(pushed.stderr.contains("remote: pusher=\n") || pushed.stderr.contains("remote: pusher= "), "nobody is authenticated: \(pushed.stderr)")
        #expect(try clerk.git(["clone", "-q", daemon.url("h.git"), dir.appending("clone")]).succeeded)
    }

    /// The watchdog: a server whose owner forgets it is still stopped with its process group.
    @Test func aReleasedServerLeavesNoProcess() throws {
        let dir = try TemporaryDirectory("fixture-watchdog")
        var server: ServerProcess? = try ServerProcess(["/bin/sleep", "600"], environment: ["PATH": "/usr/bin:/bin"],
                                                        directory: dir.path, log: dir.appending("log"))
        #expect(server?.isRunning == true)
        let group = try #require(server?.processGroup)
        #expect(kill(-group, 0) == 0, "the group runs")
        server = nil
        // Killed processes may linger a moment as zombies until their new parent reaps them.
        let deadline = Date().addingTimeInterval(5)
        while kill(-group, 0) == 0, Date() < deadline { usleep(20_000) }
        #expect(kill(-group, 0) == -1 && errno == ESRCH, "the group is gone")
    }

    /// A server that is not installed is named with its Debian package; where servers are
    /// required (CI) the error reaches the test, which fails.
    @Test func aMissingServerNamesItsPackage() throws {
        #expect(throws: MissingServer.self) { try MissingServer.check([("/nonexistent/sbin/nginx", "nginx")]) }
        do {
            try MissingServer.check([("/bin/sh", "dash"), ("/nonexistent/sbin/sshd", "openssh-server")])
        } catch let missing as MissingServer {
            #expect(missing.description.contains("apt-get install openssh-server"), "\(missing)")
        }
        if MissingServer.required {
            let failed = Result<Int, any Error>.failure(MissingServer(program: "/nonexistent/sbin/nginx", package: "nginx"))
            #expect(throws: MissingServer.self) { _ = try requiredServer(failed) }
        }
    }
}
