import ArgumentParser
import Foundation
import PlanModel
import PlanStore

/// The root command: lists the subcommands; every subcommand lives in its own file.
struct PlanCascade: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "plancascade",
        abstract: text("help.root.abstract"),
        discussion: text("help.root.discussion"),
        version: "plancascade \(version)",
        subcommands: [Demo.self, Init.self, Validate.self, Child.self, Import.self, Template.self, Targets.self, Tree.self, Tasks.self, TargetCommand.self, PlanCommand.self, Publish.self, Pull.self, Report.self, Push.self, Collect.self, Approve.self, Reopen.self, Signer.self, Status.self, Check.self, Log.self, Diff.self, Blame.self, Trace.self, Verify.self, Export.self, Serve.self, BundleCommand.self, Sync.self, Conflicts.self, Resolve.self, Hooks.self, Hook.self, Maintain.self, Reorg.self]
    )

    /// The commands by who uses them, one line each (`plancascade` with no arguments);
    /// `--help` keeps argument-parser's full list.
    static let groups: [(heading: String, commands: [String])] = [
        ("commune", ["tasks", "targets", "pull", "report", "status", "push", "bundle create", "sync", "conflicts", "resolve", "validate"]),
        ("district", ["init", "child add", "import", "target set", "plan set", "publish", "collect", "bundle apply", "approve", "reopen", "signer add", "export", "hooks install", "maintain", "reorg"]),
        ("inspector", ["check", "verify", "log", "diff", "blame", "trace", "status", "tree", "export"]),
        ("start", ["demo", "serve"]),
    ]

    func run() throws {
        var lines = [text("cli.root.title"), ""]
        let width = Self.groups.flatMap(\.commands).map(\.count).max() ?? 0
        for group in Self.groups {
            lines.append(text("cli.root.group.\(group.heading)"))
            for command in group.commands {
                let code = "cli.root.line." + command.replacingOccurrences(of: " ", with: "-")
                lines.append("  " + command.padding(toLength: width + 2, withPad: " ", startingAt: 0) + text(code))
            }
            lines.append("")
        }
        lines.append(text("cli.root.more"))
        print(lines.joined(separator: "\n"))
    }
}
