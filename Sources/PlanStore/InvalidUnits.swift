import Cascade
import Git
import PlanModel

/// The collected units of a tree whose documents do not decode — a file under
/// `children/<id>/` edited by hand with plain git in the parent's clone, damaged, or collected
/// by an older version that did not validate it. Reading commands (`status`, `trace`,
/// `verify`, `export`, the web's children table) show such a unit as invalid, with the file
/// and the reason `check` and `collect` give, and every other unit as usual: one unit's bad
/// file never stops a parent's reading. Its figures are nobody's report and are counted in no
/// total (``RollupWriter``).
public struct InvalidUnit: Equatable, Sendable {
    /// The unit's id (its folder's name).
    public let id: String
    /// Its folder: `children/<id>/`, any depth.
    public let prefix: String
    /// The first file that does not decode, as a path of the tree.
    public let file: String
    /// Its problems, one `FILE:LINE:COLUMN: error: …` each.
    public let problems: [Message]

    /// The `invalid-document` error `trace`, `verify` and `export` report for it.
    public var finding: Finding {
        Finding(.error, .invalidDocument, unit: id, file: file, message: message)
    }

    /// Whether the unit at `prefix` is this unit or below it (not read either).
    func covers(_ prefix: String) -> Bool { prefix.hasPrefix(self.prefix) }

    /// Whether the bad file is one every total reads (its `unit.json` or a report): then the
    /// unit and its subtree are counted in no total. A bad plan file leaves its reports counted.
    public var countedInNoTotal: Bool {
        let local = file.dropFirst(prefix.count)
        return local == Layout.unitFile || local.hasPrefix("progress/")
    }

    /// What `status`, `trace` and `verify` print: the first problem and what to do.
    public var message: Message {
        Message(countedInNoTotal ? "hardening.invalid-unit" : "hardening.invalid-unit.plan", [
            "unit": .text(id), "problem": .message(problems.first ?? Message("check.invalid-document.default"))])
    }
}

enum InvalidUnits {
    /// Every collected unit below the unit at the root of `tree` whose documents of `kinds`
    /// do not decode, depth first in folder order; the subtree of an invalid unit is not read.
    static func find(
        in tree: Oid, repository: UnitRepository, kinds: Set<DocumentKind> = PlanSnapshot.allKinds, cache: DocumentCache
    ) throws -> [InvalidUnit] {
        let git = repository.git
        var found: [InvalidUnit] = []
        func visit(_ prefix: String) throws {
            guard let folder = try git.entry(at: prefix + Layout.childrenFolder, in: tree), folder.kind == .tree else { return }
            for entry in try git.tree(folder.oid) where entry.kind == .tree {
                let childPrefix = prefix + Layout.childFolder(entry.name) + "/"
                guard try git.entry(at: childPrefix + Layout.unitFile, in: tree) != nil else { continue }
                do {
                    _ = try PlanSnapshot.load(from: repository, tree: tree, prefix: childPrefix, kinds: kinds, cache: cache)
                } catch PlanStoreError.invalidDocument(let path, let problems) {
                    found.append(InvalidUnit(id: entry.name, prefix: childPrefix, file: path, problems: problems))
                    continue
                }
                try visit(childPrefix)
            }
        }
        try visit("")
        return found
    }
}
