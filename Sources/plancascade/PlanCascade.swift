import ArgumentParser
import Foundation
import PlanStore

/// The root command: lists the subcommands; every subcommand lives in its own file.
struct PlanCascade: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "plancascade",
        abstract: "Plans that cascade down the administrative hierarchy, progress that flows back up — versioned in git.",
        discussion: """
            Each administrative unit (province, district, commune, department) keeps its plan and \
            progress as canonical JSON in its own git repository.

            Global option (before the subcommand, like git): -C <dir>  run as if started in <dir>.

            Exit codes: 0 success; 1 the command ran and found problems (validation errors, \
            findings, conflicts); 2 the command could not run (no repository, git or I/O error); \
            64 the command line was wrong.
            """,
        version: "plancascade \(version)",
        subcommands: [Demo.self, Init.self, Validate.self, Child.self, Import.self, Targets.self, TargetCommand.self, Publish.self, Pull.self, Report.self, Push.self, Collect.self, Approve.self, Reopen.self, Status.self, Check.self, Log.self, Diff.self, Blame.self, Trace.self, Verify.self, Export.self, Sync.self, Conflicts.self, Resolve.self, Hooks.self, Hook.self]
    )
}
