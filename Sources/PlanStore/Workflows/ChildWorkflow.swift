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

    /// Adds (or renames / re-levels) child `id`. Returns the commit, nil when nothing changed.
    @discardableResult
    public func add(id: String, name: String, level: String, in repository: UnitRepository) throws -> Oid? {
        if let problem = Identifier.problem(id) { throw PlanStoreError.invalidArgument(name: "child id", value: id, reason: problem) }
        if let problem = Identifier.problem(level) { throw PlanStoreError.invalidArgument(name: "--level", value: level, reason: problem) }
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines).precomposedStringWithCanonicalMapping
        guard !name.isEmpty else { throw PlanStoreError.invalidArgument(name: "--name", value: name, reason: Message("workflow.child.empty-name")) }
        var unit = try repository.unit()
        guard id != unit.id else { throw PlanStoreError.invalidArgument(name: "child id", value: id, reason: Message("workflow.child.own-id")) }
        let existed = unit.children.contains { $0.id == id }
        unit.children.removeAll { $0.id == id }
        unit.children.append(UnitRef(id: id, name: name, level: level))
        unit.children.sort { $0.id < $1.id }
        let identity = try Identity.resolve(for: repository.git, environment: environment)
        return try repository.commitValidated(
            [Layout.unitFile: try CanonicalJSON.encode(unit)],
            message: "\(existed ? "Update" : "Add") child \(level) \(id) (\(name))\n", identity: identity)
    }
}
