import Cascade
import Foundation
import Git
import PlanModel

/// `plancascade conflicts` and `plancascade resolve`: lists the conflicts `sync` recorded
/// and settles them one at a time, each as a validated commit that writes the chosen
/// value into the document and removes the conflict record.
public struct ResolveWorkflow {
    public enum Choice: Equatable, Sendable {
        case ours, theirs
        /// A JSON value (`60`, `"Sở Nội vụ"`); text that is not JSON is taken as a string.
        case value(String)
    }

    public struct Outcome: Sendable {
        public let resolved: [ConflictRecord]
        public let commit: Oid?
        public let remaining: Int
    }

    public let environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    /// Every unresolved conflict on `main`, sorted by file and field.
    public func conflicts(in repository: UnitRepository) throws -> [ConflictRecord] {
        try repository.conflictRecords()
    }

    /// Settles the conflicts named by `selector` — a conflict id, an indicator or task id, or
    /// a file path — with `choice`.
    /// - Throws: `PlanStoreError.invalidArgument` when nothing matches, or when `--value` would
    ///   apply to several fields.
    public func resolve(_ selector: String, with choice: Choice, in repository: UnitRepository) throws -> Outcome {
        let all = try conflicts(in: repository)
        let matched = all.filter { $0.id == selector || $0.item == selector || $0.file == selector }
        guard !matched.isEmpty else {
            let known = all.map { "\($0.id) (\($0.item ?? $0.file))" }.joined(separator: ", ")
            throw PlanStoreError.invalidArgument(name: "conflict", value: selector,
                reason: all.isEmpty ? Message("workflow.resolve.no-conflicts") : Message("workflow.resolve.no-match", ["known": .text(known)]))
        }
        if case .value = choice, matched.count > 1 {
            throw PlanStoreError.invalidArgument(name: "conflict", value: selector,
                reason: Message("workflow.resolve.ambiguous", ["count": .count(matched.count), "ids": .text(matched.map(\.id).joined(separator: ", "))]))
        }
        var documents: [String: JSONValue?] = [:]
        var changes: [String: [UInt8]?] = [:]
        for record in matched {
            if documents[record.file] == nil {
                documents[record.file] = .some(try repository.file(record.file).map { try JSONParser.parse($0) })
            }
            let value: JSONValue?
            switch choice {
            case .ours: value = record.ours
            case .theirs: value = record.theirs
            case .value(let text): value = (try? JSONParser.parse(text)) ?? .string(text, at: .unknown)
            }
            do {
                documents[record.file] = .some(try JSONMerge.apply(value, at: record.path, in: documents[record.file]!))
            } catch {
                throw PlanStoreError.invalidDocument(path: record.file, findings: ["cannot set \(record.path): \(error)"])
            }
            changes["\(Layout.conflictsFolder)/\(record.id).json"] = .some(nil)
        }
        for (file, document) in documents {
            changes[file] = document.map { CanonicalJSON.render($0) }
        }
        let identity = try Identity.resolve(for: repository.git, environment: environment)
        let how: String
        switch choice {
        case .ours: how = "ours"
        case .theirs: how = "theirs"
        case .value(let text): how = "value \(text)"
        }
        let message = "Resolve \(selector): \(how)\n\n" + matched.map { "Resolved: \($0.id) \($0.file) \($0.path)" }.joined(separator: "\n") + "\n"
        let commit = try repository.commitValidated(changes, message: message, identity: identity)
        return Outcome(resolved: matched, commit: commit, remaining: all.count - matched.count)
    }
}
