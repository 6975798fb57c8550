import Foundation
import Testing
import TestSupport

/// How clerks reach the hubs in a real-server test.
enum Transport: String, CaseIterable, CustomStringConvertible, Sendable {
    /// nginx + git http-backend, basic auth.
    case http
    /// The same over HTTPS, the test's CA given by `GIT_SSL_CAINFO`.
    case httpsCAFromEnvironment
    /// The same over HTTPS, the test's CA given by `http.sslCAInfo` in the clerk's git config.
    case httpsCAFromConfig
    /// OpenSSH sshd, key login.
    case ssh
    /// `git daemon`: no accounts at all.
    case daemon

    var description: String { rawValue }
    var authenticates: Bool { self != .daemon }
    var isHTTP: Bool { self == .http || self == .httpsCAFromEnvironment || self == .httpsCAFromConfig }
}

/// Where a clerk's credentials come from.
enum CredentialSource: Sendable {
    /// git's `store` helper (`credential.helper`), filled the way git fills it.
    case helper
    /// `PLANCASCADE_USERNAME` and `PLANCASCADE_PASSWORD` (for HTTP; SSH always uses the key).
    case environment
}

/// One test's hubs on one shared server: a folder of its own under the server's root, the
/// accounts of its clerks (each with a fresh password or key), and the URLs to reach them.
final class RealServerSite: @unchecked Sendable {
    static let http = Result { try HTTPGitServer() }
    static let ssh = Result { try SSHGitServer() }

    let transport: Transport
    let dir: TemporaryDirectory
    /// This test's folder on the server.
    let hubFolder: String
    private let prefix: String
    private let httpServer: HTTPGitServer?
    private let sshServer: SSHGitServer?
    private var daemon: GitDaemon?
    /// Every secret handed out (passwords, private keys), to look for where none may be.
    private(set) var secrets: [String] = []
    private(set) var clerks: [Clerk] = []

    init(_ transport: Transport) throws {
        self.transport = transport
        dir = try TemporaryDirectory("real-\(transport)")
        prefix = "t-\(UUID().uuidString.prefix(8).lowercased())"
        switch transport {
        case .http, .httpsCAFromEnvironment, .httpsCAFromConfig:
            let server = try requiredServer(Self.http)
            httpServer = server; sshServer = nil; daemon = nil
            hubFolder = server.root + "/" + prefix
        case .ssh:
            let server = try requiredServer(Self.ssh)
            sshServer = server; httpServer = nil; daemon = nil
            hubFolder = server.root + "/" + prefix
        case .daemon:
            try FileManager.default.createDirectory(atPath: dir.appending("hubs/" + prefix), withIntermediateDirectories: true)
            daemon = try GitDaemon(basePath: dir.appending("hubs"), lifetime: 900)
            httpServer = nil; sshServer = nil
            hubFolder = dir.appending("hubs/" + prefix)
        }
        try FileManager.default.createDirectory(atPath: hubFolder, withIntermediateDirectories: true)
    }

    deinit {
        // The daemon first: it finds its pid file in the folder `dir` removes.
        daemon = nil
        try? FileManager.default.removeItem(atPath: hubFolder)
    }

    /// The URL of `unit`'s hub as its clerks type it.
    func url(_ unit: String) -> String {
        let hub = "\(prefix)/\(unit).git"
        switch transport {
        case .http: return httpServer!.httpURL(hub)
        case .httpsCAFromEnvironment, .httpsCAFromConfig: return httpServer!.httpsURL(hub)
        case .ssh: return sshServer!.url(hub)
        case .daemon: return daemon!.url(hub)
        }
    }

    /// The server's name for the account `user` of this test: HTTP accounts live in one
    /// htpasswd file shared by the tests running in parallel, so each test's carry its own
    /// suffix (`vanthu.eanuol-t1a2b3c4d`); SSH keys name their account each, so no suffix.
    func account(_ user: String) -> String { transport.isHTTP ? "\(user)-\(prefix)" : user }

    /// The hub's bare repository on the server's disk.
    func hubPath(_ unit: String) -> String { hubFolder + "/\(unit).git" }

    /// What the administrator does for a new unit: an empty bare hub with `main` as its
    /// default branch, the server hook, `pushers.json` and the hub's `policy.json`.
    func createHub(_ unit: String, pushers: [String: String], clerks: [String]) throws {
        let path = hubPath(unit)
        #expect(try Command.git(["init", "-q", "--bare", "-b", "main", path]).succeeded)
        let installed = try Tool.run(["hooks", "install", "--server", path])
        #expect(installed.status == 0, "\(installed.stderr)")
        let table = pushers.sorted { $0.key < $1.key }.map { "\"\(account($0.key))\": \"\($0.value)\"" }.joined(separator: ", ")
        try "{\"schema\": 1, \"pushers\": {\(table)}}\n".write(toFile: path + "/pushers.json", atomically: true, encoding: .utf8)
        let list = clerks.map { "\"\(account($0))\"" }.joined(separator: ", ")
        try "{\"schema\": 1, \"lowered-targets\": \"refuse\", \"clerks\": [\(list)]}\n"
            .write(toFile: path + "/policy.json", atomically: true, encoding: .utf8)
    }

    /// A clerk with an account `user` on the server and their credentials where `source`
    /// says; trusts the server's CA the way the transport says.
    func clerk(_ label: String, name: String, user: String, source: CredentialSource) throws -> Clerk {
        let user = account(user)
        let clerk = try Clerk(label, name: name, in: dir.path)
        clerks.append(clerk)
        switch transport {
        case .http, .httpsCAFromEnvironment, .httpsCAFromConfig:
            let password = "Pw-\(user.prefix(4))-\(UUID().uuidString.prefix(13))"
            secrets.append(password)
            try httpServer!.addAccount(user, password: password)
            if transport == .httpsCAFromEnvironment { clerk.set("GIT_SSL_CAINFO", httpServer!.caFile) }
            if transport == .httpsCAFromConfig { try clerk.configure("http.sslCAInfo", httpServer!.caFile) }
            switch source {
            case .helper:
                try clerk.storeCredentials(for: url("x"), user: user, password: password)
            case .environment:
                clerk.set("PLANCASCADE_USERNAME", user)
                clerk.set("PLANCASCADE_PASSWORD", password)
            }
        case .ssh:
            let publicKey = try clerk.makeSSHKey(knownHosts: sshServer!.knownHosts)
            try sshServer!.authorize(publicKey: publicKey, account: user)
            let key = try String(contentsOfFile: clerk.home + "/.ssh/id_ed25519", encoding: .utf8)
            // A line from the private key's secret part: its first body line is the format's
            // header, the same in every unencrypted ed25519 key (the server's host keys too).
            if let line = key.split(separator: "\n").dropFirst(3).first { secrets.append(String(line)) }
        case .daemon:
            break
        }
        return clerk
    }

    /// Lets `clerk` trust the server (the CA, the host keys) without giving any credentials.
    func trustServer(for clerk: Clerk) throws {
        switch transport {
        case .httpsCAFromEnvironment: clerk.set("GIT_SSL_CAINFO", httpServer!.caFile)
        case .httpsCAFromConfig: try clerk.configure("http.sslCAInfo", httpServer!.caFile)
        case .ssh: try sshServer!.knownHosts.write(toFile: clerk.home + "/.ssh/known_hosts", atomically: true, encoding: .utf8)
        case .http, .daemon: break
        }
    }

    /// Gives `clerk` a second, wrong password (HTTP) or an unknown key (SSH) for `user`.
    func wrongCredentials(for clerk: Clerk, user: String, source: CredentialSource) throws {
        let user = account(user)
        switch transport {
        case .http, .httpsCAFromEnvironment, .httpsCAFromConfig:
            let wrong = "Wrong-\(UUID().uuidString.prefix(10))"
            secrets.append(wrong)
            if transport == .httpsCAFromEnvironment { clerk.set("GIT_SSL_CAINFO", httpServer!.caFile) }
            if transport == .httpsCAFromConfig { try clerk.configure("http.sslCAInfo", httpServer!.caFile) }
            switch source {
            case .helper: try clerk.storeCredentials(for: url("x"), user: user, password: wrong)
            case .environment:
                clerk.set("PLANCASCADE_USERNAME", user)
                clerk.set("PLANCASCADE_PASSWORD", wrong)
            }
        case .ssh:
            try clerk.makeSSHKey(knownHosts: sshServer!.knownHosts)  // never authorized
        case .daemon:
            break
        }
    }

    /// The server's own log folder (nginx's access and error logs, fcgiwrap's and sshd's
    /// output), where no secret may land either.
    var serverLogFolder: String? {
        httpServer.map { $0.directory.appending("logs") } ?? sshServer.map { $0.directory.path }
    }

    /// The server's logs, for a failing expectation's message.
    var serverLogs: String { httpServer?.logs ?? sshServer?.logs ?? "" }

    /// Every file under `folder` (hubs, clones) whose bytes contain one of `secrets`, as
    /// `path: secret`.
    func leaks(under folders: [String]) -> [String] {
        var found: [String] = []
        for folder in folders {
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder) else { continue }
            let paths = isFolder.boolValue
                ? (FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] ?? []).map { folder + "/" + $0 }
                : [folder]
            for path in paths {
                guard let data = FileManager.default.contents(atPath: path), !data.isEmpty else { continue }
                for secret in secrets where data.range(of: Data(secret.utf8)) != nil {
                    found.append("\(path): \(secret)")
                }
            }
        }
        return found
    }

    /// The objects of each repository (inflated: packs and loose objects are compressed, so
    /// a secret committed into a blob is not in the files' bytes) that contain one of
    /// `secrets`, as `repository: secret`.
    func leaksInObjects(of repositories: [String]) throws -> [String] {
        var found: [String] = []
        for repository in repositories {
            let objects = try Command.git(["cat-file", "--batch-all-objects", "--batch"], in: repository)
            #expect(objects.succeeded, "\(repository): \(objects.stderr)")
            for secret in secrets where objects.stdout.contains(secret) { found.append("\(repository): \(secret)") }
        }
        return found
    }
}
