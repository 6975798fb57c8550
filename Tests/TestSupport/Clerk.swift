import Foundation

/// One person at one machine: a HOME of their own (git configuration, credential store,
/// `~/.ssh`), an identity, and the environment every `plancascade` and `git` they run gets.
/// Nothing of the test machine's own credentials, agents or CA settings leaks in.
public final class Clerk: @unchecked Sendable {
    public let home: String
    public let name: String
    private var extra: [String: String] = [:]
    /// Every output of every command this clerk ran, to search for leaked secrets.
    public private(set) var transcript: [String] = []
    private let lock = NSLock()

    /// - Parameters:
    ///   - folder: a folder of the test's; the clerk's HOME is `folder/<label>-home`.
    public init(_ label: String, name: String, in folder: String) throws {
        home = folder + "/\(label)-home"
        self.name = name
        try FileManager.default.createDirectory(atPath: home + "/.ssh", withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        FileManager.default.createFile(atPath: home + "/.gitconfig", contents: nil)
    }

    /// The environment of this clerk's commands: isolated from the machine (no system
    /// config, no agent, no CA override), HOME and the global config in the clerk's HOME.
    public var environment: [String: String] {
        var env = IsolatedGit.environment()
        for variable in ["GIT_SSL_CAINFO", "GIT_SSL_CAPATH", "GIT_SSL_NO_VERIFY", "SSH_AUTH_SOCK", "SSH_AGENT_PID", "GIT_SSH",
                         "GIT_SSH_COMMAND", "GIT_ASKPASS", "SSH_ASKPASS", "PLANCASCADE_USERNAME", "PLANCASCADE_PASSWORD",
                         "PLANCASCADE_PUSHER", "REMOTE_USER", "http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"] {
            env[variable] = nil
        }
        env["HOME"] = home
        env["XDG_CONFIG_HOME"] = home + "/.config"
        env["GIT_CONFIG_GLOBAL"] = home + "/.gitconfig"
        env["GIT_AUTHOR_NAME"] = name
        env["GIT_COMMITTER_NAME"] = name
        env["GIT_TERMINAL_PROMPT"] = "0"
        lock.lock()
        defer { lock.unlock() }
        for (key, value) in extra { env[key] = value }
        return env
    }

    /// Sets (or with nil, removes) a variable for every later command.
    public func set(_ variable: String, _ value: String?) {
        lock.lock()
        defer { lock.unlock() }
        extra[variable] = value
    }

    /// `git config --global key value` in the clerk's HOME.
    public func configure(_ key: String, _ value: String) throws {
        let result = try git(["config", "--global", key, value])
        guard result.succeeded else { throw ServerDidNotStart(server: "git config \(key)", log: result.stderr) }
    }

    /// Uses git's `store` helper with a store file in HOME and puts `password` for `url` in it
    /// (`git credential approve`, as git does after a first successful login).
    public func storeCredentials(for url: String, user: String, password: String) throws {
        try configure("credential.helper", "store --file=\(home)/.git-credentials")
        guard let parsed = URLComponents(string: url), let scheme = parsed.scheme, let host = parsed.host else {
            throw ServerDidNotStart(server: "credential url \(url)", log: "")
        }
        let hostPort = parsed.port.map { "\(host):\($0)" } ?? host
        let input = "protocol=\(scheme)\nhost=\(hostPort)\nusername=\(user)\npassword=\(password)\n\n"
        let result = try Command.run("git", ["credential", "approve"], environment: environment, input: input)
        guard result.succeeded else { throw ServerDidNotStart(server: "git credential approve", log: result.stderr) }
    }

    /// Gives the clerk an ed25519 key (`~/.ssh/id_ed25519`) and the server's host keys in
    /// `~/.ssh/known_hosts`; returns the public key. `git` itself is pointed at them with
    /// `core.sshCommand`, since OpenSSH's client reads the passwd entry's home, not HOME.
    @discardableResult
    public func makeSSHKey(knownHosts: String) throws -> String {
        let key = home + "/.ssh/id_ed25519"
        let publicKey = try SSHGitServer.makeKey(at: key, comment: name)
        try knownHosts.write(toFile: home + "/.ssh/known_hosts", atomically: true, encoding: .utf8)
        try configure("core.sshCommand", "ssh -F /dev/null -o BatchMode=yes -o IdentitiesOnly=yes -o StrictHostKeyChecking=yes "
                      + "-o UserKnownHostsFile=\(home)/.ssh/known_hosts -i \(key)")
        return publicKey
    }

    /// Runs `plancascade arguments…` in `directory` as this clerk.
    @discardableResult
    public func tool(_ arguments: [String], in directory: String) throws -> CommandResult {
        record(try Command.run(Tool.path, arguments, in: directory, environment: environment))
    }

    /// Runs `git arguments…` as this clerk.
    @discardableResult
    public func git(_ arguments: [String], in directory: String? = nil) throws -> CommandResult {
        record(try Command.run("git", arguments, in: directory, environment: environment))
    }

    private func record(_ result: CommandResult) -> CommandResult {
        lock.lock()
        defer { lock.unlock() }
        transcript.append(result.stdout + result.stderr)
        return result
    }
}
