import Foundation

/// OpenSSH's sshd on 127.0.0.1 at a free port, run as the current user with host keys of its
/// own (ed25519, ecdsa and rsa), key login only (no passwords, no PAM), and an
/// `authorized_keys` in its temporary folder. Every key is tied to an account name the way
/// gitolite and Gitea do it: a forced command, `env PLANCASCADE_PUSHER=<account> git-shell
/// -c "$SSH_ORIGINAL_COMMAND"`, so a key can run git-upload-pack and git-receive-pack and
/// nothing else, and the hub's pre-receive hook learns who pushes.
///
/// Hubs are reached as `ssh://USER@127.0.0.1:PORT/<absolute path>`. sshd runs under a
/// `ServerProcess` watchdog and is killed when this object is released or the test dies.
public final class SSHGitServer: @unchecked Sendable {
    public static let sshd = "/usr/sbin/sshd"
    public static let keygen = "/usr/bin/ssh-keygen"
    public static let keyscan = "/usr/bin/ssh-keyscan"
    public static let gitShell = "/usr/bin/git-shell"

    public let directory: TemporaryDirectory
    /// Where tests put their hubs (any absolute path works).
    public let root: String
    public let port: Int
    /// The account sshd logs everyone in as: the user running the tests.
    public let user: String
    /// The `known_hosts` lines of this server, one per host key type, as `ssh-keyscan` gives them.
    public let knownHosts: String
    private let authorizedKeys: String
    private let server: ServerProcess
    private let lock = NSLock()

    /// `ssh://USER@127.0.0.1:PORT<absolute path of root/hub>`.
    public func url(_ hub: String) -> String { "ssh://\(user)@127.0.0.1:\(port)\(root)/\(hub)" }

    public init() throws {
        try MissingServer.check([(Self.sshd, "openssh-server"), (Self.keygen, "openssh-client"), (Self.keyscan, "openssh-client"),
                                 (Self.gitShell, "git")])
        let directory = try TemporaryDirectory("plancascade-ssh")
        let base = directory.path
        for folder in ["hubs", "home"] {
            try FileManager.default.createDirectory(atPath: base + "/" + folder, withIntermediateDirectories: true)
        }
        root = base + "/hubs"
        authorizedKeys = base + "/authorized_keys"
        FileManager.default.createFile(atPath: authorizedKeys, contents: nil)
        user = String(cString: getpwuid(geteuid()).pointee.pw_name)
        for (type, bits) in [("ed25519", []), ("ecdsa", ["-b", "256"]), ("rsa", ["-b", "2048"])] {
            try runChecked(Self.keygen, ["-q", "-t", type] + bits + ["-N", "", "-C", "plancascade-test-host", "-f", base + "/host_\(type)"])
        }
        // Run as root, sshd insists on its privilege-separation folder (Debian's ssh.service
        // creates it at boot).
        if geteuid() == 0 { try? FileManager.default.createDirectory(atPath: "/run/sshd", withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755]) }

        var started: (ServerProcess, Int)?
        var lastLog = ""
        for _ in 0..<5 {
            let port = try GitDaemon.freePort()
            let configuration = base + "/sshd_config"
            try Self.configuration(base: base, port: port, user: user, authorizedKeys: authorizedKeys)
                .write(toFile: configuration, atomically: true, encoding: .utf8)
            let server = try ServerProcess([Self.sshd, "-D", "-e", "-f", configuration],
                                           environment: serverEnvironment(home: base + "/home"), directory: base, log: base + "/sshd.log")
            if server.waitForPort(port) {
                started = (server, port)
                break
            }
            lastLog = server.output
            server.stop()
        }
        guard let (server, port) = started else { throw ServerDidNotStart(server: "sshd", log: lastLog) }
        self.server = server
        self.port = port
        let scan = try Command.run(Self.keyscan, ["-p", "\(port)", "-t", "rsa,ecdsa,ed25519", "127.0.0.1"])
        knownHosts = scan.stdout
        self.directory = directory
        guard ["ssh-ed25519", "ecdsa-sha2-nistp256", "ssh-rsa"].allSatisfy({ knownHosts.contains($0) }) else {
            throw ServerDidNotStart(server: "ssh-keyscan", log: scan.stdout + scan.stderr + server.output)
        }
    }

    deinit { server.stop() }

    /// The sshd configuration: what an administrator writes for a git account (README's),
    /// plus the test folder's port, host keys and pid file.
    static func configuration(base: String, port: Int, user: String, authorizedKeys: String) -> String {
        """
        ListenAddress 127.0.0.1
        Port \(port)
        HostKey \(base)/host_ed25519
        HostKey \(base)/host_ecdsa
        HostKey \(base)/host_rsa
        PidFile \(base)/sshd.pid

        # Keys only; each key's line in authorized_keys names its account (a forced command).
        AllowUsers \(user)
        AuthorizedKeysFile \(authorizedKeys)
        PubkeyAuthentication yes
        PasswordAuthentication no
        KbdInteractiveAuthentication no
        UsePAM no
        PermitRootLogin prohibit-password
        DisableForwarding yes
        PermitTTY no
        # The test's folder belongs to whoever runs the tests; a real git account's need not.
        StrictModes no
        LogLevel VERBOSE

        """
    }

    /// The `authorized_keys` line giving `publicKey` to `account`.
    public static func authorizedKeysLine(publicKey: String, account: String) -> String {
        "restrict,command=\"/usr/bin/env PLANCASCADE_PUSHER=\(account) /usr/bin/git-shell -c \\\"$SSH_ORIGINAL_COMMAND\\\"\" "
            + publicKey.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Lets `publicKey` in as `account`; sshd reads the file at every login.
    public func authorize(publicKey: String, account: String) throws {
        lock.lock()
        defer { lock.unlock() }
        let line = Self.authorizedKeysLine(publicKey: publicKey, account: account) + "\n"
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: authorizedKeys))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(line.utf8))
        try handle.close()
    }

    /// Makes an ed25519 key pair at `path` (and `path.pub`) and returns the public key.
    @discardableResult
    public static func makeKey(at path: String, comment: String, passphrase: String = "") throws -> String {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try runChecked(keygen, ["-q", "-t", "ed25519", "-N", passphrase, "-C", comment, "-f", path])
        return try String(contentsOfFile: path + ".pub", encoding: .utf8)
    }

    /// Creates an empty bare hub at `root/<relative>` with `main` as its default branch.
    @discardableResult
    public func createHub(_ relative: String) throws -> String {
        let path = root + "/" + relative
        try runChecked("git", ["init", "-q", "--bare", "-b", "main", path])
        return path
    }

    /// sshd's log, for a failing test's message.
    public var logs: String { server.output.split(separator: "\n").suffix(30).joined(separator: "\n") }
}
