import Foundation

/// One of git's credential helpers (`credential.helper`), spoken to with git's credential
/// protocol (gitcredentials(7), git-credential(1)): `get`, then `store` when the server
/// accepted what was given, `erase` when it refused it.
///
/// The helper is named as git names it: `store` (with arguments: `store --file=…`) runs
/// `git credential-store`; an absolute path runs that program; `!…` runs the rest as a shell
/// command. Each runs through `/bin/sh -c`, with the action appended, as git runs it.
public struct CredentialHelper: Equatable, Sendable {
    /// The configured value, as written after `credential.helper =`.
    public let configured: String

    public init(_ configured: String) {
        self.configured = configured
    }

    /// What a helper is asked about and what it answers: `protocol`, `host` (with a
    /// non-default port), `path`, `username`, `password`.
    public struct Description: Equatable, Sendable {
        public var scheme: String
        public var host: String
        public var path: String?
        public var username: String?
        public var password: String?

        public init(scheme: String, host: String, path: String? = nil, username: String? = nil, password: String? = nil) {
            self.scheme = scheme
            self.host = host
            self.path = path
            self.username = username
            self.password = password
        }

        /// The protocol's `key=value` lines, ended by a blank line. Values with a newline or
        /// NUL cannot be said in the protocol and are left out (git refuses them too).
        var protocolText: String {
            var lines = ["protocol=\(scheme)", "host=\(host)"]
            if let path { lines.append("path=\(path)") }
            if let username { lines.append("username=\(username)") }
            if let password { lines.append("password=\(password)") }
            return lines.filter { !$0.contains("\n") && !$0.contains("\0") }.joined(separator: "\n") + "\n\n"
        }
    }

    /// The helper's answer to `get`.
    public struct Answer: Equatable, Sendable {
        public var username: String?
        public var password: String?
        /// `quit=true`: no other helper is asked and nothing is prompted.
        public var quit: Bool
    }

    /// The shell command git runs for `action` (`get`, `store`, `erase`).
    public func command(for action: String) -> String {
        if configured.hasPrefix("!") { return String(configured.dropFirst()) + " " + action }
        if configured.hasPrefix("/") { return configured + " " + action }
        return "git credential-" + configured + " " + action
    }

    /// Asks the helper for credentials; nil when it could not run or said nothing useful.
    /// - Parameter directory: where the helper runs (the repository's folder, as with git).
    public func get(_ description: Description, in directory: String?) -> Answer? {
        guard let output = run("get", input: description.protocolText, in: directory) else { return nil }
        var answer = Answer(username: nil, password: nil, quit: false)
        for line in output.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.isEmpty { break }
            guard let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals], value = String(line[line.index(after: equals)...])
            switch key {
            case "username": answer.username = value
            case "password": answer.password = value
            case "quit": answer.quit = ["1", "true", "yes", "on"].contains(value.lowercased())
            default: continue
            }
        }
        return answer
    }

    /// Tells the helper the server accepted `description` (with its username and password).
    public func store(_ description: Description, in directory: String?) {
        _ = run("store", input: description.protocolText, in: directory)
    }

    /// Tells the helper the server refused `description`, so it forgets it.
    public func erase(_ description: Description, in directory: String?) {
        _ = run("erase", input: description.protocolText, in: directory)
    }

    /// Runs the helper's command for `action` with `input` on its standard input; its
    /// standard output, nil when it could not start or failed. Its standard error (a
    /// helper's own prompt or complaint) goes to ours, as with git.
    private func run(_ action: String, input: String, in directory: String?) -> String? {
        let folder = directory.flatMap { FileManager.default.fileExists(atPath: $0) ? $0 : nil }
        // A helper may exit without reading (store/erase of a read-only helper): ChildProcess
        // then sees EPIPE, not a signal.
        guard let outcome = try? ChildProcess.run("/bin/sh", ["-c", command(for: action)], in: folder, input: Array(input.utf8), stderr: .inherit),
              outcome.status == 0 else { return nil }
        return String(decoding: outcome.stdout, as: UTF8.self)
    }
}
