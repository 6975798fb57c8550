import Foundation
import HummingbirdBcrypt
import PlanModel

/// Who may use the web pages beyond localhost: `.git/plancascade/web-accounts.json` in the
/// unit's git directory (never in the tree, never pushed), each account a user name, a role
/// and a bcrypt hash of its password (HummingbirdBcrypt; the password itself is kept nowhere).
public struct WebAccounts: Codable, Sendable, Equatable {
    public enum Role: String, Codable, Sendable, CaseIterable {
        /// Enters figures and task states, uploads templates, pushes, collects, publishes.
        case clerk
        /// Approves and reopens children's reports.
        case approver
        /// Reads every page, changes nothing.
        case viewer
    }

    public struct Account: Codable, Sendable, Equatable {
        public var user: String
        public var role: Role
        public var hash: String
    }

    public var schema: Int = 1
    public var accounts: [Account] = []

    public init() {}

    /// The file's place in a git directory.
    public static func path(gitDirectory: String) -> String {
        (gitDirectory as NSString).appendingPathComponent("plancascade/web-accounts.json")
    }

    /// Bcrypt's cost: 2^10 rounds, about a tenth of a second a login here.
    static let cost: UInt8 = 10

    /// Reads the accounts of the repository; none when the file does not exist.
    /// - Throws: ``WebError`` naming the file when it cannot be read or is not valid.
    public static func load(gitDirectory: String) throws -> WebAccounts {
        let file = path(gitDirectory: gitDirectory)
        guard let data = FileManager.default.contents(atPath: file) else { return WebAccounts() }
        do {
            return try CanonicalJSON.decode(WebAccounts.self, from: Array(data), file: file)
        } catch {
            throw WebError(Message("web.accounts.invalid", ["file": .text(file), "reason": .message(.verbatim(String(describing: error)))]))
        }
    }

    /// Adds `user` with `role` and `password`, or replaces that user's role and password;
    /// writes the file atomically (readable by its owner only).
    /// - Throws: ``WebError`` for a user name or password that breaks the rules, or a file
    ///   that cannot be written.
    public static func add(user: String, role: Role, password: String, gitDirectory: String) throws {
        if let problem = userProblem(user) { throw WebError(problem) }
        guard password.count >= 8 else { throw WebError(Message("web.accounts.short-password", ["count": .count(8)])) }
        var accounts = try load(gitDirectory: gitDirectory)
        let account = Account(user: user, role: role, hash: Bcrypt.hash(password, cost: cost))
        if let index = accounts.accounts.firstIndex(where: { $0.user == user }) {
            accounts.accounts[index] = account
        } else {
            accounts.accounts.append(account)
        }
        accounts.accounts.sort { $0.user < $1.user }
        let file = path(gitDirectory: gitDirectory)
        do {
            try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(try CanonicalJSON.encode(accounts)).write(to: URL(fileURLWithPath: file), options: .atomic)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
        } catch {
            throw WebError(Message("web.accounts.unwritable", ["file": .text(file), "reason": .message(.verbatim(error.localizedDescription))]))
        }
    }

    /// The account `user` whose password is `password`; nil otherwise (the same answer for
    /// an unknown user and a wrong password).
    func check(user: String, password: String) -> Account? {
        guard let account = accounts.first(where: { $0.user == user }) else {
            _ = Bcrypt.verify(password, hash: Self.decoy)  // as slow as a real check
            return nil
        }
        return Bcrypt.verify(password, hash: account.hash) ? account : nil
    }

    /// A hash no password of ours matches, checked for unknown users so that they take as long.
    private static let decoy = Bcrypt.hash("decoy-\(UInt64.random(in: 0...UInt64.max))", cost: cost)

    /// Why `user` is not a user name (letters, digits, `.`, `_`, `-`, at most 64), nil when it is.
    static func userProblem(_ user: String) -> Message? {
        let allowed = user.unicodeScalars.allSatisfy { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "._-".unicodeScalars.contains($0)) }
        return !user.isEmpty && user.count <= 64 && allowed ? nil : Message("web.accounts.bad-user", ["user": .text(user)])
    }
}

/// A problem of the web application, said as a message.
public struct WebError: Error, Sendable, MessageConvertible, CustomStringConvertible {
    public let message: Message
    public init(_ message: Message) { self.message = message }
    public var description: String { message.description }
}
