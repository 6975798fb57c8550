import Cascade
import Git
import PlanModel

extension VerifyQuery {
    /// Issue 18: every stored rollup of the tree that counts a unit twice (`double-count`,
    /// error), and every unit collected in two places that no decision of the unit where
    /// `verify` runs names (`reorg-undecided`, warning: it counts once, at the first place).
    func reorganisationFindings(units: [CollectedUnit], tree: Oid, repository: UnitRepository) throws -> [Finding] {
        let git = repository.git
        var findings: [Finding] = []
        for unit in units {
            guard let folder = try git.entry(at: unit.prefix + "rollup", in: tree), folder.kind == .tree else { continue }
            for (path, blob) in try git.files(in: folder.oid, under: "rollup").sorted(by: { $0.key < $1.key }) {
                guard let stored: Rollup = try? PlanSnapshot.decode(try git.blob(blob), path: unit.prefix + path) else { continue }
                for (code, figure) in stored.figures.sorted(by: { $0.key < $1.key }) {
                    if let finding = Structure.doubleCount(unit: unit.id, file: unit.prefix + path, period: stored.period, indicator: code, figure: figure) {
                        findings.append(finding)
                    }
                }
            }
        }
        let decisions = try RollupWriter.decisions(in: tree, repository: repository, cache: DocumentCache())
        let decided = Set(decisions.flatMap(\.units))
        let places = Dictionary(grouping: units.filter { !$0.prefix.isEmpty }, by: \.id)
        for (id, copies) in places.sorted(by: { $0.key < $1.key }) where copies.count > 1 && !decided.contains(id) {
            findings.append(Finding(
                .warning, .reorgUndecided, unit: id, file: copies[0].prefix + Layout.unitFile,
                message: Message("reorg.undecided", [
                    "unit": .text(id), "places": .list(copies.map { .text(String($0.prefix.dropLast())) }), "counted": .text(String(copies[0].prefix.dropLast())),
                ])))
        }
        return findings
    }
}
