import Foundation

/// Who is at the other end of a browser: a random session id in a cookie, its CSRF token and,
/// once logged in, its account. Kept in memory only: a restarted server forgets its sessions
/// (people log in again) and nothing else — the repository is the only state.
actor SessionStore {
    struct Session: Sendable {
        let id: String
        let csrf: String
        var account: WebAccounts.Account?
        /// Messages to show once on the next page (what a POST did), already rendered.
        var flash: [Flash] = []
        var used: Date
    }

    /// A result shown once at the top of the next page.
    struct Flash: Sendable {
        enum Kind: String, Sendable { case done, refused }
        let kind: Kind
        let lines: [String]
    }

    private var sessions: [String: Session] = [:]
    /// At most this many sessions are kept; the least recently used go first.
    private let limit = 2_000

    /// The session of `id`, or a new one.
    func session(_ id: String?) -> Session {
        if let id, var session = sessions[id] {
            session.used = Date()
            sessions[id] = session
            return session
        }
        if sessions.count >= limit, let oldest = sessions.values.min(by: { $0.used < $1.used }) { sessions[oldest.id] = nil }
        let session = Session(id: Self.token(), csrf: Self.token(), account: nil, used: Date())
        sessions[session.id] = session
        return session
    }

    func logIn(_ id: String, as account: WebAccounts.Account) -> Session? {
        guard let old = sessions.removeValue(forKey: id) else { return nil }
        // A new id at login, so that an id planted before it is worth nothing after.
        let session = Session(id: Self.token(), csrf: Self.token(), account: account, flash: old.flash, used: Date())
        sessions[session.id] = session
        return session
    }

    func logOut(_ id: String) { sessions[id] = nil }

    func add(_ flash: Flash, to id: String) { sessions[id]?.flash.append(flash) }

    /// The messages waiting for the session, removed.
    func takeFlash(_ id: String) -> [Flash] {
        let flash = sessions[id]?.flash ?? []
        sessions[id]?.flash = []
        return flash
    }

    /// 32 random bytes (the system's cryptographic generator) in hex.
    static func token() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }
}


/// Failed logins by user name: after `limit` failures within `window`, that name is refused
/// for `pause` whatever the password, so a password cannot be guessed at bcrypt's speed.
actor LoginThrottle {
    private var failures: [String: [Date]] = [:]
    let limit = 5
    let window: TimeInterval = 15 * 60
    let pause: TimeInterval = 60

    /// Seconds left before `user` may try again; nil when it may now.
    func wait(for user: String, now: Date = Date()) -> Int? {
        let recent = (failures[user] ?? []).filter { now.timeIntervalSince($0) < window }
        failures[user] = recent
        guard recent.count >= limit, let last = recent.last else { return nil }
        let left = pause - now.timeIntervalSince(last)
        return left > 0 ? Int(left.rounded(.up)) : nil
    }

    func failed(_ user: String) { failures[user, default: []].append(Date()) }

    func succeeded(_ user: String) { failures[user] = nil }
}
