import ArgumentParser
import Foundation
import PlanStore

extension PlanCascade {
    struct Demo: ParsableCommand {
        static let configuration = CommandConfiguration(
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
                throw ValidationError("--example '\(example)' is not one of: \(DemoWorkflow.Example.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }

        func run() throws {
            var unexpected = 0
            try reportingErrors {
                let current = FileManager.default.currentDirectoryPath
                let repos = try DemoWorkflow.locateRepos(explicit: repos, executable: Bundle.main.executablePath ?? CommandLine.arguments[0], current: current)
                let folder = try out.map { URL(fileURLWithPath: $0, relativeTo: URL(fileURLWithPath: current)).standardized.path } ?? Self.temporaryFolder()
                let started = Date()
                let outcome = try DemoWorkflow(.init(example: DemoWorkflow.Example(rawValue: example)!, out: folder, repos: repos)).run()
                unexpected = Self.print(outcome, repos: repos, seconds: Date().timeIntervalSince(started), chosen: out != nil)
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

        /// Prints the narrated summary; returns how many findings were not planted.
        static func print(_ outcome: DemoWorkflow.Outcome, repos: String, seconds: TimeInterval, chosen: Bool) -> Int {
            Swift.print("plancascade demo --example \(outcome.example.rawValue): data from \(repos)\n")
            for (index, step) in outcome.steps.enumerated() {
                Swift.print("\(index + 1). \(step.title)")
                for line in step.lines { Swift.print("   - \(line)") }
            }
            Swift.print("")
            Swift.print(Check.render(outcome.check), terminator: "")
            let options = outcome.checkOptions
            Swift.print("as of \(options.asOf), \(options.cadence.rawValue) reporting\(options.from.map { " from \($0)" } ?? "")\n")

            let serious = outcome.check.findings.filter { $0.severity != .info }
            let planted = outcome.planted.map { "\($0.kind.rawValue) at \($0.unit)" }
            let found = outcome.planted.filter { kind, unit in serious.contains { $0.kind == kind && $0.unit == unit } }
            let others = serious.filter { finding in !outcome.planted.contains { $0.kind == finding.kind && $0.unit == finding.unit } }
            if planted.isEmpty {
                Swift.print(serious.isEmpty ? "Nothing was planted, and check found nothing." : "Nothing was planted, but check found \(serious.count) problem(s) above.")
            } else {
                Swift.print("Planted: \(planted.joined(separator: "; ")) — check found \(found.count) of \(planted.count)"
                    + (others.isEmpty ? ", and nothing else." : ", and \(others.count) other finding(s) — see above."))
            }
            Swift.print("""

                Everything is in \(outcome.out)\(chosen ? "" : " (a new folder under the temporary folder)"):
                  \(outcome.topPath)    the top unit's working clone (\(outcome.top)); one folder per unit beside it
                  \((outcome.out as NSString).appendingPathComponent("hubs"))/<unit>.git    each unit's bare hub (children push to refs/children/<id>/main)

                Explore:
                """)
            let width = outcome.explore.map(\.command.count).max() ?? 0
            for (command, shows) in outcome.explore {
                Swift.print("  \(command.padding(toLength: width, withPad: " ", startingAt: 0))  # \(shows)")
            }
            Swift.print(String(format: "\nRan in %.1f s.", seconds))
            return others.count + (outcome.planted.count - found.count)
        }
    }
}
