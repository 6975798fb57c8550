import Foundation
import Testing
import TestSupport

/// Logging in to a hub from the command line, against a basic-auth hub (`BasicAuthHub`):
/// missing and wrong credentials are different messages and exit codes (3 and 4), the
/// environment's credentials work, and at a terminal the tool asks without echo.
@Suite(.serialized) struct LoginCommandTests {
    init() { IsolatedGit.setUp() }

    /// A province whose hub is served over HTTP with basic auth, and a district whose
    /// parent is that hub's URL (without credentials).
    func setUp() throws -> (dir: TemporaryDirectory, server: BasicAuthHub, district: String) {
        let dir = try TemporaryDirectory()
        func tool(_ arguments: [String], in folder: String) throws {
            let result = try Tool.run(arguments, in: folder)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        try tool(["init", "daklak", "--unit", "daklak", "--name", "Tỉnh", "--level", "province", "--hub", "hubs/daklak.git"], in: dir.path)
        try "indicator,measure,target,rule\nDVC-ONLINE,percent,50,uplift:5\n".write(toFile: dir.appending("t.csv"), atomically: true, encoding: .utf8)
        try tool(["import", "targets", "../t.csv", "--year", "2024"], in: dir.appending("daklak"))
        try tool(["child", "add", "buon-don", "--name", "Huyện", "--level", "district"], in: dir.appending("daklak"))
        try tool(["publish"], in: dir.appending("daklak"))
        let server = try BasicAuthHub(root: dir.appending("hubs"), user: "buon-don", password: "T0ken-42")
        try tool(["init", "buon-don", "--unit", "buon-don", "--name", "Huyện", "--level", "district", "--parent-id", "daklak",
                  "--parent", server.url("daklak.git")], in: dir.path)
        return (dir, server, dir.appending("buon-don"))
    }

    @Test func missingAndWrongCredentialsAreToldApart() throws {
        let (dir, server, district) = try setUp()
        defer { withExtendedLifetime(dir) {} }
        let missing = try Tool.run(["pull"], in: district)
        #expect(missing.status == 3, "\(missing.stderr)")
        #expect(missing.stderr.contains("\(server.url("daklak.git")) asks for a user name and password"), "\(missing.stderr)")
        #expect(missing.stderr.contains("PLANCASCADE_USERNAME and PLANCASCADE_PASSWORD"))
        #expect(missing.stderr.contains("credential.helper"))

        let wrong = try Tool.run(["pull"], in: district, environment: ["PLANCASCADE_USERNAME": "buon-don", "PLANCASCADE_PASSWORD": "0ld-Pa55"])
        #expect(wrong.status == 4, "\(wrong.stderr)")
        #expect(wrong.stderr.contains("refused the credentials of buon-don"), "\(wrong.stderr)")
        #expect(!wrong.stderr.contains("0ld-Pa55"))
        #expect(server.requests.filter { $0.hasPrefix("bad") }.count == 1, "tried once, not in a loop: \(server.requests)")

        let vietnamese = try Tool.run(["--lang", "vi", "pull"], in: district)
        #expect(vietnamese.status == 3)
        #expect(vietnamese.stderr.contains("yêu cầu tên đăng nhập và mật khẩu"), "\(vietnamese.stderr)")

        let right = try Tool.run(["pull"], in: district, environment: ["PLANCASCADE_USERNAME": "buon-don", "PLANCASCADE_PASSWORD": "T0ken-42"])
        #expect(right.status == 0, "\(right.stderr)")
        let report = try Tool.run(["report", "2024-Q3", "DVC-ONLINE=40/100"], in: district)
        #expect(report.status == 0, "\(report.stderr)")
        // The push to the parent's hub logs in the same way (chunked HTTP push).
        let pushed = try Tool.run(["push"], in: district, environment: ["PLANCASCADE_USERNAME": "buon-don", "PLANCASCADE_PASSWORD": "T0ken-42"])
        #expect(pushed.status == 0, "\(pushed.stderr)")
        #expect(try Command.git(["--git-dir", server.root + "/daklak.git", "rev-parse", "refs/children/buon-don/main"]).succeeded)
    }

    @Test func credentialsInTheHubURLServeThatCommandAndAreNotKept() throws {
        let (dir, server, _) = try setUp()
        #expect(try Command.git(["init", "-q", "--bare", server.root + "/ea-sup.git"]).succeeded)
        let given = server.url("ea-sup.git", userinfo: "buon-don:T0ken-42")
        let made = try Tool.run(["init", "ea-sup", "--unit", "ea-sup", "--name", "Huyện Ea Súp", "--level", "district", "--hub", given], in: dir.path)
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stdout.contains("buon-don:***@127.0.0.1"), "\(made.stdout)")
        #expect(!(made.stdout + made.stderr).contains("T0ken-42"))
        #expect(try Command.git(["--git-dir", server.root + "/ea-sup.git", "rev-parse", "refs/heads/main"]).succeeded, "pushed with the URL's credentials")
        let config = try String(contentsOfFile: dir.appending("ea-sup/.git/config"), encoding: .utf8)
        #expect(config.contains("url = \(server.url("ea-sup.git"))\n"), "\(config)")
        #expect(!config.contains("T0ken-42"))
        // The next command has them no more: no helper, no variables, no terminal.
        let later = try Tool.run(["push"], in: dir.appending("ea-sup"))
        #expect(later.status == 3, "\(later.stderr)")
    }

    @Test func atATerminalItAsksWithoutEcho() throws {
        let (dir, server, district) = try setUp()
        defer { withExtendedLifetime(server) {} }
        let script = dir.appending("terminal.py")
        try #"""
        import os, pty, sys
        tool, folder = sys.argv[1], sys.argv[2]
        env = dict(os.environ)
        env.pop('GIT_TERMINAL_PROMPT', None)
        pid, fd = pty.fork()
        if pid == 0:
            os.chdir(folder)
            os.execve(tool, [tool, 'pull'], env)
        seen = b''
        def until(marker):
            global seen
            while marker not in seen:
                try:
                    chunk = os.read(fd, 1024)
                except OSError:
                    chunk = b''
                if not chunk:
                    raise SystemExit('no prompt %r in %r' % (marker, seen))
                seen += chunk
        until(b'Username for')
        os.write(fd, b'buon-don\n')
        until(b'Password for')
        os.write(fd, b'T0ken-42\n')
        while True:
            try:
                chunk = os.read(fd, 1024)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
        _, status = os.waitpid(pid, 0)
        sys.stdout.write(seen.decode('utf-8', 'replace'))
        sys.stdout.write('\nEXIT %d\n' % os.waitstatus_to_exitcode(status))
        """#.write(toFile: script, atomically: true, encoding: .utf8)
        let result = try Command.run("/usr/bin/python3", [script, Tool.path, district], environment: IsolatedGit.environment())
        #expect(result.stdout.contains("EXIT 0"), "\(result.stdout) \(result.stderr)")
        #expect(result.stdout.contains("buon-don"), "the user name is echoed")
        #expect(!result.stdout.contains("T0ken-42"), "the password is not echoed: \(result.stdout)")
    }
}
