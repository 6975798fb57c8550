import Foundation
import Git
import PlanModel

/// Why a workflow could not run (problems in the user's data are `Finding`s instead).
///
/// Each case says itself as a ``Message`` (codes `error.*`, catalogue section Workflows);
/// `description` is its English rendering. The `reason` of a case is a `Message`; a plain
/// `String` reason (the overloads below) is English not yet in the catalogue.
public enum PlanStoreError: Error, Equatable, CustomStringConvertible, MessageConvertible {
    case noIdentity(missing: String)
    case badDate(variable: String, value: String)
    case notAUnitRepository(path: String)
    case alreadyExists(path: String)
    case invalidArgument(name: String, value: String, reason: Message)
    case invalidDocument(path: String, findings: [Message])
    case dirtyWorkTree(paths: [String])
    case concurrentUpdate(reference: String)
    case pushRejected(reference: String, remote: String, reason: Message, serverMessages: String)
    /// The pre-receive hook of a hub on a local path refused the push (it ran in-process).
    case hookDeclined(reference: String, remote: String, problems: [Message])
    case noParent(unit: String)
    case parentNotPublished(url: String)
    case unknownIndicator(code: String, year: Int?, known: [String])
    case belowInherited(indicator: String, value: String, floor: String, origin: Message)
    case invalidInput(findings: [Message])
    case noRemotes(unit: String)
    case unresolvedConflicts(count: Int)
    case historyRewritten(child: String, collected: String, pushed: String)
    /// `approve` or `reopen` cannot record the decision; `reason` says why and what to do.
    case approvalRefused(child: String, period: String, reason: Message)
    case git(GitError)
    case io(path: String, reason: Message)

    // English written before the catalogues (see `Message.untranslated`).
    public static func invalidArgument(name: String, value: String, reason: String) -> PlanStoreError {
        .invalidArgument(name: name, value: value, reason: .untranslated(reason))
    }

    public static func io(path: String, reason: String) -> PlanStoreError { .io(path: path, reason: .untranslated(reason)) }

    public static func approvalRefused(child: String, period: String, reason: String) -> PlanStoreError {
        .approvalRefused(child: child, period: period, reason: .untranslated(reason))
    }

    public static func pushRejected(reference: String, remote: String, reason: String, serverMessages: String) -> PlanStoreError {
        .pushRejected(reference: reference, remote: remote, reason: .verbatim(reason), serverMessages: serverMessages)
    }

    public static func belowInherited(indicator: String, value: String, floor: String, origin: String) -> PlanStoreError {
        .belowInherited(indicator: indicator, value: value, floor: floor, origin: .untranslated(origin))
    }

    public var description: String { message.description }

    public var message: Message {
        switch self {
        case .noIdentity(let missing):
            return Message("error.no-identity", ["missing": .term("term.identity.\(missing)")])
        case .badDate(let variable, let value):
            return Message("error.bad-date", ["variable": .text(variable), "value": .text(value)])
        case .notAUnitRepository(let path):
            return Message("error.not-a-unit-repository", ["path": .text(path)])
        case .alreadyExists(let path):
            return Message("error.already-exists", ["path": .text(path)])
        case .invalidArgument(let name, let value, let reason):
            // An option (`--year`) is typed as it is; a word (`period`, `child id`) is the catalogue's.
            let term = "term.argument." + name.replacingOccurrences(of: " ", with: "-")
            let named: Message.Value = Catalogue.english[term] != nil ? .term(term) : .text(name)
            return Message("error.invalid-argument", ["name": named, "value": .text(value), "reason": .message(reason)])
        case .invalidDocument(let path, let findings):
            return Message("error.invalid-document", ["path": .text(path), "findings": .list(findings.map { .message($0) }, separator: "; ")])
        case .dirtyWorkTree(let paths):
            let shown = paths.prefix(5).joined(separator: ", ") + (paths.count > 5 ? ", …" : "")
            return Message("error.dirty-work-tree", ["paths": .text(shown)])
        case .concurrentUpdate(let reference):
            return Message("error.concurrent-update", ["reference": .text(reference)])
        case .pushRejected(let reference, let remote, let reason, let serverMessages):
            let server = RemoteURL.maskingURLs(in: serverMessages.trimmingCharacters(in: .whitespacesAndNewlines))
            let refused = Message("error.push-rejected", ["remote": .text(RemoteURL.redacted(remote)), "reference": .text(reference), "reason": .message(reason)])
            if server.isEmpty { return refused }
            return Message("error.push-rejected-server", ["refused": .message(refused), "server": .text(server)])
        case .hookDeclined(let reference, let remote, let problems):
            let refused = Message("error.push-rejected", [
                "remote": .text(RemoteURL.redacted(remote)), "reference": .text(reference), "reason": .term("error.push-hook-declined")])
            return Message("error.push-rejected-server", ["refused": .message(refused), "server": .list(problems.map { .message($0) }, separator: "\n")])
        case .noParent(let unit):
            return Message("error.no-parent", ["unit": .text(unit)])
        case .parentNotPublished(let url):
            return Message("error.parent-not-published", ["url": .text(RemoteURL.redacted(url))])
        case .unknownIndicator(let code, let year, let known):
            let place = year.map { "plans/\($0)/indicators/" } ?? "plans/<year>/indicators/"
            let list = known.isEmpty
                ? Message("error.unknown-indicator.none")
                : Message("error.unknown-indicator.declared", ["codes": .text(known.prefix(12).joined(separator: ", ") + (known.count > 12 ? ", …" : ""))])
            return Message("error.unknown-indicator", ["code": .text(code), "place": .text(place), "declared": .message(list)])
        case .belowInherited(let indicator, let value, let floor, let origin):
            func number(_ text: String) -> Message.Value { Exact(text).map { .number($0) } ?? .text(text) }
            return Message("error.below-inherited", ["indicator": .text(indicator), "value": number(value), "floor": number(floor), "origin": .message(origin)])
        case .invalidInput(let findings):
            return Message("error.invalid-input", ["findings": .list(findings.map { .message($0) }, separator: "\n")])
        case .noRemotes(let unit):
            return Message("error.no-remotes", ["unit": .text(unit)])
        case .unresolvedConflicts(let count):
            return Message("error.unresolved-conflicts", ["count": .count(count)])
        case .historyRewritten(let child, let collected, let pushed):
            return Message("error.history-rewritten", ["child": .text(child), "collected": .text(String(collected.prefix(7))), "pushed": .text(String(pushed.prefix(7)))])
        case .approvalRefused(let child, let period, let reason):
            return Message("error.approval-refused", ["child": .text(child), "period": .period(period), "reason": .message(reason)])
        case .git(let error):
            return error.catalogueMessage
        case .io(let path, let reason):
            return Message("error.io", ["path": .text(path), "reason": .message(reason)])
        }
    }
}

extension GitError {
    /// `git_xxx failed: <libgit2's text>`: the function and libgit2's own words stay as they are.
    /// (Not `message`: that is libgit2's text; the Git module knows no catalogue.)
    public var catalogueMessage: Message {
        if isDamagedObject {
            let id = message.split(whereSeparator: { !$0.isHexDigit }).first { $0.count == 40 }.map(String.init)
            return Message("error.git-damaged", [
                "function": .text(function), "detail": .text(RemoteURL.maskingURLs(in: message)), "object": .text(id.map { String($0.prefix(12)) } ?? "?")])
        }
        return Message("error.git", ["function": .text(function), "detail": .text(RemoteURL.maskingURLs(in: message))])
    }

    /// Whether libgit2 met a missing or corrupt object (its object-database or zlib error
    /// classes): the repository needs repairing, which the message says how to do.
    var isDamagedObject: Bool {
        // GIT_ERROR_ZLIB 5, GIT_ERROR_ODB 9 (libgit2's git_error_t).
        errorClass == 5 || errorClass == 9 || message.contains("corrupt") || message.contains("failed to parse loose object")
            || message.contains("object not found - no match for id")
    }
}
