import ArgumentParser
import PlanStore

extension PlanCascade {
    struct Push: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Send main to the unit's hub and to the parent's hub (refs/children/<unit-id>/main).",
            discussion: """
                A refusal (the hub has newer commits, the parent holds a history this main does \
                not continue, a server hook said no) is reported with what to do next, and the \
                exit code is 2. Refused while any merge conflict is unresolved.
                """)

        func run() throws {
            try reportingErrors {
                let outcome = try PushWorkflow().run(in: try UnitRepository.open(at: ".", notice: notify))
                print("Pushed main \(outcome.head.short) to")
                for destination in outcome.destinations { print("  \(destination)") }
            }
        }
    }
}
