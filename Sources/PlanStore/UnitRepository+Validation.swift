import Git
import PlanModel

extension UnitRepository {
    /// Validates the unit's own documents on `main` with `changes` applied and returns
    /// the error findings in the changed files (cross-file rules included, `children/`
    /// left out). Workflows call it before committing, so nothing invalid is committed.
    /// Reads only the files the rules can involve (``TreeValidator/errors(after:files:read:)``):
    /// a report commit reads the unit's `unit.json`, its reports of the year and the
    /// indicators it names, never the rest of the plan or `children/`.
    public func errors(after changes: [String: [UInt8]?]) throws -> [Finding] {
        let tree = try head().map { try git.commit($0).tree }
        var blobs: [String: Oid] = [:]
        return try TreeValidator.errors(
            after: changes,
            files: { folder in
                guard let tree, let entry = try git.entry(at: folder, in: tree), entry.kind == .tree else { return [] }
                let files = try git.files(in: entry.oid, under: folder)
                blobs.merge(files) { $1 }
                return Array(files.keys)
            },
            read: { path in
                guard let tree else { return nil }
                if let oid = blobs[path] { return try git.blob(oid) }
                guard let entry = try git.entry(at: path, in: tree), entry.kind != .tree, entry.kind != .submodule else { return nil }
                return try git.blob(entry.oid)
            })
    }

    /// Commits `changes` only when they leave the unit's documents valid.
    /// - Throws: `PlanStoreError.invalidDocument` listing every error, and writes nothing.
    @discardableResult
    public func commitValidated(
        _ changes: [String: [UInt8]?], message: String, identity: Identity, purpose: CommitSigning.Purpose = .ordinary
    ) throws -> Oid? {
        let errors = try errors(after: changes)
        guard errors.isEmpty else {
            throw PlanStoreError.invalidDocument(path: errors[0].file ?? "", findings: errors.map(\.lineMessage))
        }
        return try commit(changes, message: message, identity: identity, purpose: purpose)
    }
}
