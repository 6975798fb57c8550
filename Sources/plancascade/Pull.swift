import ArgumentParser
import Foundation
import PlanModel
import PlanStore

extension PlanCascade {
    struct Pull: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "pull", 
            abstract: text("help.pull.abstract"),
            discussion: text("help.pull.discussion"))

        @Flag(help: helpText("help.pull.dry-run"))
        var dryRun = false

        @Flag(help: helpText("help.pull.verbose"))
        var verbose = false

        @Option(help: helpText("help.pull.from"))
        var from: String?

        func run() throws {
            try reportingErrors {
                let repository = try UnitRepository.open(at: ".", notice: notify)
                let outcome = try PullWorkflow(dryRun: dryRun, bundle: from.map(InvocationFolder.resolve)).run(in: repository)
                defer {
                    // The parent's decisions on this unit's reports, when new ones came.
                    if outcome.approvalsReceived, let rows = try? ParentApprovalsQuery().run(in: repository) {
                        for line in ParentApprovalsQuery.messages(rows) { print(say(line)) }
                    }
                }
                if outcome.upToDate {
                    print(text("cli.pull.up-to-date", ["parent": .text(outcome.parentUnit), "commit": .text(outcome.parentCommit.short)]))
                    return
                }
                var table = TextTable([text("cli.pull.column.year"), text("cli.pull.column.item"), text("cli.pull.column.change"), text("cli.pull.column.detail")])
                // New and changed tasks first: they are what the clerk has to act on.
                let changes = outcome.changes.filter { $0.kind != .indicator }
                let listed = changes.filter { [.taskAdded, .taskUpdated].contains($0.kind) } + changes.filter { ![.taskAdded, .taskUpdated].contains($0.kind) }
                let shown = verbose ? listed : Array(listed.filter { $0.kind != .flagged }.prefix(12)) + outcome.flags
                for change in shown {
                    table.append(["\(change.year)", change.item, text("cli.pull.kind.\(change.kind.rawValue)"), say(change.message)])
                }
                let indicators = outcome.changes.filter { $0.kind == .indicator }.count
                if let commit = outcome.commit {
                    print(text("cli.pull.pulled", ["parent": .text(outcome.parentUnit), "from": .text(outcome.parentCommit.short), "commit": .text(commit.short)]))
                } else {
                    print(text(dryRun ? "cli.pull.would-pull" : "cli.pull.nothing", ["parent": .text(outcome.parentUnit), "from": .text(outcome.parentCommit.short)]))
                }
                if !table.rows.isEmpty { print(table.render(), terminator: "") }
                if shown.count < listed.count {
                    print(text("cli.pull.more", ["count": .count(listed.count - shown.count)]))
                }
                if indicators > 0 { print(text("cli.pull.indicators", ["count": .count(indicators), "parent": .text(outcome.parentUnit)])) }
                if !outcome.flags.isEmpty {
                    print(text("cli.pull.flagged", ["count": .count(outcome.flags.count)]))
                }
            }
        }
    }
}
