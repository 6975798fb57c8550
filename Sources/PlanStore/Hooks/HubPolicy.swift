import Foundation
import Git
import PlanModel

/// What a hub's administrator decides for the pushes the hub's `pre-receive` accepts, in
/// `policy.json` next to `pushers.json` in the hub's git directory (never in a pushed tree:
/// a pusher cannot write it). Every field is optional; a hub without the file has the
/// defaults.
///
/// ```json
/// {
///   "schema": 1,
///   "lowered-targets": "refuse",
///   "clerks": ["vanthu.buondon", "pnv.buondon"]
/// }
/// ```
///
/// - `lowered-targets`: a pushed target weaker than the floor it inherited is refused
///   (`"refuse"`, the default) or accepted and left for `check` and `verify` to flag
///   (`"flag"`). A commit's own trailers (`Forced-Below-Inherited:`, `Parent-Commit:`)
///   never decide it: they are written by the pusher.
/// - `clerks`: when present, the only authenticated users (besides those `pushers.json`
///   maps to the hub's own unit) who are the unit's own clerks; any other authenticated user
///   not mapped to a child is refused. Without it, every authenticated user that
///   `pushers.json` does not map to a child is one of the unit's own clerks, who write
///   `main` and `targets` and never `refs/children/`.
public struct HubPolicy: Equatable, Sendable {
    /// What the hub does with a target pushed below its inherited floor.
    public enum LoweredTargets: String, Sendable, CaseIterable {
        case refuse, flag
    }

    /// The file, in the hub's git directory.
    public static let file = "policy.json"

    public var loweredTargets: LoweredTargets = .refuse
    public var clerks: [String]?

    public init(loweredTargets: LoweredTargets = .refuse, clerks: [String]? = nil) {
        self.loweredTargets = loweredTargets
        self.clerks = clerks
    }

    /// The policy of the hub whose git directory is `gitDirectory`: the defaults when it has
    /// no `policy.json`.
    /// - Throws: `PlanStoreError.io` naming `policy.json` (not the server's path) and the
    ///   problem when the file cannot be read as a policy: a hub never guesses its policy.
    public static func load(gitDirectory: String) throws -> HubPolicy {
        let path = (gitDirectory as NSString).appendingPathComponent(file)
        guard let data = FileManager.default.contents(atPath: path) else {
            if FileManager.default.fileExists(atPath: path) { throw invalid(Message("hook.policy.unreadable")) }
            return HubPolicy()
        }
        let value: JSONValue
        do { value = try JSONParser.parse(Array(data)) } catch { throw invalid(Message("hook.policy.not-json")) }
        guard case .object(let members, _) = value else { throw invalid(Message("hook.policy.not-json")) }
        var policy = HubPolicy()
        for member in members {
            switch (member.key, member.value) {
            case ("schema", .number("1", _)):
                continue
            case ("lowered-targets", .string(let text, _)):
                guard let choice = LoweredTargets(rawValue: text) else {
                    throw invalid(Message("hook.policy.bad-field", ["field": .text(member.key), "expected": .text("\"refuse\" | \"flag\"")]))
                }
                policy.loweredTargets = choice
            case ("clerks", .array(let items, _)):
                var users: [String] = []
                for item in items {
                    guard case .string(let user, _) = item, !user.isEmpty else {
                        throw invalid(Message("hook.policy.bad-field", ["field": .text(member.key), "expected": .text("[\"user\", …]")]))
                    }
                    users.append(user)
                }
                policy.clerks = users
            case ("schema", _):
                throw invalid(Message("hook.policy.bad-field", ["field": .text("schema"), "expected": .text("1")]))
            case ("lowered-targets", _):
                throw invalid(Message("hook.policy.bad-field", ["field": .text(member.key), "expected": .text("\"refuse\" | \"flag\"")]))
            case ("clerks", _):
                throw invalid(Message("hook.policy.bad-field", ["field": .text(member.key), "expected": .text("[\"user\", …]")]))
            default:
                throw invalid(Message("hook.policy.unknown-field", ["field": .text(member.key)]))
            }
        }
        return policy
    }

    /// Writes `policy` as `policy.json` into the hub at `gitDirectory` (canonical JSON).
    public static func write(_ policy: HubPolicy, gitDirectory: String) throws {
        struct File: Encodable {
            let schema = 1
            let loweredTargets: String
            let clerks: [String]?
            enum CodingKeys: String, CodingKey { case schema, loweredTargets = "lowered-targets", clerks }
        }
        let path = (gitDirectory as NSString).appendingPathComponent(file)
        let bytes = try CanonicalJSON.encode(File(loweredTargets: policy.loweredTargets.rawValue, clerks: policy.clerks))
        try Data(bytes).write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    private static func invalid(_ problem: Message) -> PlanStoreError {
        .io(path: file, reason: Message("hook.policy.invalid", ["problem": .message(problem)]))
    }
}

/// `pushers.json` in a hub's git directory: which authenticated user pushes for which unit.
///
/// ```json
/// { "schema": 1, "pushers": { "pnv.eanuol": "ea-nuol", "vanthu.buondon": "buon-don" } }
/// ```
enum HubPushers {
    /// The user → unit table; empty when the hub has no `pushers.json`.
    /// - Throws: `PlanStoreError.io` naming `pushers.json` when it exists and is not such a table.
    static func load(gitDirectory: String) throws -> [String: String] {
        let path = (gitDirectory as NSString).appendingPathComponent(PreReceiveCheck.pushersFile)
        guard let data = FileManager.default.contents(atPath: path) else {
            if FileManager.default.fileExists(atPath: path) { throw invalid() }
            return [:]
        }
        guard let value = try? JSONParser.parse(Array(data)), case .object(let members, _) = value,
              let table = members.first(where: { $0.key == "pushers" })?.value, case .object(let users, _) = table else {
            throw invalid()
        }
        var pushers: [String: String] = [:]
        for user in users {
            guard case .string(let unit, _) = user.value, pushers[user.key] == nil else { throw invalid() }
            pushers[user.key] = unit
        }
        return pushers
    }

    private static func invalid() -> PlanStoreError {
        .io(path: PreReceiveCheck.pushersFile, reason: Message("hook.pushers.invalid"))
    }
}
