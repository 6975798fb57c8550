import ArgumentParser
import Foundation
import PlanModel
import PlanStore

extension PlanCascade {
    /// `plancascade reorg …`: the reorganisation decisions of the unit where it runs (issue 18).
    struct Reorg: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "reorg", 
            abstract: text("reorg.help.abstract"), discussion: text("reorg.help.discussion"),
            subcommands: [Move.self, Dissolve.self, Merge.self, Split.self, Rename.self, List.self, Start.self])

        /// What every decision takes: the day it takes effect, its legal basis, and `--dry-run`.
        struct DecisionOptions: ParsableArguments {
            @Option(help: helpText("reorg.help.effective"))
            var effective: String

            @Option(help: helpText("reorg.help.basis"))
            var basis: String

            @Option(help: helpText("reorg.help.id"))
            var id: String?

            @Option(name: .customLong("hub"), help: helpText("reorg.help.hub"))
            var hubs: [String] = []

            @Flag(help: helpText("reorg.help.dry-run"))
            var dryRun = false

            @Flag(help: helpText("reorg.help.json"))
            var json = false

            func validate() throws {
                if CivilDate(effective) == nil { throw ValidationError(text("reorg.cli.bad-date", ["value": .text(effective)])) }
                for hub in hubs where !hub.contains("=") { throw ValidationError(text("reorg.cli.bad-hub", ["value": .text(hub)])) }
            }

            /// Runs the decision `request` in the current directory's unit and prints what it does.
            func decide(_ request: ReorgWorkflow.Request) throws {
                do {
                    let repository = try UnitRepository.open(at: ".", notice: notify)
                    var hubMap: [String: String] = [:]
                    for hub in hubs {
                        let parts = hub.split(separator: "=", maxSplits: 1).map(String.init)
                        hubMap[parts[0]] = parts.count > 1 ? parts[1] : ""
                    }
                    let outcome = try ReorgWorkflow().run(
                        .init(request: request, effective: CivilDate(effective)!, basis: basis, id: id, hubs: hubMap, dryRun: dryRun), in: repository)
                    if json {
                        print(String(decoding: try CanonicalJSON.encode(outcome.decision), as: UTF8.self), terminator: "")
                        return
                    }
                    let decision = outcome.decision
                    print(text(dryRun ? "reorg.cli.would-record" : "reorg.cli.recorded", [
                        "id": .text(decision.id), "file": .text("reorg/\(decision.id).json"), "date": .date(decision.effective),
                        "basis": .text(decision.basis), "commit": .text(outcome.commit?.short ?? ""),
                    ]))
                    for kind in [ReorgWorkflow.Effect.Kind.unit, .hub, .figure] {
                        let effects = outcome.effects.filter { $0.kind == kind }
                        guard !effects.isEmpty else { continue }
                        print(text("reorg.cli.heading.\(kind.rawValue)"))
                        for effect in effects { print("  " + say(effect.message)) }
                    }
                    if !dryRun { print(text("reorg.cli.next")) }
                }
            }
        }

        struct Move: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "move", abstract: text("reorg.help.move.abstract"))
            @Argument(help: helpText("reorg.help.unit")) var unit: String
            @Option(help: helpText("reorg.help.move.to")) var to: String
            @OptionGroup var options: DecisionOptions
            func run() throws { try reportingErrors { try options.decide(.move(unit: unit, to: to)) } }
        }

        struct Dissolve: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "dissolve", abstract: text("reorg.help.dissolve.abstract"))
            @Argument(help: helpText("reorg.help.unit")) var unit: String
            @Option(help: helpText("reorg.help.dissolve.to")) var to: String?
            @OptionGroup var options: DecisionOptions
            func run() throws { try reportingErrors { try options.decide(.dissolve(unit: unit, to: to)) } }
        }

        struct Merge: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "merge", abstract: text("reorg.help.merge.abstract"))
            @Argument(help: helpText("reorg.help.merge.units")) var units: [String]
            @Option(help: helpText("reorg.help.merge.into")) var into: String
            @Option(help: helpText("reorg.help.merge.name")) var name: String
            @Option(help: helpText("reorg.help.merge.to")) var to: String?
            @OptionGroup var options: DecisionOptions
            func run() throws { try reportingErrors { try options.decide(.merge(units: units, into: into, name: name, to: to)) } }
        }

        struct Split: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "split", abstract: text("reorg.help.split.abstract"))
            @Argument(help: helpText("reorg.help.unit")) var unit: String
            @Option(name: .customLong("into"), help: helpText("reorg.help.split.into")) var parts: [String]
            @Option(help: helpText("reorg.help.dissolve.to")) var to: String?
            @OptionGroup var options: DecisionOptions

            func validate() throws {
                for part in parts where !part.contains("=") { throw ValidationError(text("reorg.cli.bad-part", ["value": .text(part)])) }
            }

            func run() throws {
                let split = parts.map { part -> (id: String, name: String) in
                    let pieces = part.split(separator: "=", maxSplits: 1).map(String.init)
                    return (pieces[0], pieces.count > 1 ? pieces[1] : "")
                }
                try reportingErrors { try options.decide(.split(unit: unit, into: split, to: to)) }
            }
        }

        struct Rename: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "rename", abstract: text("reorg.help.rename.abstract"))
            @Argument(help: helpText("reorg.help.unit")) var unit: String
            @Option(help: helpText("reorg.help.rename.name")) var name: String
            @OptionGroup var options: DecisionOptions
            func run() throws { try reportingErrors { try options.decide(.rename(unit: unit, name: name)) } }
        }

        struct Start: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "start", abstract: text("reorg.help.start.abstract"), discussion: text("reorg.help.start.discussion"))
            @Argument(help: helpText("reorg.help.start.unit")) var unit: String
            @Argument(help: helpText("reorg.help.start.path")) var path: String
            @Option(help: helpText("reorg.help.start.hub")) var hub: String?

            func run() throws {
                try reportingErrors {
                    let repository = try UnitRepository.open(at: ".", notice: notify)
                    let outcome = try ReorgStart().run(unit: unit, path: path, hub: hub, from: repository)
                    print(text("reorg.cli.started", [
                        "unit": .text(unit), "path": .text(path), "commit": .text(outcome.commit.short), "decision": .text(outcome.decision),
                        "predecessors": .list(outcome.predecessors.map { .text($0) })]))
                }
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: text("reorg.help.list.abstract"))

            @Option(name: .customLong("as-of"), help: helpText("reorg.help.list.as-of"))
            var asOf: String?

            @Flag(help: helpText("reorg.help.json"))
            var json = false

            func validate() throws {
                if let asOf, CivilDate(asOf) == nil { throw ValidationError(text("reorg.cli.bad-date", ["value": .text(asOf)])) }
            }

            func run() throws {
                try reportingErrors {
                    let repository = try UnitRepository.open(at: ".", notice: notify, reading: true)
                    let date = asOf.flatMap(CivilDate.init) ?? Status.today()
                    let decisions = try ReorgWorkflow().list(in: repository, asOf: date)
                    if json {
                        print(String(decoding: try CanonicalJSON.encode(decisions), as: UTF8.self), terminator: "")
                        return
                    }
                    guard !decisions.isEmpty else {
                        print(text("reorg.cli.none", ["date": .date(date)]))
                        return
                    }
                    print(text("reorg.cli.list-title", ["date": .date(date), "count": .count(decisions.count)]))
                    var table = TextTable(["id", "kind", "effective", "units", "basis"].map { text("reorg.column.\($0)") })
                    for decision in decisions {
                        table.append([decision.id, text("reorg.kind.\(decision.kind.rawValue)"), say(Message("reorg.date", ["date": .date(decision.effective)])),
                                      decision.changes.map { say(Message("reorg.change.\($0.action.rawValue)", [
                                          "unit": .text($0.unit), "from": .text($0.from ?? ""), "to": .text($0.to ?? ""), "name": .text($0.name ?? "")])) }
                                          .joined(separator: "; "),
                                      decision.basis])
                    }
                    print(table.render(), terminator: "")
                }
            }
        }
    }
}
