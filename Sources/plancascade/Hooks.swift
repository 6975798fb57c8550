import ArgumentParser
import Foundation
import Git
import PlanModel
import PlanStore

extension PlanCascade {
    struct Hooks: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: text("help.hooks.abstract"), subcommands: [Install.self])

        struct Install: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: text("help.hooks-install.abstract"),
                discussion: text("help.hooks-install.discussion"))

            @Flag(help: helpText("help.hooks-install.server"))
            var server = false

            @Argument(help: helpText("help.hooks-install.repository"))
            var repository: String = "."

            func run() throws {
                try reportingErrors {
                    let binary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
                    for file in try HookInstaller().install(at: repository, server: server, binary: binary) {
                        print(text("cli.hooks-install.installed", ["file": .text(file)]))
                    }
                }
            }
        }
    }

    struct Hook: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: text("help.hook.abstract"),
            discussion: text("help.hook.discussion"))

        @Argument(help: helpText("help.hook.name"))
        var name: String

        func validate() throws {
            guard ["pre-commit", "pre-receive"].contains(name) else {
                throw ValidationError(text("cli.hook.unknown", ["name": .text(name)]))
            }
        }

        func run() throws {
            var refused = false
            try reportingErrors {
                let repository = UnitRepository(try Repository.openFromEnvironment())
                if name == "pre-commit" {
                    let findings = try PreCommitCheck().run(in: repository)
                    for finding in findings { printError(finding.rendered(in: language)) }
                    if !findings.isEmpty {
                        printError("plancascade: " + text("cli.hook.commit-refused", ["count": .count(findings.count)]))
                        refused = true
                    }
                } else {
                    var updates: [PreReceiveCheck.Update] = []
                    while let line = readLine() {
                        if let update = PreReceiveCheck.Update(line: line) { updates.append(update) }
                    }
                    let problems = try PreReceiveCheck().run(updates, in: repository, environment: ProcessInfo.processInfo.environment)
                    for problem in problems { printError("plancascade: " + say(problem)) }
                    refused = !problems.isEmpty
                }
            }
            if refused { throw ExitCode(ExitCodes.problemsFound) }
        }
    }
}
