import ArgumentParser
import PlanStore

extension PlanCascade {
    struct Collect: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Merge what the children pushed into main under children/<id>/ and recompute the rollup.",
            discussion: """
                For every refs/children/<id>/main (in a working clone, fetched from the hub first), \
                the child's history is merged into main with a two-parent merge commit, so the \
                child's commits become ancestors of main and its files keep their blob ids. A child \
                head that does not descend from the one collected before (rewritten history) is not \
                merged: it is reported, and the exit code is 1, unless --accept-rewrite.
                """)

        @Flag(help: "Collect children whose history was rewritten anyway (recorded in the merge commit).")
        var acceptRewrite = false

        func run() throws {
            var problems = false
            try reportingErrors {
                let outcome = try CollectWorkflow(acceptRewrite: acceptRewrite).run(in: try UnitRepository.open(at: ".", notice: notify))
                for item in outcome.collected {
                    print("Collected \(item.child) \(item.head.short) (\(item.newCommits) new commit\(item.newCommits == 1 ? "" : "s")) → main \(item.merge.short)")
                }
                for item in outcome.rewritten {
                    let verb = item.accepted ? "collected anyway (--accept-rewrite)" : "NOT collected"
                    print("History rewritten: \(item.child) pushed \(item.pushed.short), which does not descend from \(item.collected.short) collected before — \(verb)")
                    if !item.accepted { problems = true }
                }
                for item in outcome.refused {
                    print("Refused refs/children/\(item.child)/main: \(item.reason)")
                    problems = true
                }
                if !outcome.unchanged.isEmpty { print("Unchanged: \(outcome.unchanged.joined(separator: ", "))") }
                if outcome.collected.isEmpty && outcome.rewritten.isEmpty && outcome.refused.isEmpty && outcome.unchanged.isEmpty {
                    print("No child has pushed yet (children push with `plancascade push`)")
                }
            }
            if problems { throw ExitCode(ExitCodes.problemsFound) }
        }
    }
}
