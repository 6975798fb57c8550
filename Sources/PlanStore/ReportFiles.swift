import Git
import PlanModel

/// The files of a reported period as they are in a tree: what an approval locks, what
/// `approve`, `check` and the pre-receive hook compare with it.
enum ReportFiles {
    /// A unit's report files for `period` in `tree` under `prefix` (`""`, or a child's
    /// `children/<id>/`): path within the unit → blob id.
    static func blobs(in tree: Oid, prefix: String, period: Period, git: Repository) throws -> [String: String] {
        var files: [String: String] = [:]
        for file in Approval.reportFiles(for: period) {
            if let entry = try git.entry(at: prefix + file, in: tree), entry.kind != .tree { files[file] = entry.oid.hex }
        }
        return files
    }
}

extension UnitRepository {
    /// The conflict records a sync left on `main` (`conflicts/*.json`), by file and path.
    func conflictRecords() throws -> [ConflictRecord] {
        try conflictFiles().sorted { $0.key < $1.key }.map { path, oid in
            try PlanSnapshot.decode(try git.blob(oid), path: path) as ConflictRecord
        }.sorted { ($0.file, $0.path) < ($1.file, $1.path) }
    }
}
