import Cascade
import Foundation
import Git
import PlanModel

/// `plancascade child add`: records a subordinate unit in `unit.json`'s `children`, so the
/// parent knows whom it publishes for, whose baselines it keeps and whose reports to expect.
public struct ChildWorkflow {
    public let environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    /// Adds (or renames / re-levels) child `id`, with the other names the plans call it by
    /// (`aliases`, added to those it had). Returns the commit, nil when nothing changed.
    @discardableResult
    public func add(id: String, name: String, level: String, aliases: [String] = [], in repository: UnitRepository) throws -> Oid? {
        if let problem = Identifier.problem(id) { throw PlanStoreError.invalidArgument(name: "child id", value: id, reason: problem) }
        if let problem = Identifier.problem(level) { throw PlanStoreError.invalidArgument(name: "--level", value: level, reason: problem) }
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping
        guard !name.isEmpty else { throw PlanStoreError.invalidArgument(name: "--name", value: name, reason: Message("workflow.child.empty-name")) }
        var unit = try repository.unit()
        guard id != unit.id else { throw PlanStoreError.invalidArgument(name: "child id", value: id, reason: Message("workflow.child.own-id")) }
        let existed = unit.children.contains { $0.id == id }
        let known = unit.children.first { $0.id == id }?.aliases ?? []
        unit.children.removeAll { $0.id == id }
        unit.children.append(UnitRef(id: id, name: name, level: level, aliases: try Self.merged(known, aliases)))
        unit.children.sort { $0.id < $1.id }
        let identity = try Identity.resolve(for: repository.git, environment: environment)
        return try repository.commitValidated(
            [Layout.unitFile: try CanonicalJSON.encode(unit)],
            message: "\(existed ? "Update" : "Add") child \(level) \(id) (\(name))\n", identity: identity)
    }

    /// Adds `aliases` to registered child `id` (`plancascade child alias`). Returns the
    /// commit, nil when it had them all.
    @discardableResult
    public func alias(id: String, aliases: [String], in repository: UnitRepository) throws -> Oid? {
        var unit = try repository.unit()
        guard let index = unit.children.firstIndex(where: { $0.id == id }) else {
            throw PlanStoreError.invalidArgument(name: "child id", value: id, reason: Message("scope.child.unknown", [
                "unit": .text(unit.id), "children": .list(unit.children.map { .text($0.id) })]))
        }
        let merged = try Self.merged(unit.children[index].aliases, aliases)
        guard merged != unit.children[index].aliases else { return nil }
        unit.children[index].aliases = merged
        let identity = try Identity.resolve(for: repository.git, environment: environment)
        return try repository.commitValidated(
            [Layout.unitFile: try CanonicalJSON.encode(unit)],
            message: "Aliases of child \(id): \(merged.joined(separator: "; "))\n", identity: identity)
    }

    /// Adds `phrases` naming level `level` of this unit's children in its plans
    /// (`plancascade child phrase`; `unit.json` `levelPhrases`). Returns the commit, nil
    /// when it had them all.
    @discardableResult
    public func phrase(level: String, phrases: [String], in repository: UnitRepository) throws -> Oid? {
        if let problem = Identifier.problem(level) { throw PlanStoreError.invalidArgument(name: "--level", value: level, reason: problem) }
        var unit = try repository.unit()
        let known = unit.levelPhrases[level] ?? []
        let merged = try Self.merged(known, phrases)
        guard merged != known else { return nil }
        unit.levelPhrases[level] = merged
        let identity = try Identity.resolve(for: repository.git, environment: environment)
        return try repository.commitValidated(
            [Layout.unitFile: try CanonicalJSON.encode(unit)],
            message: "Phrases naming level \(level): \(merged.joined(separator: "; "))\n", identity: identity)
    }

    /// `known` followed by the NFC, trimmed `added` it lacks (compared case-insensitively);
    /// an empty one is refused.
    static func merged(_ known: [String], _ added: [String]) throws -> [String] {
        var result = known
        for raw in added {
            let text = raw.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping
            guard !text.isEmpty else {
                throw PlanStoreError.invalidArgument(name: "--alias", value: raw, reason: Message("scope.child.empty-alias"))
            }
            if !result.contains(where: { Recipients.folded($0) == Recipients.folded(text) }) { result.append(text) }
        }
        return result
    }
}
