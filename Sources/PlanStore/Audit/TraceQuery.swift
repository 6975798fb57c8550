import Cascade
import Git
import PlanModel

/// `plancascade trace`: from a unit's stored rollup of one indicator down to every figure
/// that contributes to it in the collected subtree, with the commit that wrote each file
/// and its blob id, and whether each stored total equals
/// its recomputation (``RollupWriter``, the same rules `collect` applies).
public struct TraceQuery {
    /// One figure of the chain: a unit's stored subtree total, or a unit's own report.
    public struct Row: Encodable, Sendable {
        /// 0 for the unit where `trace` runs, 1 for its children, …
        public let depth: Int
        public let unit: String
        /// `rollup` (the unit's stored subtree total) or `report` (its own figure).
        public let source: String
        /// `numerator/denominator` or the value, as stored.
        public let figure: String
        /// The total recomputed from the unit's own report and its children's totals (rollups only).
        public let recomputed: String?
        /// Whether the stored total equals the recomputed one (rollups only).
        public let matches: Bool?
        /// The commit that wrote the file as it is (``BlobOrigin``): the commune's own commit
        /// for its report, the collect that recomputed a rollup — or the parent's commit that
        /// edited a child's file after collecting it.
        public let commit: String?
        public let blob: String
        public let file: String
        /// How many of the units expected to report the indicator the stored total sums, of
        /// how many, and who is missing (``Completeness``; rollups only).
        public var reported: Int? = nil
        public var expected: Int? = nil
        public var missing: [String]? = nil

        /// The total sums every unit expected to report (true for reports).
        public var complete: Bool { missing?.isEmpty ?? true }
        /// For a report found in more than one place (a unit moved by a reorganisation has a
        /// copy under its old parent too), or not counted at all: whether this copy is the one
        /// the totals count — each report counts once. Nil for a report counted in its only place.
        public var counted: Bool? = nil
        /// For a report copy not counted: where the counted copy is (nil: the unit is not counted
        /// in this period — not alive, or under another parent then).
        public var countedAt: String? = nil
    }

    public struct Result: Encodable, Sendable {
        public let indicator: String
        public let period: String
        public let unit: String
        public let rows: [Row]
        /// Stored totals in the chain that count a unit twice (`double-count`, errors).
        public var findings: [Finding] = []

        /// Every stored total in the chain equals its recomputation and none counts a unit twice.
        public var consistent: Bool { rows.allSatisfy { $0.matches != false } && findings.isEmpty }
        /// Every stored total in the chain sums all the units expected to report it.
        public var complete: Bool { rows.allSatisfy(\.complete) }

        enum CodingKeys: String, CodingKey { case schema, indicator, period, unit, consistent, complete, rows, findings }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(1, forKey: .schema)
            try c.encode(indicator, forKey: .indicator)
            try c.encode(period, forKey: .period)
            try c.encode(unit, forKey: .unit)
            try c.encode(consistent, forKey: .consistent)
            try c.encode(complete, forKey: .complete)
            try c.encode(rows, forKey: .rows)
            try c.encode(findings, forKey: .findings)
        }
    }

    public init() {}

    /// - Parameter period: default: the latest period with a figure of `indicator`.
    /// - Throws: `PlanStoreError.invalidArgument` when there is no figure of the indicator.
    public func run(indicator: String, period: Period?, in repository: UnitRepository) throws -> Result {
        let git = repository.git
        guard let head = try repository.head() else { throw PlanStoreError.notAUnitRepository(path: repository.displayRoot) }
        let tree = try git.commit(head).tree
        let unit = try repository.unit().id
        // Every unit's recomputation reads its children again: decode each document once.
        let cache = DocumentCache()
        let totals = try RollupWriter.rollups(of: tree, in: repository, cache: cache)
        guard let chosen = period ?? totals.filter({ $0.value.figures[indicator] != nil }).keys.max() else {
            throw PlanStoreError.invalidArgument(
                name: "indicator", value: indicator, reason: "has no figure in \(unit) or its collected subtree; see `plancascade status`")
        }
        var rows: [Row] = []
        let units = try CollectedUnit.all(in: tree, head: head, reader: DocumentReader(git))
        let origin = BlobOrigin(git: git, tree: tree, heads: Dictionary(units.compactMap { unit in unit.head.map { (unit.prefix, $0) } }) { first, _ in first })
        let expected = ExpectedReporters(repository: repository, tree: tree, cache: cache)
        for unit in units {
            rows += try self.rows(
                of: unit, tree: tree, indicator: indicator, period: chosen, repository: repository, cache: cache, origin: origin, expected: expected)
        }
        // Each report counts once: the copy the structure in force names (issue 18).
        let attribution = RollupWriter.Attribution(
            positions: try RollupWriter.positions(at: "", of: tree, in: repository, cache: cache),
            decisions: try RollupWriter.decisions(in: tree, repository: repository, cache: cache), period: chosen)
        var findings: [Finding] = []
        for index in rows.indices {
            let prefix = String(rows[index].file.dropLast(rows[index].source == "report"
                ? Layout.progressFile(year: chosen.year, period: chosen.description).count
                : Layout.rollupFile(year: chosen.year, period: chosen.description).count))
            if rows[index].source == "report" {
                let at = attribution.counted[rows[index].unit]?.prefix
                rows[index].counted = at == prefix
                if at != prefix { rows[index].countedAt = at.map { $0.isEmpty ? "." : String($0.dropLast()) } }
            } else if let entry = try git.entry(at: rows[index].file, in: tree),
                      let stored = try? cache.document(Rollup.self, entry.oid, path: rows[index].file, in: git),
                      let figure = stored.figures[indicator],
                      let finding = Structure.doubleCount(unit: rows[index].unit, file: rows[index].file, period: chosen, indicator: indicator, figure: figure) {
                findings.append(finding)
            }
        }
        // Only worth saying where a unit's report is found twice, or not counted at all.
        let copies = Dictionary(grouping: rows.filter { $0.source == "report" }, by: \.unit).mapValues(\.count)
        for index in rows.indices where rows[index].counted == true && copies[rows[index].unit] == 1 { rows[index].counted = nil }
        // A collected unit whose report does not decode is counted in no total: said, not fatal.
        findings += try InvalidUnits.find(in: tree, repository: repository, kinds: PlanSnapshot.rollupChildKinds, cache: cache).map(\.finding)
        var result = Result(indicator: indicator, period: chosen.description, unit: unit, rows: rows)
        result.findings = findings
        return result
    }

    /// The unit's stored total (with its recomputation) and its own report, when they have
    /// a figure of `indicator` in `period`.
    private func rows(
        of unit: CollectedUnit, tree: Oid, indicator: String, period: Period, repository: UnitRepository, cache: DocumentCache,
        origin: BlobOrigin, expected: ExpectedReporters
    ) throws -> [Row] {
        let git = repository.git
        var rows: [Row] = []
        let prefix = unit.prefix
        let subtree = prefix.isEmpty ? tree : try git.entry(at: String(prefix.dropLast()), in: tree)?.oid
        guard let subtree else { return [] }
        let rollupPath = prefix + Layout.rollupFile(year: period.year, period: period.description)
        if let entry = try git.entry(at: rollupPath, in: tree),
           let stored = try? cache.document(Rollup.self, entry.oid, path: rollupPath, in: git),
           let figure = stored.figures[indicator] {
            let recomputed = try RollupWriter.rollups(of: subtree, in: repository, cache: cache)[period]?.figures[indicator]
            var row = Row(
                depth: unit.depth, unit: unit.id, source: "rollup", figure: Self.text(figure), recomputed: recomputed.map(Self.text) ?? "none",
                matches: recomputed == figure, commit: try origin.commit(writing: rollupPath)?.hex, blob: entry.oid.hex, file: rollupPath)
            // A child's stored claim of who contributed is not trusted: the recomputed total's.
            if let completeness = try expected.completeness(of: recomputed ?? figure, at: prefix, code: indicator, period: period) {
                row.reported = completeness.reported
                row.expected = completeness.expected
                row.missing = completeness.missing
            }
            rows.append(row)
        }
        let reportPath = prefix + Layout.progressFile(year: period.year, period: period.description)
        if let entry = try git.entry(at: reportPath, in: tree),
           let report = try? cache.document(ProgressReport.self, entry.oid, path: reportPath, in: git),
           let figure = report.figures[indicator] {
            rows.append(Row(
                depth: unit.depth, unit: unit.id, source: "report", figure: ReportWorkflow.text(figure), recomputed: nil, matches: nil,
                commit: try origin.commit(writing: reportPath)?.hex, blob: entry.oid.hex, file: reportPath))
        }
        return rows
    }

    /// A total as stored: `numerator/denominator`, or the value.
    static func text(_ figure: RollupFigure) -> String {
        if let numerator = figure.numerator, let denominator = figure.denominator { return "\(numerator)/\(denominator)" }
        return figure.value.map { "\($0)" } ?? "none"
    }
}
