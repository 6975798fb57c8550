import Foundation
import PlanModel
import PlanStore

/// The pages of `plancascade serve` and who may reach them: routing, the session and its
/// CSRF token, the login beyond localhost, roles, and the one place errors become pages.
final class WebApplication: Sendable {
    let options: WebServer.Options
    let gate: RepositoryGate
    let sessions = SessionStore()
    let throttle = LoginThrottle()
    let jobs = JobBoard()

    /// The unit as last read (the job pages show it without waiting for the repository,
    /// which the job itself may be waiting for).
    let knownUnit: UnitMemo
    /// The children's tables by the commits they were made from.
    let overviews = OverviewMemo()
    /// The findings of `check` by the commits and refs they judged (``InspectorPages/checkKey(_:_:)``).
    let checks = CommitMemo<CheckQuery.Report>()
    /// The history page's blame and log by `main`'s commit and the question asked.
    let histories = CommitMemo<HistoryResult>()

    init(options: WebServer.Options) {
        self.options = options
        self.gate = RepositoryGate(path: options.repository)
        self.knownUnit = UnitMemo(try? UnitRepository.open(at: options.repository, reading: true).unit())
    }

    /// A route's work: the request, the visitor; answers a response (a POST's answer is a
    /// redirect with what it did kept for the next page).
    typealias Handler = @Sendable (WebApplication, WebRequest, Visitor) async throws -> WebResponse

    struct Route: Sendable {
        let method: WebRequest.Method
        let path: String
        /// The role needed beyond reading (nil: every visitor who may read).
        let role: WebAccounts.Role?
        let handler: Handler
    }

    /// Every route, GET to read and POST to change something; no other path is served.
    static let routes: [Route] = CommunePages.routes + ParentPages.routes + InspectorPages.routes + [
        Route(method: .get, path: "/login", role: nil) { app, request, visitor in app.loginPage(request, visitor) },
        Route(method: .post, path: "/logout", role: nil) { app, request, visitor in try await app.logOut(request, visitor) },
    ]

    /// Answers `request`; the cookies to set go with the response.
    func handle(_ request: WebRequest) async -> WebResponse {
        var session = await sessions.session(request.cookies["pc_session"])
        var cookies: [String] = []
        if session.id != request.cookies["pc_session"] { cookies.append(Self.cookie("pc_session", session.id)) }
        var language = Language.vietnamese
        if let chosen = request.query["lang"].flatMap(Language.init(name:)), chosen != .pseudo || options.allowPseudo {
            language = chosen
            cookies.append(Self.cookie("lang", chosen.rawValue, days: 365))
        } else if let chosen = request.cookies["lang"].flatMap(Language.init(name:)), chosen != .pseudo || options.allowPseudo {
            language = chosen
        }
        var response: WebResponse
        if request.method == .post, request.path == "/login" {
            response = await logIn(request, session: &session, language: language, cookies: &cookies)
        } else {
            response = await dispatch(request, session: session, language: language)
        }
        for cookie in cookies { response.headers.append(("Set-Cookie", cookie)) }
        response.headers += Self.securityHeaders
        return response
    }

    /// No framing by other sites, no scripts at all, nothing loaded from elsewhere.
    static let securityHeaders: [(String, String)] = [
        ("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"),
        ("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "same-origin"), ("Cache-Control", "no-store"),
    ]

    static func cookie(_ name: String, _ value: String, days: Int? = nil) -> String {
        var cookie = "\(name)=\(value); Path=/; HttpOnly; SameSite=Strict"
        if let days { cookie += "; Max-Age=\(days * 86_400)" }
        return cookie
    }

    private func dispatch(_ request: WebRequest, session: SessionStore.Session, language: Language) async -> WebResponse {
        let roles: Set<WebAccounts.Role>
        if options.requireLogin {
            switch session.account?.role {
            case .clerk?: roles = [.viewer, .clerk]
            case .approver?: roles = [.viewer, .approver]
            case .viewer?: roles = [.viewer]
            case nil: roles = []
            }
        } else {
            roles = Set(WebAccounts.Role.allCases)
        }
        var visitor = Visitor(session: session.id, language: language, csrf: session.csrf, account: session.account, target: request.target, path: request.path, roles: roles)
        guard let route = Self.routes.first(where: { $0.path == request.path && $0.method == request.method }) else {
            let known = Self.routes.contains { $0.path == request.path } || request.path == "/login"
            return errorPage(Message(known ? "web.error.method" : "web.error.not-found", ["path": .text(request.path)]),
                             status: known ? 405 : 404, visitor: visitor)
        }
        if request.method == .post {
            // Every change needs the session's token, and a browser's request from this server's own pages.
            guard let token = request.form["csrf"], token == session.csrf, Self.sameOrigin(request) else {
                return errorPage(Message("web.error.csrf"), status: 403, visitor: visitor)
            }
        }
        if options.requireLogin, session.account == nil, route.path != "/login" {
            if request.method == .get {
                return .redirect("/login?next=" + (request.target.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"))
            }
            return errorPage(Message("web.error.login-needed"), status: 401, visitor: visitor)
        }
        if let role = route.role, !visitor.may(role) {
            return errorPage(Message("web.error.role", ["role": .term("web.role.\(role.rawValue)")]), status: 403, visitor: visitor)
        }
        visitor.flash = request.method == .get ? await sessions.takeFlash(session.id) : []
        do {
            return try await route.handler(self, request, visitor)
        } catch let refusal as Refusal {
            return errorPage(refusal.message, status: refusal.status, visitor: visitor)
        } catch {
            return errorPage(PlanStoreError.message(for: error, repositoryAt: options.repository), status: 500, visitor: visitor)
        }
    }

    /// An `Origin` header, when the browser sends one, names this server.
    static func sameOrigin(_ request: WebRequest) -> Bool {
        guard let origin = request.origin, origin != "null" else { return request.origin == nil }
        guard let host = request.host, let url = URL(string: origin), let originHost = url.host else { return false }
        return (url.port.map { "\(originHost):\($0)" } ?? originHost) == host
    }

    /// A page refused: the message says why and what to do.
    struct Refusal: Error {
        let message: Message
        let status: Int
        init(_ message: Message, status: Int = 400) {
            self.message = message
            self.status = status
        }
    }

    func errorPage(_ message: Message, status: Int, visitor: Visitor) -> WebResponse {
        let content = Page.paragraphs([(visitor.say(message), "bad")], after: "<p><a href=\"/\">\(visitor.t("web.back-home"))</a></p>")
        return Page.render(title: visitor.t("web.error.title", ["status": .count(status)]), content: content, unit: nil, visitor: visitor, status: status)
    }

    /// After a POST: what it did (or why not) for the next page, and where to go.
    func done(_ visitor: Visitor, _ lines: [Message], refused: Bool = false, to location: String) async -> WebResponse {
        if let id = await currentSession(visitor) {
            await sessions.add(.init(kind: refused ? .refused : .done, lines: lines.map(visitor.say)), to: id)
        }
        return .redirect(location)
    }

    private func currentSession(_ visitor: Visitor) async -> String? { visitor.session.isEmpty ? nil : visitor.session }

    /// The environment of the workflows for this visitor: a logged-in user is the commits' author.
    func environment(for visitor: Visitor) -> [String: String] {
        var environment = options.environment
        if let account = visitor.account { environment["GIT_AUTHOR_NAME"] = account.user }
        return environment
    }

    /// The day pages judge deadlines against: `--as-of`, else today.
    func asOf(_ request: WebRequest) throws -> CivilDate {
        if let text = request.value("as-of") {
            guard let day = CivilDate(text) else { throw Refusal(Message("web.error.bad-date", ["text": .text(text)])) }
            return day
        }
        return options.asOf ?? WebServer.today()
    }

    // MARK: - Login

    func loginPage(_ request: WebRequest, _ visitor: Visitor) -> WebResponse {
        let content = Templates.render("login", [
            "csrf": visitor.csrf, "next": Self.safeNext(request.query["next"]), "userLabel": visitor.t("web.login.user"),
            "passwordLabel": visitor.t("web.login.password"), "submit": visitor.t("web.login.submit"),
        ])
        return Page.render(title: visitor.t("web.login.title"), content: content, unit: nil, visitor: visitor)
    }

    /// Only a path of this site, never another site, after login.
    static func safeNext(_ next: String?) -> String {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\") else { return "/" }
        return next
    }

    private func logIn(_ request: WebRequest, session: inout SessionStore.Session, language: Language, cookies: inout [String]) async -> WebResponse {
        let visitor = Visitor(language: language, csrf: session.csrf, account: session.account, target: request.target, path: request.path, roles: [])
        guard let token = request.form["csrf"], token == session.csrf, Self.sameOrigin(request) else {
            return errorPage(Message("web.error.csrf"), status: 403, visitor: visitor)
        }
        let user = request.form["user"] ?? "", password = request.form["password"] ?? ""
        if let seconds = await throttle.wait(for: user) {
            return errorPage(Message("web.login.throttled", ["seconds": .count(seconds)]), status: 429, visitor: visitor)
        }
        let gitDirectory = options.gitDirectory
        // bcrypt is slow on purpose: off the server's threads.
        let account: WebAccounts.Account? = await Task.detached {
            (try? WebAccounts.load(gitDirectory: gitDirectory))?.check(user: user, password: password)
        }.value
        guard let account, let fresh = await sessions.logIn(session.id, as: account) else {
            await throttle.failed(user)
            return errorPage(Message("web.login.refused"), status: 401, visitor: visitor)
        }
        await throttle.succeeded(user)
        session = fresh
        cookies.append(Self.cookie("pc_session", fresh.id))
        return .redirect(Self.safeNext(request.form["next"]))
    }

    private func logOut(_ request: WebRequest, _ visitor: Visitor) async throws -> WebResponse {
        if let id = await currentSession(visitor) { await sessions.logOut(id) }
        return .redirect(options.requireLogin ? "/login" : "/")
    }
}

/// The last unit.json read, shared between requests.
final class UnitMemo: @unchecked Sendable {
    private let lock = NSLock()
    private var unit: PlanModel.Unit?

    init(_ unit: PlanModel.Unit?) { self.unit = unit }

    var value: PlanModel.Unit? {
        get { lock.withLock { unit } }
        set { lock.withLock { unit = newValue } }
    }
}
