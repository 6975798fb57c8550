import ArgumentParser
import PlanStore

extension PlanCascade {
    struct Sync: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Bring this clone and the unit's hub together: fetch, merge field by field, commit, push.",
            discussion: """
                For two clerks of one unit working in two clones. Changes to different files or \
                different fields of one document merge cleanly. The same field changed to two \
                different values is a conflict: the merge commit keeps your value in the document \
                and records base, yours and theirs under conflicts/; nothing is pushed until \
                `plancascade resolve` settles each one. Exit 1 when conflicts remain.
                """)

        func run() throws {
            var conflicted = false
            try reportingErrors {
                let outcome = try SyncWorkflow().run(in: try UnitRepository.open(at: ".", notice: notify))
                switch outcome.action {
                case .upToDate: print("Up to date with origin at \(outcome.head.short)")
                case .pushed: print("Pushed main \(outcome.head.short) to origin")
                case .fastForwarded: print("Fast-forwarded main to origin's \(outcome.head.short)")
                case .merged:
                    print("Merged origin into main \(outcome.head.short) (\(outcome.mergedFiles.count) file\(outcome.mergedFiles.count == 1 ? "" : "s")) and pushed it")
                case .conflicted:
                    conflicted = true
                    print("Merged origin into main \(outcome.head.short) with \(outcome.conflicts.count) conflict\(outcome.conflicts.count == 1 ? "" : "s"); not pushed")
                    print(ConflictTable.render(outcome.conflicts), terminator: "")
                    print("Settle each with `plancascade resolve <item> --ours|--theirs|--value <v>`, then `plancascade sync` again")
                }
            }
            if conflicted { throw ExitCode(ExitCodes.problemsFound) }
        }
    }

    struct Conflicts: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the unresolved merge conflicts (base, ours, theirs of each field).")

        @Flag(help: "Print a JSON list of conflict records.")
        var json = false

        func run() throws {
            var any = false
            try reportingErrors {
                let records = try ResolveWorkflow().conflicts(in: try UnitRepository.open(at: ".", notice: notify, reading: true))
                any = !records.isEmpty
                if json {
                    print(String(decoding: try CanonicalJSON.encode(records), as: UTF8.self), terminator: "")
                } else if records.isEmpty {
                    print("No unresolved conflicts")
                } else {
                    print(ConflictTable.render(records), terminator: "")
                }
            }
            if any { throw ExitCode(ExitCodes.problemsFound) }
        }
    }

    struct Resolve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Settle a merge conflict by indicator, task, file or conflict id.",
            discussion: "Examples: plancascade resolve DVC-ONLINE --theirs; plancascade resolve c-1a2b3c4d --value 60")

        @Argument(help: "An indicator code, task id, file path or conflict id (see `plancascade conflicts`).")
        var item: String

        @Flag(help: "Keep this clone's value.")
        var ours = false

        @Flag(help: "Take the value from the hub.")
        var theirs = false

        @Option(help: "Set this value instead (JSON: 60, \"text\"; other text is taken as a string).")
        var value: String?

        func validate() throws {
            if [ours, theirs, value != nil].filter({ $0 }).count != 1 {
                throw ValidationError("choose exactly one of --ours, --theirs or --value <v>")
            }
        }

        func run() throws {
            try reportingErrors {
                let choice: ResolveWorkflow.Choice = ours ? .ours : theirs ? .theirs : .value(value!)
                let outcome = try ResolveWorkflow().resolve(item, with: choice, in: try UnitRepository.open(at: ".", notice: notify))
                for record in outcome.resolved { print("Resolved \(record.id) \(record.file) \(record.path)") }
                if let commit = outcome.commit { print("→ main \(commit.short)") }
                print(outcome.remaining == 0
                      ? "No conflicts left: `plancascade sync` pushes the merge"
                      : "\(outcome.remaining) conflict\(outcome.remaining == 1 ? "" : "s") left (`plancascade conflicts`)")
            }
        }
    }
}

/// Conflicts as a terminal table.
enum ConflictTable {
    static func render(_ records: [ConflictRecord]) -> String {
        var table = TextTable(["id", "item", "field", "base", "ours", "theirs"])
        for record in records {
            table.append([record.id, record.item ?? record.file, record.path, show(record.base), show(record.ours), show(record.theirs)])
        }
        return table.render()
    }

    static func show(_ value: JSONValue?) -> String {
        guard let value else { return "(none)" }
        var text = String(decoding: CanonicalJSON.render(value), as: UTF8.self)
        while text.hasSuffix("\n") { text.removeLast() }
        return text.replacingOccurrences(of: "\n", with: " ")
    }
}

import Foundation
import PlanModel
