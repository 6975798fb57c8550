import Git
import PlanModel

extension ChildTreeCheck {
    /// The first figure of `child`'s own reports, new since `known`, above the maximum score
    /// the PARENT's plan gives its criterion (issue 17 part 4: a figure above the maximum is
    /// refused): a child that raised the maximum in its own copy of the indicator still
    /// cannot report 3 of 1.5 to its parent. Nil when every figure fits.
    /// - Parameter main: the parent's commit whose plans hold the maxima.
    func figureAboveParentMaximum(child: String, head: Oid, known: Oid?, main: Oid) throws -> Message? {
        let tree = try git.commit(head).tree
        let parentTree = try git.commit(main).tree
        var maxima: [Int: [String: Indicator]] = [:]
        func indicators(_ year: Int) throws -> [String: Indicator] {
            if let known = maxima[year] { return known }
            var found: [String: Indicator] = [:]
            let folder = "plans/\(year)/indicators"
            if let entry = try git.entry(at: folder, in: parentTree), entry.kind == .tree {
                for (path, oid) in try git.files(in: entry.oid, under: folder) where path.hasSuffix(".json") {
                    guard let indicator = try? CanonicalJSON.decode(Indicator.self, from: try git.blob(oid), file: path),
                          indicator.measure == .score, indicator.maxScore != nil else { continue }
                    found[indicator.code] = indicator
                }
            }
            maxima[year] = found
            return found
        }
        for file in try git.changedFiles(from: known, to: tree, skipping: Layout.childrenFolder)
        where file.hasPrefix("progress/") && file.hasSuffix(".json") {
            guard let entry = try git.entry(at: file, in: tree), entry.kind != .tree,
                  let report = try? CanonicalJSON.decode(ProgressReport.self, from: try git.blob(entry.oid), file: file) else { continue }
            let parentIndicators = try indicators(report.period.year)
            for (code, figure) in report.figures.sorted(by: { $0.key < $1.key }) {
                guard let indicator = parentIndicators[code],
                      let problem = FigureRules.check(figure, code: code, indicator: indicator).first else { continue }
                return Message("comparison.collect.above-parent-max", [
                    "child": .text(child), "file": .text(file), "max": .number(indicator.maxScore!), "problem": .message(problem.message)])
            }
        }
        return nil
    }
}
