import ArgumentParser
import PlanStore

extension PlanCascade {
    struct Child: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Manage the unit's subordinate units (children).", subcommands: [Add.self])

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Record a child unit in unit.json (whom the unit publishes for and collects from).",
                discussion: "Example: plancascade child add buon-don --name \"UBND huyện Buôn Đôn\" --level district")

            @Argument(help: "The child's id, as it uses in its own `init --unit`.")
            var id: String

            @Option(help: "The child's official name.")
            var name: String

            @Option(help: "The child's level: district, commune, department, …")
            var level: String

            func run() throws {
                try reportingErrors {
                    let repository = try UnitRepository.open(at: ".", notice: notify)
                    if let commit = try ChildWorkflow().add(id: id, name: name, level: level, in: repository) {
                        print("Child \(level) \(id) (\(name)) recorded → main \(commit.short)")
                    } else {
                        print("Child \(id) is already recorded as \(level) \(name)")
                    }
                }
            }
        }
    }
}
