import ArgumentParser
import Foundation
import PlanModel
import PlanStore

extension PlanCascade {
    struct Demo: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "demo", 
            abstract: text("help.demo.abstract"),
            discussion: text("help.demo.discussion"))

        @Option(help: helpText("help.demo.out"))
        var out: String?

        @Option(help: helpText("help.demo.example"))
        var example: String = "daklak"

        @Option(help: helpText("help.demo.repos"))
        var repos: String?

        func validate() throws {
            if DemoWorkflow.Example(rawValue: example) == nil {
                throw ValidationError(text("cli.option.not-one-of", [
                    "option": .text("--example"), "text": .text(example), "choices": .list(DemoWorkflow.Example.allCases.map { .text($0.rawValue) })]))
            }
        }

        func run() throws {
            var unexpected = 0
            try reportingErrors {
                let current = FileManager.default.currentDirectoryPath
                let repos = try DemoWorkflow.locateRepos(explicit: repos, executable: Bundle.main.executablePath ?? CommandLine.arguments[0], current: current)
                let folder = try out.map { URL(fileURLWithPath: $0, relativeTo: URL(fileURLWithPath: current)).standardized.path } ?? Self.temporaryFolder()
                let started = Date()
                Swift.print(text("demo.header", ["example": .text(example), "repos": .text(repos)]) + "\n")
                var steps = 0
                // Each step is printed as it ends, in the user's language.
                let workflow = DemoWorkflow(.init(example: DemoWorkflow.Example(rawValue: example)!, out: folder, repos: repos)) { step in
                    steps += 1
                    Self.print(step, number: steps)
                }
                let outcome = try workflow.run()
                unexpected = Self.print(outcome, seconds: Date().timeIntervalSince(started), chosen: out != nil)
            }
            if unexpected > 0 { throw ExitCode(ExitCodes.problemsFound) }
        }

        /// A new folder `plancascade-demo-XXXXXX` under the temporary folder.
        static func temporaryFolder() throws -> String {
            let base = (NSTemporaryDirectory() as NSString).appendingPathComponent("plancascade-demo-XXXXXX")
            var template = Array(base.utf8CString)
            guard mkdtemp(&template) != nil else {
                throw PlanStoreError.io(path: base, reason: "cannot create a temporary folder; pass --out <dir>")
            }
            return String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }

        /// Prints step `number` of the story: its title, then what came of it.
        static func print(_ step: DemoWorkflow.Step, number: Int) {
            Swift.print("\(number). " + say(step.title))
            for line in step.lines { Swift.print("   - " + say(line)) }
        }

        /// Prints the end of the story (the check, what was planted, where everything is, what
        /// to try); returns how many findings were not planted.
        static func print(_ outcome: DemoWorkflow.Outcome, seconds: TimeInterval, chosen: Bool) -> Int {
            Swift.print("")
            Swift.print(Check.render(outcome.check), terminator: "")
            let options = outcome.checkOptions
            let cadence = Message.Value.term("demo.cadence.\((options.cadence ?? .quarterly).rawValue)")
            Swift.print(options.from.map { text("demo.check-options.from", ["asOf": .date(options.asOf), "cadence": cadence, "from": .date($0)]) }
                ?? text("demo.check-options", ["asOf": .date(options.asOf), "cadence": cadence]))
            Swift.print("")

            let serious = outcome.check.findings.filter { $0.severity != .info }
            let planted: [Message.Value] = outcome.planted.map {
                .message(Message("demo.planted.item", ["kind": $0.kind.term, "unit": .text($0.unit)]))
            }
            let found = outcome.planted.filter { kind, unit in serious.contains { $0.kind == kind && $0.unit == unit } }
            let others = serious.filter { finding in !outcome.planted.contains { $0.kind == finding.kind && $0.unit == finding.unit } }
            if planted.isEmpty {
                Swift.print(serious.isEmpty ? text("demo.nothing-planted") : text("demo.nothing-planted.found", ["count": .count(serious.count)]))
            } else {
                let arguments: [String: Message.Value] = [
                    "planted": .list(planted, separator: "; "), "found": .count(found.count), "count": .count(planted.count),
                    "others": .count(others.count),
                ]
                Swift.print(text(others.isEmpty ? "demo.planted" : "demo.planted.others", arguments))
            }
            Swift.print("")
            let hubs = (outcome.out as NSString).appendingPathComponent("hubs")
            Swift.print(text(chosen ? "demo.everything" : "demo.everything.temporary", ["out": .text(outcome.out)]))
            Swift.print("  " + text("demo.everything.top", ["path": .text(outcome.topPath), "unit": .text(outcome.top)]))
            Swift.print("  " + text("demo.everything.hubs", ["hubs": .text(hubs)]))
            Swift.print("")
            Swift.print(text("demo.explore"))
            let width = outcome.explore.map(\.command.count).max() ?? 0
            for (command, shows) in outcome.explore {
                Swift.print("  \(command.padding(toLength: width, withPad: " ", startingAt: 0))  # " + say(shows))
            }
            Swift.print("")
            Swift.print(text("demo.ran", ["seconds": .number(Exact(String(format: "%.1f", seconds)) ?? Exact(0))]))
            // Last: the same result in a browser (`plancascade serve`, README "Web pages").
            Swift.print("")
            Swift.print(text("demo.serve", ["command": .text("plancascade -C \(outcome.topPath) serve --as-of \(options.asOf)")]))
            return others.count + (outcome.planted.count - found.count)
        }
    }
}
