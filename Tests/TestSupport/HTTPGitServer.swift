import Foundation

/// nginx + fcgiwrap + `git http-backend` serving the bare hubs under `root` on 127.0.0.1,
/// over HTTP and HTTPS at free ports, with basic authentication against an htpasswd file the
/// test fills (`addAccount`). nginx passes the authenticated user to the backend as
/// `REMOTE_USER` (so the hub's pre-receive hook sees who pushes, as it does on a real
/// server), enables receive-pack by doing so, and keeps the client's `Authorization`
/// header from the backend. The certificate is issued for `localhost` by a CA the server
/// makes for itself (`caFile`): clients use `https://localhost:PORT`, since libgit2's
/// mbedTLS does not match IP-address names.
///
/// Everything lives in one temporary folder (configuration, logs, pid, nginx's temporary
/// files, fcgiwrap's socket); nginx and fcgiwrap run under `ServerProcess` watchdogs and
/// are killed when this object is released or the test process dies.
public final class HTTPGitServer: @unchecked Sendable {
    public static let nginx = "/usr/sbin/nginx"
    public static let fcgiwrap = "/usr/sbin/fcgiwrap"
    public static let httpBackend = "/usr/lib/git-core/git-http-backend"

    public let directory: TemporaryDirectory
    /// The folder of the hubs (`GIT_PROJECT_ROOT`); `/hubs/<relative path>` on the server.
    public let root: String
    public let httpPort: Int
    public let httpsPort: Int
    /// The certificate of the CA that issued the server's certificate (PEM).
    public let caFile: String
    private let htpasswd: String
    private let fcgi: ServerProcess
    private let web: ServerProcess
    private let lock = NSLock()

    /// `http://127.0.0.1:PORT/hubs/<hub>`.
    public func httpURL(_ hub: String) -> String { "http://127.0.0.1:\(httpPort)/hubs/\(hub)" }
    /// `https://localhost:PORT/hubs/<hub>`.
    public func httpsURL(_ hub: String) -> String { "https://localhost:\(httpsPort)/hubs/\(hub)" }

    public init() throws {
        try MissingServer.check([(Self.nginx, "nginx"), (Self.fcgiwrap, "fcgiwrap"), (Self.httpBackend, "git"),
                                 ("/usr/bin/openssl", "openssl")])
        let directory = try TemporaryDirectory("plancascade-http")
        let base = directory.path
        for folder in ["hubs", "logs", "tmp", "tls", "home"] {
            try FileManager.default.createDirectory(atPath: base + "/" + folder, withIntermediateDirectories: true)
        }
        root = base + "/hubs"
        htpasswd = base + "/htpasswd"
        FileManager.default.createFile(atPath: htpasswd, contents: nil)
        caFile = try Self.makeCertificates(in: base + "/tls")

        let socket = base + "/fcgiwrap.socket"
        fcgi = try ServerProcess([Self.fcgiwrap, "-c", "4", "-s", "unix:" + socket],
                                 environment: serverEnvironment(home: base + "/home"), directory: base, log: base + "/logs/fcgiwrap.log")
        guard fcgi.waitForFile(socket) else { throw ServerDidNotStart(server: "fcgiwrap", log: fcgi.output) }

        var attempt: (ServerProcess, Int, Int)?
        var lastLog = ""
        for _ in 0..<5 {
            let http = try GitDaemon.freePort(), https = try GitDaemon.freePort()
            let configuration = base + "/nginx.conf"
            try Self.configuration(base: base, httpPort: http, httpsPort: https, socket: socket, htpasswd: htpasswd)
                .write(toFile: configuration, atomically: true, encoding: .utf8)
            let errorLog = base + "/logs/error.log"
            let web = try ServerProcess([Self.nginx, "-p", base, "-c", configuration, "-e", errorLog],
                                        environment: serverEnvironment(home: base + "/home"), directory: base, log: base + "/logs/nginx.out")
            if web.waitForPort(http), web.waitForPort(https) {
                attempt = (web, http, https)
                break
            }
            lastLog = web.output + ((try? String(contentsOfFile: errorLog, encoding: .utf8)) ?? "")
            web.stop()
        }
        guard let (web, http, https) = attempt else { throw ServerDidNotStart(server: "nginx", log: lastLog) }
        self.web = web
        httpPort = http
        httpsPort = https
        self.directory = directory
    }

    deinit {
        web.stop()
        fcgi.stop()
    }

    /// The nginx configuration: what an administrator writes for git http-backend (the
    /// `location` block is README's), plus what running inside a test folder needs
    /// (`daemon off`, pid, logs and temporary files in the folder).
    static func configuration(base: String, httpPort: Int, httpsPort: Int, socket: String, htpasswd: String) -> String {
        // As root, nginx's workers would switch to `nobody`; keep them the test's user.
        let user = geteuid() == 0 ? "user root;\n" : ""
        return """
            daemon off;
            \(user)worker_processes 1;
            pid \(base)/nginx.pid;
            error_log \(base)/logs/error.log info;
            events { worker_connections 256; }
            http {
                access_log \(base)/logs/access.log;
                client_body_temp_path \(base)/tmp/body;
                fastcgi_temp_path \(base)/tmp/fastcgi;
                proxy_temp_path \(base)/tmp/proxy;
                uwsgi_temp_path \(base)/tmp/uwsgi;
                scgi_temp_path \(base)/tmp/scgi;

                server {
                    listen 127.0.0.1:\(httpPort);
                    listen 127.0.0.1:\(httpsPort) ssl;
                    server_name localhost;
                    ssl_certificate \(base)/tls/localhost.pem;
                    ssl_certificate_key \(base)/tls/localhost.key;

                    # Smart HTTP only: info/refs and the two services of every hub under /hubs/.
                    location ~ ^/hubs(/.+\\.git/(info/refs|git-upload-pack|git-receive-pack))$ {
                        auth_basic "PlanCascade hubs";
                        auth_basic_user_file \(htpasswd);
                        client_max_body_size 64m;

                        fastcgi_pass unix:\(socket);
                        fastcgi_param SCRIPT_FILENAME /usr/lib/git-core/git-http-backend;
                        fastcgi_param GIT_PROJECT_ROOT \(base)/hubs;
                        fastcgi_param GIT_HTTP_EXPORT_ALL "";
                        fastcgi_param PATH_INFO $1;
                        fastcgi_param QUERY_STRING $query_string;
                        fastcgi_param REQUEST_METHOD $request_method;
                        fastcgi_param CONTENT_TYPE $content_type;
                        fastcgi_param CONTENT_LENGTH $content_length;
                        fastcgi_param GIT_PROTOCOL $http_git_protocol;
                        fastcgi_param REMOTE_ADDR $remote_addr;
                        # Who authenticated: enables receive-pack, and the hook reads it.
                        fastcgi_param REMOTE_USER $remote_user;
                        # The password stays with nginx: not in the backend's or the hook's environment.
                        fastcgi_param HTTP_AUTHORIZATION "";
                    }
                }
            }

            """
    }

    /// Makes a CA and a certificate for `localhost` signed by it; returns the CA's file.
    static func makeCertificates(in folder: String) throws -> String {
        let ssl = "/usr/bin/openssl"
        try runChecked(ssl, ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                             "-keyout", "ca.key", "-out", "ca.pem", "-days", "3", "-subj", "/CN=PlanCascade Test CA",
                             "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"], in: folder)
        try runChecked(ssl, ["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                             "-keyout", "localhost.key", "-out", "localhost.csr", "-subj", "/CN=localhost"], in: folder)
        try "subjectAltName=DNS:localhost\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\n"
            .write(toFile: folder + "/localhost.ext", atomically: true, encoding: .utf8)
        try runChecked(ssl, ["x509", "-req", "-in", "localhost.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-set_serial", "1",
                             "-days", "3", "-out", "localhost.pem", "-extfile", "localhost.ext"], in: folder)
        return folder + "/ca.pem"
    }

    /// Adds (or replaces) an account; nginx reads the file at every request.
    public func addAccount(_ user: String, password: String) throws {
        let hash = try runChecked("/usr/bin/openssl", ["passwd", "-apr1", "-stdin"], input: password + "\n")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        lock.lock()
        defer { lock.unlock() }
        let existing = (try? String(contentsOfFile: htpasswd, encoding: .utf8)) ?? ""
        let others = existing.split(separator: "\n").filter { !$0.hasPrefix(user + ":") }
        try (others.map(String.init) + ["\(user):\(hash)"]).joined(separator: "\n").appending("\n")
            .write(toFile: htpasswd, atomically: true, encoding: .utf8)
    }

    /// Creates an empty bare hub at `root/<relative>` with `main` as its default branch.
    @discardableResult
    public func createHub(_ relative: String) throws -> String {
        let path = root + "/" + relative
        try runChecked("git", ["init", "-q", "--bare", "-b", "main", path])
        return path
    }

    /// nginx's error log and fcgiwrap's output, for a failing test's message.
    public var logs: String {
        let error = (try? String(contentsOfFile: directory.appending("logs/error.log"), encoding: .utf8)) ?? ""
        return error.split(separator: "\n").suffix(20).joined(separator: "\n") + "\n" + fcgi.output
    }
}
