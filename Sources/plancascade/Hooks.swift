import ArgumentParser
import Foundation
import Git
import PlanModel
import PlanStore

extension PlanCascade {
    struct Hooks: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Install PlanCascade's git hooks.", subcommands: [Install.self])

        struct Install: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Install the client pre-commit hook, or with --server the pre-receive hook of a hub.",
                discussion: """
                    Client (a working clone): `git commit` refuses invalid plan files and targets \
                    weaker than inherited. Server (a bare hub): pushes with invalid files, writes \
                    outside the pusher's refs/children/<id>/, lowered inherited targets, edited \
                    provenance or rewritten history are refused with a message the pushing clerk \
                    sees. See Hooks/README.md for pushers.json (authenticated users → unit ids).
                    """)

            @Flag(help: "Install the server-side pre-receive hook into a bare hub.")
            var server = false

            @Argument(help: "The repository (default: the current one).")
            var repository: String = "."

            func run() throws {
                try reportingErrors {
                    let binary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
                    for file in try HookInstaller().install(at: repository, server: server, binary: binary) {
                        print("Installed \(file)")
                    }
                }
            }
        }
    }

    struct Hook: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a hook (called by the scripts `hooks install` writes).",
            discussion: "pre-commit: checks the staged files. pre-receive: reads `<old> <new> <ref>` lines on standard input.")

        @Argument(help: "pre-commit or pre-receive.")
        var name: String

        func validate() throws {
            guard ["pre-commit", "pre-receive"].contains(name) else {
                throw ValidationError("unknown hook '\(name)'; PlanCascade provides pre-commit and pre-receive")
            }
        }

        func run() throws {
            var refused = false
            try reportingErrors {
                let repository = UnitRepository(try Repository.openFromEnvironment())
                if name == "pre-commit" {
                    let findings = try PreCommitCheck().run(in: repository)
                    for finding in findings { FileHandle.standardError.write(Data("\(finding)\n".utf8)) }
                    if !findings.isEmpty {
                        FileHandle.standardError.write(Data("plancascade: commit refused (\(findings.count) problem\(findings.count == 1 ? "" : "s")); correct the files above and commit again\n".utf8))
                        refused = true
                    }
                } else {
                    var updates: [PreReceiveCheck.Update] = []
                    while let line = readLine() {
                        if let update = PreReceiveCheck.Update(line: line) { updates.append(update) }
                    }
                    let problems = try PreReceiveCheck().run(updates, in: repository, environment: ProcessInfo.processInfo.environment)
                    for problem in problems { FileHandle.standardError.write(Data("plancascade: \(problem)\n".utf8)) }
                    refused = !problems.isEmpty
                }
            }
            if refused { throw ExitCode(ExitCodes.problemsFound) }
        }
    }
}
