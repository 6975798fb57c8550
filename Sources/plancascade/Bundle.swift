import ArgumentParser
import Foundation
import Git
import PlanModel
import PlanStore

extension PlanCascade {
    /// `plancascade bundle create|apply`: pushes carried as files, for units without a network.
    struct BundleCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "bundle",
            abstract: text("help.bundle.abstract"),
            discussion: text("help.bundle.discussion"),
            subcommands: [Create.self, Apply.self])

        struct Create: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "create", 
                abstract: text("help.bundle.create.abstract"),
                discussion: text("help.bundle.create.discussion"))

            @Option(help: helpText("help.bundle.create.out"))
            var out: String?

            @Flag(help: helpText("help.bundle.create.targets"))
            var targets = false

            @Flag(help: helpText("help.bundle.create.full"))
            var full = false

            @Option(name: .customLong("for"), help: helpText("help.bundle.create.for"))
            var child: String?

            func run() throws {
                try reportingErrors {
                    let repository = try UnitRepository.open(at: ".", notice: notify)
                    let workflow = BundleCreateWorkflow(kind: targets ? .targets : .report, full: full, child: child)
                    let path = try InvocationFolder.resolve(out ?? workflow.defaultName(in: repository))
                    let outcome = try workflow.run(in: repository, to: path)
                    let shown = out ?? (path as NSString).lastPathComponent
                    if let child {
                        print(text(outcome.decisions == nil ? "cli.bundle.created-targets-no-decisions" : "cli.bundle.created-targets-for", [
                            "path": .text(shown), "unit": .text(outcome.unit), "commit": .text(outcome.tip.short), "objects": .count(outcome.objects),
                            "child": .text(child), "decisions": .text(outcome.decisions?.short ?? "")]))
                    } else if targets {
                        print(text("cli.bundle.created-targets", [
                            "path": .text(shown), "unit": .text(outcome.unit), "commit": .text(outcome.tip.short), "objects": .count(outcome.objects)]))
                    } else {
                        print(text(outcome.prerequisites.isEmpty ? "cli.bundle.created-full" : "cli.bundle.created", [
                            "path": .text(shown), "unit": .text(outcome.unit), "commit": .text(outcome.tip.short), "objects": .count(outcome.objects),
                            "since": .text(outcome.prerequisites.first?.short ?? ""), "ref": .text(outcome.reference)]))
                    }
                }
            }
        }

        struct Apply: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "apply", 
                abstract: text("help.bundle.apply.abstract"),
                discussion: text("help.bundle.apply.discussion"))

            @Argument(help: helpText("help.bundle.apply.file"))
            var file: String

            func run() throws {
                try reportingErrors {
                    let repository = try UnitRepository.open(at: ".", notice: notify)
                    let outcome = try BundleApplyWorkflow().run(file: InvocationFolder.resolve(file), in: repository)
                    let arguments: [String: Message.Value] = [
                        "child": .text(outcome.child), "commit": .text(outcome.new.short), "ref": .text(outcome.reference),
                        "count": .count(outcome.newCommits), "have": .text(outcome.old?.short ?? ""),
                    ]
                    print(text("cli.bundle.\(outcome.action.rawValue)", arguments))
                    if outcome.action == .applied, repository.git.workDirectory != nil {
                        print(text("cli.bundle.collect-next"))
                    }
                }
            }
        }
    }
}

/// Runs `body`, which pushes (`push`, `sync`, `publish`), in a working clone that may have
/// been moved or copied: with `here` the clone's present folder is recorded first; when it is
/// not where it was recorded, a person at a terminal is asked, and anyone else is refused with
/// the way to confirm (``MovedFolder``).
func confirmingPlace<T>(of repository: UnitRepository, here: Bool, _ body: () throws -> T) throws -> T {
    if here { try FolderPlace.record(in: repository.git) }
    do {
        return try body()
    } catch let moved as MovedFolder {
        guard Prompt.canAsk(environment: ProcessInfo.processInfo.environment) else { throw moved }
        printError("plancascade: " + say(moved.message))
        let answer = Prompt.ask(text("cli.bundle.moved-question") + " ")?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        // The refusal was said just above: a "no" adds nothing to it.
        guard ["y", "yes", "c", "có", "co"].contains(answer) else { throw ExitCode(ExitCodes.couldNotRun) }
        try FolderPlace.record(in: repository.git)
        return try body()
    }
}
