import Cascade
import Git
import PlanModel

/// What the walk reads of a unit's figures and approvals: the indicators that decide how
/// figures aggregate, the rollups by period, and approved reports changed since.
extension CheckQuery.Walk {
    /// The indicators of `year` as the unit where `check` runs defines them (its definitions
    /// decide how figures aggregate), completed by `node`'s own.
    func indicators(of node: Node, year: Int) -> [String: Indicator] {
        (node.snapshot.years[year]?.indicators ?? [:]).merging(root.years[year]?.indicators ?? [:]) { $1 }
    }

    /// `node`'s figures over its subtree by period, as `plancascade status` reads them: the
    /// unit's own computed from its tree, a descendant's from its stored rollups, else its
    /// own reports.
    mutating func rollups(of node: Node, year: Int) throws -> [Period: Rollup] {
        let key = "\(year) \(node.prefix)"
        if let known = rollupsSeen[key] { return known }
        let rollups = try computeRollups(of: node, year: year)
        rollupsSeen[key] = rollups
        return rollups
    }

    /// ``rollups(of:year:)``, worked out.
    private func computeRollups(of node: Node, year: Int) throws -> [Period: Rollup] {
        if node.path.isEmpty {
            do {
                return try RollupWriter.rollups(of: tree, in: repository, cache: cache)
            } catch PlanStoreError.invalidDocument {
                // A child's invalid file is its own finding; judge by the rollups as stored.
                return node.snapshot.rollups
            }
        }
        // A descendant's figures recomputed from the reports below it, never its stored claim.
        do {
            return try RollupWriter.subtreeRollups(
                at: node.prefix, of: tree, indicators: [year: indicators(of: node, year: year)], in: repository, cache: cache)
        } catch PlanStoreError.invalidDocument {
            // An invalid file below is its own finding; judge by the unit's own reports.
            return try RollupWriter.subtreeRollups(
                at: node.prefix, of: tree, indicators: [year: indicators(of: node, year: year)], in: repository, cache: cache, ownOnly: true)
        }
    }

    /// Reports `node` approved whose files changed since, each naming the commit (and its
    /// author) that last changed the file in the child's history as collected.
    func approvalBreaches(of node: Node) throws -> [Finding] {
        let git = repository.git
        var findings: [Finding] = []
        for (child, periods) in node.snapshot.approvals.sorted(by: { $0.key < $1.key }) {
            let prefix = node.prefix + Layout.childFolder(child) + "/"
            for (period, approval) in periods.sorted(by: { $0.key < $1.key }) {
                let current = try ReportFiles.blobs(in: tree, prefix: prefix, period: period, git: git)
                for breach in ApprovalRules.breaches(of: approval, current: current) {
                    let changedBy = try introducingCommit(of: prefix + breach.file).map { (author: try git.commit($0).author.name, commit: $0.hex) }
                    findings.append(ApprovalRules.changedAfterApproval(
                        breach, approval: approval, parent: node.snapshot.unit.id, prefix: node.prefix, changedBy: changedBy))
                }
            }
        }
        return findings
    }
}
