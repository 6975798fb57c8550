import PlanModel

/// Where things live in a unit repository (documented in README.md, "Repository layout").
public enum Layout {
    /// The unit's working history.
    public static let mainBranch = "refs/heads/main"
    /// What a unit publishes to its children: plans and rules only, never children's data.
    public static let targetsBranch = "refs/heads/targets"
    /// The remote naming the unit's own bare hub.
    public static let originRemote = "origin"
    /// The remote naming the parent unit's hub.
    public static let parentRemote = "parent"
    /// Only the parent's published targets are fetched, never its children's reports.
    public static let parentFetchRefspec = "+refs/heads/targets:refs/remotes/parent/targets"

    /// Where the parent's published targets land after a fetch.
    public static let parentTrackingTargets = "refs/remotes/parent/targets"

    /// Where `sync` fetches the hub's `main`.
    public static let originTrackingMain = "refs/remotes/origin/main"

    /// Unresolved merge conflicts, one record per conflicted field (see `plancascade conflicts`).
    public static let conflictsFolder = "conflicts"
    /// Aggregated figures of the unit and its subtree.
    public static func rollupFile(year: Int, period: String) -> String { "rollup/\(year)/\(period).json" }

    public static let unitFile = "unit.json"
    /// Reorganisation decisions recorded or received (`plancascade reorg`).
    public static let reorgFolder = "reorg"
    public static func reorgFile(_ id: String) -> String { "\(reorgFolder)/\(id).json" }

    public static func planFile(year: Int) -> String { "plans/\(year)/plan.json" }
    public static func indicatorFile(year: Int, code: String) -> String { "plans/\(year)/indicators/\(code).json" }
    public static func targetFile(year: Int, indicator: String) -> String { "plans/\(year)/targets/\(indicator).json" }
    public static func taskFile(year: Int, id: String) -> String { "plans/\(year)/tasks/\(id).json" }
    public static func baselinesFile(year: Int, unit: String) -> String { "plans/\(year)/baselines/\(unit).json" }
    public static func progressFile(year: Int, period: String) -> String { "progress/\(year)/\(period).json" }
    /// The unit's decision on a child's report for a period (`plancascade approve`).
    public static func approvalFile(child: String, period: Period) -> String { "approvals/\(child)/\(period.description).json" }
    /// Where collected children's trees live, each under its id.
    public static let childrenFolder = "children"
    /// Where a parent keeps a child's tree as last collected.
    public static func childFolder(_ id: String) -> String { "\(childrenFolder)/\(id)" }
    /// Where a parent's hub receives a child's pushes.
    public static func childReference(_ id: String) -> String { "refs/children/\(id)/main" }
}
