import Git

/// Why a workflow could not run (problems in the user's data are `Finding`s instead).
public enum PlanStoreError: Error, Equatable, CustomStringConvertible {
    case noIdentity(missing: String)
    case badDate(variable: String, value: String)
    case notAUnitRepository(path: String)
    case alreadyExists(path: String)
    case invalidArgument(name: String, value: String, reason: String)
    case invalidDocument(path: String, findings: [String])
    case dirtyWorkTree(paths: [String])
    case concurrentUpdate(reference: String)
    case pushRejected(reference: String, remote: String, reason: String, serverMessages: String)
    case noParent(unit: String)
    case parentNotPublished(url: String)
    case unknownIndicator(code: String, year: Int?, known: [String])
    case belowInherited(indicator: String, value: String, floor: String, origin: String)
    case invalidInput(findings: [String])
    case noRemotes(unit: String)
    case unresolvedConflicts(count: Int)
    case historyRewritten(child: String, collected: String, pushed: String)
    /// `approve` or `reopen` cannot record the decision; `reason` says why and what to do.
    case approvalRefused(child: String, period: String, reason: String)
    case git(GitError)
    case io(path: String, reason: String)

    public var description: String {
        switch self {
        case .noIdentity(let missing):
            return "no author \(missing) for the commit: set GIT_AUTHOR_NAME and GIT_AUTHOR_EMAIL, "
                + "or run `git config --global user.name \"Your Name\"` and `git config --global user.email you@example.org`"
        case .badDate(let variable, let value):
            return "\(variable)='\(value)' is not a date git understands; use `@<unix-seconds> +0700` or ISO 8601 like 2024-06-17T09:00:00+07:00"
        case .notAUnitRepository(let path):
            return "\(path) is not a PlanCascade unit repository (no unit.json on main); create one with `plancascade init`"
        case .alreadyExists(let path):
            return "\(path) already exists and is not empty; choose another path or remove it first"
        case .invalidArgument(let name, let value, let reason):
            return "\(name) '\(value)' \(reason)"
        case .invalidDocument(let path, let findings):
            return "refusing to commit \(path): " + findings.joined(separator: "; ")
        case .dirtyWorkTree(let paths):
            let shown = paths.prefix(5).joined(separator: ", ") + (paths.count > 5 ? ", …" : "")
            return "the work tree has uncommitted changes (\(shown)); commit them with `git commit` or discard them with `git checkout -- .` first"
        case .concurrentUpdate(let reference):
            return "\(reference) moved while this command ran (another plancascade or git process wrote it); nothing was lost — run the command again"
        case .pushRejected(let reference, let remote, let reason, let serverMessages):
            var text = "\(RemoteURL.redacted(remote)) refused \(reference): \(reason)"
            let server = serverMessages.trimmingCharacters(in: .whitespacesAndNewlines)
            if !server.isEmpty { text += "\n" + server }
            return text
        case .noParent(let unit):
            return "\(unit) has no parent remote; add one with `git remote add parent <parent-hub-url>` "
                + "and `git config remote.parent.fetch +refs/heads/targets:refs/remotes/parent/targets`, or create the unit with `plancascade init --parent`"
        case .parentNotPublished(let url):
            return "the parent at \(RemoteURL.redacted(url)) has not published targets yet; its clerk runs `plancascade publish` first"
        case .unknownIndicator(let code, let year, let known):
            let place = year.map { "plans/\($0)/indicators/" } ?? "plans/<year>/indicators/"
            let list = known.isEmpty ? "none is declared yet" : "declared: " + known.prefix(12).joined(separator: ", ") + (known.count > 12 ? ", …" : "")
            return "indicator '\(code)' is not declared in \(place) (\(list)); add it with `plancascade import targets <csv>` or pull it from the parent"
        case .belowInherited(let indicator, let value, let floor, let origin):
            return "\(indicator) \(value) is weaker than the \(floor) this unit inherited by \(origin) "
                + "(a child target is never weaker than the parent's: 004 III.2); choose \(floor) or stricter, or pass --force to record it anyway (it will be flagged)"
        case .invalidInput(let findings):
            return findings.joined(separator: "\n") + "\nnothing was committed; correct the rows above and run the command again"
        case .noRemotes(let unit):
            return "\(unit) has neither an `origin` hub nor a `parent` remote to push to; see `plancascade init --hub/--parent`"
        case .unresolvedConflicts(let count):
            return "\(count) merge conflict\(count == 1 ? " is" : "s are") unresolved; list them with `plancascade conflicts` and settle each with `plancascade resolve <item> --ours|--theirs|--value <v>` before pushing"
        case .historyRewritten(let child, let collected, let pushed):
            return "\(child) pushed \(pushed.prefix(7)), which does not descend from \(collected.prefix(7)) collected before: its history was rewritten; "
                + "ask its clerk why, then `plancascade collect --accept-rewrite` to take it anyway"
        case .approvalRefused(let child, let period, let reason):
            return "\(child) \(period): \(reason); nothing was committed"
        case .git(let error):
            return error.description
        case .io(let path, let reason):
            return "\(path): \(reason)"
        }
    }
}

import Foundation
