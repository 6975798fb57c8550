import ArgumentParser
import Foundation
import Git
import PlanModel
import PlanStore

extension PlanCascade {
    struct Hooks: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "hooks", 
            abstract: text("help.hooks.abstract"), subcommands: [Install.self])

        struct Install: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "install", 
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
        static let configuration = CommandConfiguration(commandName: "hook", 
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
            let environment = ProcessInfo.processInfo.environment
            // git runs a hook inside the repository it has already trusted (its own ownership
            // check, with the server's `safe.directory`, passed): libgit2's stricter check — it
            // ignores `safe.directory=*` — must not refuse the hook of a hub that the server's
            // account (`www-data`, `git`) owns.
            if environment["GIT_DIR"] != nil { Libgit2.setOwnerValidation(false) }
            try reportingErrors {
                if name == "pre-commit" {
                    let repository = UnitRepository(try Repository.openFromEnvironment())
                    let findings = try PreCommitCheck().run(in: repository)
                    for finding in findings { printError(finding.rendered(in: language)) }
                    if !findings.isEmpty {
                        printError("plancascade: " + text("cli.hook.commit-refused", ["count": .count(findings.count)]))
                        refused = true
                    }
                } else {
                    // The pusher's language: `git push -o lang=vi`, else the server's locale.
                    let spoken = PreReceiveCheck.language(environment: environment) ?? language
                    var updates: [PreReceiveCheck.Update] = []
                    while let line = readLine() {
                        if let update = PreReceiveCheck.Update(line: line) { updates.append(update) }
                    }
                    let problems: [Message]
                    do {
                        let repository = UnitRepository(try Repository.openFromEnvironment())
                        problems = try PreReceiveCheck().run(updates, in: repository, environment: environment)
                    } catch {
                        // What the hub could not read (its pushers.json, policy.json, an object)
                        // refuses the push.
                        let reason: Message = switch error {
                        case let error as any MessageConvertible: error.message
                        case let error as GitError: error.catalogueMessage
                        default: .verbatim("\(error)")
                        }
                        problems = [Message("hook.cannot-check", ["problem": .message(reason)])]
                    }
                    // The pusher reads this: the server's own folders are none of their business.
                    let hub = URL(fileURLWithPath: environment["GIT_DIR"] ?? FileManager.default.currentDirectoryPath).standardizedFileURL
                    let hidden = [hub.path, hub.deletingLastPathComponent().path].filter { $0.count > 1 }
                    for problem in problems {
                        var line = problem.rendered(in: spoken)
                        for path in hidden { line = line.replacingOccurrences(of: path, with: path == hub.path ? "<hub>" : "<hubs>") }
                        printError("plancascade: " + line)
                    }
                    refused = !problems.isEmpty
                }
            }
            if refused { throw ExitCode(ExitCodes.problemsFound) }
        }
    }
}
