import Foundation
import Git

/// A git hub over plain HTTP with basic authentication, for the credential tests: Python's
/// HTTP server in front of `git http-backend` (CGI), on 127.0.0.1 and a free port, started
/// and stopped by the test. It logs every request as `ok|none|bad METHOD PATH`, so a test
/// can count how often a client came back. (The nginx and sshd fixtures are the full
/// servers; this one is small and starts in a blink.)
public final class BasicAuthHub: @unchecked Sendable {
    public let root: String
    public let port: Int
    public let requestLog: String
    private let process: ChildProcess

    /// Serves the bare repositories under `root`, accepting only `user`:`password`.
    public init(root: String, user: String, password: String) throws {
        self.root = root
        let script = root + "/../basic-auth-hub.py"
        try Self.script.write(toFile: script, atomically: true, encoding: .utf8)
        requestLog = root + "/../requests.log"
        FileManager.default.createFile(atPath: requestLog, contents: nil)
        // The server prints its port on its first line: into a file, which is polled (no pipe
        // whose end a process started elsewhere at the same moment could keep open).
        let portFile = root + "/../basic-auth-hub.port"
        FileManager.default.createFile(atPath: portFile, contents: nil)
        let out = try FileHandle(forWritingTo: URL(fileURLWithPath: portFile))
        process = try ChildProcess("/usr/bin/python3", [script, root, user, password, requestLog], environment: IsolatedGit.environment(),
                                   stdout: .file(out), stderr: .discard)
        try process.start()
        try? out.close()
        var port: Int?
        let deadline = Date().addingTimeInterval(20)
        while port == nil, Date() < deadline, !process.hasExited {
            let text = (try? String(contentsOfFile: portFile, encoding: .utf8)) ?? ""
            if let line = text.split(separator: "\n", omittingEmptySubsequences: false).first, text.contains("\n") { port = Int(line) }
            if port == nil { usleep(10_000) }
        }
        guard let port else {
            process.kill()
            process.wait()
            throw CocoaError(.fileReadUnknown)
        }
        self.port = port
    }

    deinit {
        // SIGKILL: a signal the test runner's threads block (SIGTERM) stays blocked in children.
        process.kill()
        process.wait()
    }

    /// `http://127.0.0.1:<port>/<name>` (with `userinfo@` when given).
    public func url(_ name: String, userinfo: String? = nil) -> String {
        "http://\(userinfo.map { $0 + "@" } ?? "")127.0.0.1:\(port)/\(name)"
    }

    /// The requests so far: `ok`, `none` (no credentials) or `bad` (wrong ones), with method and path.
    public var requests: [String] {
        ((try? String(contentsOfFile: requestLog, encoding: .utf8)) ?? "").split(separator: "\n").map(String.init)
    }

    private static let script = #"""
import base64, http.server, os, subprocess, sys
root, user, password, logfile = sys.argv[1:5]
expected = 'Basic ' + base64.b64encode((user + ':' + password).encode()).decode()

class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass
    def do_GET(self):
        self.serve()
    def do_POST(self):
        self.serve()
    def body(self):
        if self.headers.get('Transfer-Encoding', '').lower() == 'chunked':
            data = b''
            while True:
                size = int(self.rfile.readline().split(b';')[0].strip(), 16)
                if size == 0:
                    self.rfile.readline()
                    return data
                data += self.rfile.read(size)
                self.rfile.readline()
        length = int(self.headers.get('Content-Length') or 0)
        return self.rfile.read(length) if length else b''
    def serve(self):
        auth = self.headers.get('Authorization', '')
        verdict = 'ok' if auth == expected else ('none' if not auth else 'bad')
        with open(logfile, 'a') as log:
            log.write(verdict + ' ' + self.command + ' ' + self.path + '\n')
        body = self.body()
        if verdict != 'ok':
            self.send_response(401)
            self.send_header('WWW-Authenticate', 'Basic realm="hub"')
            self.send_header('Content-Length', '0')
            self.end_headers()
            return
        path, _, query = self.path.partition('?')
        env = dict(os.environ, GIT_PROJECT_ROOT=root, GIT_HTTP_EXPORT_ALL='1', PATH_INFO=path, QUERY_STRING=query,
                   REQUEST_METHOD=self.command, CONTENT_TYPE=self.headers.get('Content-Type', ''), REMOTE_USER=user,
                   CONTENT_LENGTH=str(len(body)))
        out = subprocess.run(['git', 'http-backend'], input=body, env=env, capture_output=True).stdout
        head, _, rest = out.partition(b'\r\n\r\n')
        status, headers = 200, []
        for line in head.split(b'\r\n'):
            key, _, value = line.decode().partition(': ')
            if key.lower() == 'status':
                status = int(value.split()[0])
            elif key:
                headers.append((key, value))
        self.send_response(status)
        for key, value in headers:
            self.send_header(key, value)
        self.send_header('Content-Length', str(len(rest)))
        self.end_headers()
        self.wfile.write(rest)

server = http.server.ThreadingHTTPServer(('127.0.0.1', 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
"""#
}
