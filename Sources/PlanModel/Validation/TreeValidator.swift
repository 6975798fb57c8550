/// Validates a whole unit repository tree given as (path, bytes) pairs (no file I/O).
///
/// Runs ``DocumentValidator`` on every document path, warns about unexpected `.json`
/// files in plan, progress, rollup, approval and conflict folders, and checks each unit subtree (the root unit and
/// each `children/<id>/…` separately): `unit.json` present, indicators referenced by
/// targets, tasks, baselines and figures defined for the same unit and year, percent values
/// within 0–100, score targets and baselines within `maxScore`, ids unique across files,
/// report and parent unit ids consistent with the folders, and baselines only for listed
/// children (a warning).
public enum TreeValidator {
    /// Validates a tree; findings are sorted by file, then line, then column.
    public static func validate(files: [(path: String, bytes: [UInt8])]) -> [Finding] {
        var findings: [Finding] = []
        var units: [[String]: UnitFiles] = [[]: UnitFiles()]
        for file in files.sorted(by: { $0.path < $1.path }) {
            guard let documentPath = DocumentPath(file.path) else {
                if let warning = unexpectedFile(file.path) { findings.append(warning) }
                continue
            }
            let checked = DocumentValidator.check(bytes: file.bytes, path: file.path)
            findings += checked.findings
            units[documentPath.unitPath, default: UnitFiles()].files.append(checked)
        }
        for unitPath in units.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
            var check = UnitCheck(unitPath: unitPath, files: units[unitPath]!.files)
            check.enclosingUnitID = unitPath.isEmpty ? nil : units[Array(unitPath.dropLast())]?.unitID
            check.run()
            findings += check.findings
        }
        return Finding.sortedByPosition(findings)
    }

    /// A `layout` warning for a `.json` file inside a plans/, progress/, rollup/ or
    /// conflicts/ folder that is not a document path.
    static func unexpectedFile(_ path: String) -> Finding? {
        guard path.hasSuffix(".json") else { return nil }
        var parts = path.split(separator: "/", omittingEmptySubsequences: false)
        var nested = false
        while parts.count > 2, parts[0] == "children" {
            parts.removeFirst(2)
            nested = true
        }
        guard parts.count > 1, ["plans", "progress", "rollup", "approvals", "conflicts"].contains(parts[0]) else { return nil }
        if nested, parts.count == 2, parts[0] == "conflicts" {
            return Finding(
                severity: .warning, kind: "layout",
                message: Message("validation.conflict-under-children"),
                file: path)
        }
        return Finding(
            severity: .warning, kind: "layout",
            message: Message("validation.unexpected-file", ["layout": DocumentValidator.layoutSummary]),
            file: path)
    }
}

/// The checked files of one unit folder.
struct UnitFiles {
    var files: [DocumentValidator.Checked] = []

    var unitID: String? {
        for file in files { if case .unit(let unit)? = file.document { return unit.id } }
        return nil
    }
}
