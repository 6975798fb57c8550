import Cascade
import Git
import PlanModel

/// The files of a reported period as they are in a tree: what an approval locks, what
/// `approve`, `check`, `collect` and the pre-receive hook compare with it.
///
/// "Did the unit report period P" has one answer everywhere (``ReportedPeriod`` in
/// Cascade): it did when it has a report (or a rollup) of P or of any period within P — a
/// month is reported by its 10-day reports, a quarter by its months.
enum ReportFiles {
    /// A unit's report files for `period` in `tree` under `prefix` (`""`, or a child's
    /// `children/<id>/`): every `progress/` and `rollup/` file of a period within `period`,
    /// path within the unit → blob id.
    static func blobs(in tree: Oid, prefix: String, period: Period, git: Repository) throws -> [String: String] {
        var files: [String: String] = [:]
        for folder in ["progress", "rollup"] {
            let year = "\(folder)/\(period.year)"
            guard let entry = try git.entry(at: prefix + year, in: tree), entry.kind == .tree else { continue }
            for file in try git.tree(entry.oid) where file.kind != .tree && file.name.hasSuffix(".json") {
                guard let reported = Period(String(file.name.dropLast(5))), ReportedPeriod.answers(reported, for: period) else { continue }
                files["\(year)/\(file.name)"] = file.oid.hex
            }
        }
        return files
    }

    /// Every period the unit at `prefix` of `tree` has a report or a rollup of, in any
    /// year: what ``ReportedPeriod`` asks "has it reported P" of.
    static func periods(in tree: Oid, prefix: String, git: Repository) throws -> Set<Period> {
        var periods: Set<Period> = []
        for folder in ["progress", "rollup"] {
            guard let entry = try git.entry(at: prefix + folder, in: tree), entry.kind == .tree else { continue }
            for year in try git.tree(entry.oid) where year.kind == .tree {
                for file in try git.tree(year.oid) where file.kind != .tree && file.name.hasSuffix(".json") {
                    if let period = Period(String(file.name.dropLast(5))), period.year == Int(year.name) { periods.insert(period) }
                }
            }
        }
        return periods
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
