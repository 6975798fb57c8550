import ArgumentParser
import Foundation
import PlanStore

extension PlanCascade {
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a unit's repository with unit.json committed on main.",
            discussion: """
                Creates <path> as a git repository for one administrative unit and commits its \
                unit.json on `main`. With --parent, the parent unit's hub becomes the `parent` \
                remote (only its published `targets` branch is fetched). With --hub, the unit's own \
                bare hub becomes `origin`; a hub given as a local path that does not exist yet is \
                created, and `main` is pushed to it. A second clerk then works in `git clone <hub>`.

                The commit's author is taken as git takes it: GIT_AUTHOR_NAME/GIT_AUTHOR_EMAIL, else \
                user.name/user.email from git configuration.

                Example:
                  plancascade init buon-don --unit buon-don --name "UBND huyện Buôn Đôn" \\
                    --level district --parent-id daklak --parent /srv/hubs/daklak.git --hub /srv/hubs/buon-don.git
                """)

        @Argument(help: "Folder to create (must not exist, or be empty).")
        var path: String

        @Option(name: .customLong("unit"), help: "The unit's id: ASCII letters, digits, '.', '-', '_' (e.g. buon-don).")
        var unitID: String

        @Option(help: "The unit's official name, e.g. \"UBND huyện Buôn Đôn\".")
        var name: String

        @Option(help: "The unit's level: province, district, commune, department, … (levels are data).")
        var level: String

        @Option(name: .customLong("parent-id"), help: "The parent unit's id, recorded in unit.json.")
        var parentID: String?

        @Option(name: .customLong("parent"), help: "URL or path of the parent unit's hub (becomes the `parent` remote).")
        var parentURL: String?

        @Option(name: .customLong("hub"), help: "URL or path of this unit's bare hub (becomes `origin`; created when it is a new local path).")
        var hubURL: String?

        @Flag(help: "Create a bare repository (no work tree).")
        var bare = false

        func run() throws {
            try reportingErrors {
                let outcome = try InitWorkflow().run(.init(
                    path: path, unitID: unitID, name: name, level: level, parentID: parentID,
                    parentURL: parentURL, hubURL: hubURL, bare: bare))
                var lines = [
                    "Initialised \(outcome.unit.level) \(outcome.unit.id) (\(outcome.unit.name)) in \(outcome.repositoryPath)",
                    "  main at \(outcome.commit.short): unit.json",
                ]
                if let parentURL { lines.append("  parent remote: \(RemoteURL.redacted(parentURL))") }
                if let hub = outcome.createdHub { lines.append("  created bare hub \(hub)") }
                if outcome.pushedToHub, let hubURL { lines.append("  pushed main to origin (\(RemoteURL.redacted(hubURL)))") }
                print(lines.joined(separator: "\n"))
            }
        }
    }
}
