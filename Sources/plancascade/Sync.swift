import ArgumentParser
import PlanStore

extension PlanCascade {
    struct Sync: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "sync", 
            abstract: text("help.sync.abstract"),
            discussion: text("help.sync.discussion"))

        @Flag(help: helpText("help.common.here"))
        var here = false

        func run() throws {
            var conflicted = false, undelivered = false
            try reportingErrors {
                let repository = try UnitRepository.open(at: ".", notice: notify)
                let outcome = try confirmingPlace(of: repository, here: here) { try SyncWorkflow().run(in: repository) }
                switch outcome.action {
                case .upToDate: print(text("cli.sync.up-to-date", ["commit": .text(outcome.head.short)]))
                case .pushed: print(text("cli.sync.pushed", ["commit": .text(outcome.head.short)]))
                case .fastForwarded: print(text("cli.sync.fast-forwarded", ["commit": .text(outcome.head.short)]))
                case .merged:
                    print(text("cli.sync.merged", ["commit": .text(outcome.head.short), "count": .count(outcome.mergedFiles.count)]))
                case .conflicted:
                    conflicted = true
                    print(text("cli.sync.conflicted", ["commit": .text(outcome.head.short), "count": .count(outcome.conflicts.count)]))
                    print(ConflictTable.render(outcome.conflicts), terminator: "")
                    print(text("cli.sync.settle"))
                }
                if let delivered = outcome.delivered { print(text("cli.sync.delivered", ["destination": .text(delivered)])) }
                if let reason = outcome.notDelivered {
                    printError("plancascade: " + text("cli.sync.not-delivered", ["reason": .message(reason)]))
                    undelivered = true
                }
            }
            if conflicted || undelivered { throw ExitCode(undelivered && !conflicted ? ExitCodes.couldNotRun : ExitCodes.problemsFound) }
        }
    }

    struct Conflicts: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "conflicts", 
            abstract: text("help.conflicts.abstract"))

        @Flag(help: helpText("help.conflicts.json"))
        var json = false

        func run() throws {
            var any = false
            try reportingErrors {
                let records = try ResolveWorkflow().conflicts(in: try UnitRepository.open(at: ".", notice: notify, reading: true))
                any = !records.isEmpty
                if json {
                    print(String(decoding: try CanonicalJSON.encode(records), as: UTF8.self), terminator: "")
                } else if records.isEmpty {
                    print(text("cli.conflicts.none"))
                } else {
                    print(ConflictTable.render(records), terminator: "")
                }
            }
            if any { throw ExitCode(ExitCodes.problemsFound) }
        }
    }

    struct Resolve: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "resolve", 
            abstract: text("help.resolve.abstract"),
            discussion: text("help.resolve.discussion"))

        @Argument(help: helpText("help.resolve.item"))
        var item: String

        @Flag(help: helpText("help.resolve.ours"))
        var ours = false

        @Flag(help: helpText("help.resolve.theirs"))
        var theirs = false

        @Option(help: helpText("help.resolve.value"))
        var value: String?

        func validate() throws {
            if [ours, theirs, value != nil].filter({ $0 }).count != 1 {
                throw ValidationError(text("cli.resolve.choose-one"))
            }
        }

        func run() throws {
            try reportingErrors {
                let choice: ResolveWorkflow.Choice = ours ? .ours : theirs ? .theirs : .value(value!)
                let outcome = try ResolveWorkflow().resolve(item, with: choice, in: try UnitRepository.open(at: ".", notice: notify))
                for record in outcome.resolved { print(text("cli.resolve.resolved", ["id": .text(record.id), "file": .text(record.file), "path": .text(record.path)])) }
                if let commit = outcome.commit { print(text("cli.resolve.commit", ["commit": .text(commit.short)])) }
                print(outcome.remaining == 0 ? text("cli.resolve.none-left") : text("cli.resolve.left", ["count": .count(outcome.remaining)]))
            }
        }
    }
}

/// Conflicts as a terminal table.
enum ConflictTable {
    static func render(_ records: [ConflictRecord]) -> String {
        var table = TextTable(["id", "item", "field", "base", "ours", "theirs"].map { text("cli.conflicts.column.\($0)") })
        for record in records {
            table.append([record.id, record.item ?? record.file, record.path, show(record.base), show(record.ours), show(record.theirs)])
        }
        return table.render()
    }

    static func show(_ value: JSONValue?) -> String {
        guard let value else { return text("cli.conflicts.none-value") }
        var text = String(decoding: CanonicalJSON.render(value), as: UTF8.self)
        while text.hasSuffix("\n") { text.removeLast() }
        return text.replacingOccurrences(of: "\n", with: " ")
    }
}

import Foundation
import PlanModel
