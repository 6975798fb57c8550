import Git
import PlanModel

extension UnitRepository {
    /// Validates the unit's own documents on `main` with `changes` applied and returns
    /// the error findings in the changed files (cross-file rules included, `children/`
    /// left out). Workflows call it before committing, so nothing invalid is committed.
    public func errors(after changes: [String: [UInt8]?]) throws -> [Finding] {
        var files: [String: [UInt8]] = [:]
        if let head = try head() {
            let tree = try git.commit(head).tree
            for (path, oid) in try git.files(in: tree) where !path.hasPrefix("children/") && path.hasSuffix(".json") {
                files[path] = try git.blob(oid)
            }
        }
        for (path, bytes) in changes { files[path] = bytes }
        let changed = Set(changes.compactMap { $0.value == nil ? nil : $0.key })
        return TreeValidator.validate(files: files.map { (path: $0.key, bytes: $0.value) }.sorted { $0.path < $1.path })
            .filter { $0.severity == .error && changed.contains($0.file) }
    }

    /// Commits `changes` only when they leave the unit's documents valid.
    /// - Throws: `PlanStoreError.invalidDocument` listing every error, and writes nothing.
    @discardableResult
    public func commitValidated(_ changes: [String: [UInt8]?], message: String, identity: Identity) throws -> Oid? {
        let errors = try errors(after: changes)
        guard errors.isEmpty else {
            throw PlanStoreError.invalidDocument(path: errors[0].file, findings: errors.map(\.description))
        }
        return try commit(changes, message: message, identity: identity)
    }
}
