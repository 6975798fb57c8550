import Foundation
import Git

/// Who the tool records as author and committer of its commits, resolved as git does:
/// `GIT_AUTHOR_*` / `GIT_COMMITTER_*` from the environment, else `user.name` /
/// `user.email` from git configuration, else an error saying how to set them.
public struct Identity: Equatable, Sendable {
    public let author: Signature
    public let committer: Signature

    /// Resolves the identity for commits in `repository` at `now`.
    /// - Throws: `PlanStoreError.noIdentity` when neither source names someone.
    public static func resolve(
        for repository: Repository, environment: [String: String] = ProcessInfo.processInfo.environment,
        now: Date = Date()
    ) throws -> Identity {
        let configName = try repository.configString("user.name")
        let configEmail = try repository.configString("user.email")
        func person(_ role: String) throws -> Signature {
            let name = environment["GIT_\(role)_NAME"].nonEmpty ?? configName.nonEmpty
            let email = environment["GIT_\(role)_EMAIL"].nonEmpty ?? configEmail.nonEmpty
            guard let name, let email else {
                throw PlanStoreError.noIdentity(missing: name == nil ? "name" : "email")
            }
            let (time, offset) = try when(environment["GIT_\(role)_DATE"], variable: "GIT_\(role)_DATE", now: now)
            return Signature(name: name, email: email, time: time, offsetMinutes: offset)
        }
        return Identity(author: try person("AUTHOR"), committer: try person("COMMITTER"))
    }

    /// Parses git's date formats that scripts use (`@1718600000 +0700`, `1718600000 +0700`,
    /// ISO 8601 `2024-06-17T09:00:00+07:00`); nil means now, in the local time zone.
    static func when(_ text: String?, variable: String, now: Date) throws -> (Int64, Int32) {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else {
            let offset = Int32(TimeZone.current.secondsFromGMT(for: now) / 60)
            return (Int64(now.timeIntervalSince1970.rounded(.down)), offset)
        }
        let parts = text.split(separator: " ")
        if parts.count == 2, let seconds = Int64(parts[0].drop { $0 == "@" }), let offset = offsetMinutes(parts[1]) {
            return (seconds, offset)
        }
        let iso = ISO8601DateFormatter()
        if let date = iso.date(from: text) {
            let offset = offsetMinutes(Substring(text.suffix(6))) ?? 0
            return (Int64(date.timeIntervalSince1970), text.hasSuffix("Z") ? 0 : offset)
        }
        throw PlanStoreError.badDate(variable: variable, value: text)
    }

    /// `+0700`, `-0230` or `+07:00` as minutes east of UTC.
    static func offsetMinutes(_ text: Substring) -> Int32? {
        let digits = text.filter { $0 != ":" }
        guard digits.count == 5, let sign = digits.first, sign == "+" || sign == "-",
              let hours = Int32(digits.dropFirst().prefix(2)), let minutes = Int32(digits.suffix(2)) else { return nil }
        return (sign == "-" ? -1 : 1) * (hours * 60 + minutes)
    }
}

extension Optional where Wrapped == String {
    var nonEmpty: String? {
        guard let value = self?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }
}
