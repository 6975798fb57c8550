import ArgumentParser
import PlanStore

extension PlanCascade {
    struct Publish: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Publish the unit's plans and targets to its children.",
            discussion: """
                Writes the `targets` branch from `main`: unit.json and plans/ (targets with their \
                cascade rules, indicators, tasks, per-child baselines) — never progress/ or \
                children/, so a child never receives its neighbours' reports. Pushes it to the \
                unit's hub (`origin`) when one is configured. Children then run `plancascade pull`.
                """)

        func run() throws {
            try reportingErrors {
                let repository = try UnitRepository.open(at: ".", notice: notify)
                let outcome = try PublishWorkflow().run(in: repository)
                if let commit = outcome.commit {
                    print("Published \(outcome.targetCount) targets and \(outcome.taskCount) tasks as targets \(commit.short)")
                } else {
                    print("Already published: targets \(outcome.targets.short) matches main")
                }
                if let hub = outcome.pushedTo { print("  pushed targets to origin (\(RemoteURL.redacted(hub)))") }
            }
        }
    }
}
