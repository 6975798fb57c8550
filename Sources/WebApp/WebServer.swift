import Foundation
import HTTPTypes
import Hummingbird
import Logging
import PlanModel
import PlanStore

/// `plancascade serve`: the unit's web pages (Hummingbird), over the same workflows and the
/// same repository lock as the command line.
public enum WebServer {
    public struct Options: Sendable {
        /// The unit's working clone (any folder inside it).
        public var repository: String
        /// The unit's git directory (where the accounts file lives).
        public var gitDirectory: String
        public var host: String
        /// 0: any free port (the URL printed says which).
        public var port: Int
        /// Beyond localhost a login is required (`--bind` to another address); tests and a
        /// cautious office can ask for it on localhost too.
        public var requireLogin: Bool
        /// The day deadlines are judged against when a page is not told (`--as-of`); today when nil.
        public var asOf: CivilDate?
        /// The workflows' environment (identity, GIT_AUTHOR_DATE…), as the command line's.
        public var environment: [String: String]
        /// Accept `lang=qps` (the pseudo-language of the tests).
        public var allowPseudo: Bool

        public init(repository: String, gitDirectory: String, host: String = "127.0.0.1", port: Int = 8080, requireLogin: Bool? = nil,
                    asOf: CivilDate? = nil, environment: [String: String] = ProcessInfo.processInfo.environment, allowPseudo: Bool = false) {
            self.repository = repository
            self.gitDirectory = gitDirectory
            self.host = host
            self.port = port
            self.requireLogin = requireLogin ?? !WebServer.isLoopback(host)
            self.asOf = asOf
            self.environment = environment
            self.allowPseudo = allowPseudo
        }
    }

    /// Whether `host` is this machine only (127.0.0.0/8, ::1, localhost).
    public static func isLoopback(_ host: String) -> Bool {
        host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
    }

    /// Serves until the process is stopped; `started` receives the URL once it listens.
    public static func run(_ options: Options, started: @escaping @Sendable (String) -> Void) async throws {
        let app = WebApplication(options: options)
        let warmer = PageWarmer.start(app)
        defer { warmer.cancel() }
        let responder = CallbackResponder<BasicRequestContext> { request, context in
            try await respond(app, request)
        }
        let application = Application(
            responder: responder,
            configuration: .init(address: .hostname(options.host, port: options.port), serverName: nil),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? options.port
                let host = options.host.contains(":") && !options.host.hasPrefix("[") ? "[\(options.host)]" : options.host
                started("http://\(host):\(port)/")
            },
            logger: {
                var logger = Logger(label: "plancascade.serve")
                logger.logLevel = .warning
                return logger
            }()
        )
        try await application.runService()
    }

    /// Hummingbird's request as a ``WebRequest``, and the answer back.
    private static func respond(_ app: WebApplication, _ request: Request) async throws -> Response {
        var request = request
        let method: WebRequest.Method = request.method == .get || request.method == .head ? .get : request.method == .post ? .post : .other
        let path = request.uri.path.removingPercentEncoding ?? request.uri.path
        let query = WebRequest.fields(request.uri.query ?? "")
        var form: [String: String] = [:]
        var upload: WebRequest.Upload?
        if method == .post {
            let body: ByteBuffer
            do {
                body = try await request.collectBody(upTo: WebRequest.maxBody)
            } catch {
                return Response(status: .contentTooLarge)
            }
            let type = request.headers[.contentType] ?? ""
            if type.lowercased().hasPrefix("multipart/form-data") {
                guard let parsed = WebRequest.multipart(body, contentType: type) else { return Response(status: .badRequest) }
                form = parsed.fields
                upload = parsed.upload
            } else {
                form = WebRequest.fields(String(buffer: body))
            }
        }
        let web = WebRequest(
            method: method, path: path, query: query, form: form, cookies: WebRequest.cookies(request.headers[HTTPField.Name("Cookie")!]), upload: upload,
            origin: request.headers[HTTPField.Name("Origin")!], host: request.headers[HTTPField.Name("Host")!] ?? request.head.authority, target: request.uri.string)
        let answer = await app.handle(web)
        var headers = HTTPFields()
        for (name, value) in answer.headers {
            if let field = HTTPField.Name(name) { headers.append(HTTPField(name: field, value: value)) }
        }
        headers[.contentLength] = String(answer.body.count)
        let bytes = request.method == .head ? [] : answer.body
        return Response(status: .init(code: answer.status), headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    static func today() -> CivilDate {
        let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone.current, from: Date())
        return CivilDate(year: c.year!, month: c.month!, day: c.day!)!
    }
}
