import ArgumentParser
import Foundation
import PlanModel
import PlanStore
import WebApp
#if canImport(Glibc)
import Glibc
#endif

extension PlanCascade {
    /// `plancascade serve`: the unit's web pages (WebApp); this command only reads its
    /// options and starts the server.
    struct Serve: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "serve", 
            abstract: text("help.serve.abstract"),
            discussion: text("help.serve.discussion"),
            subcommands: [Start.self, Account.self],
            defaultSubcommand: Start.self)

        struct Start: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "start", abstract: text("help.serve.start.abstract"))

            @Option(help: helpText("help.serve.port"))
            var port: Int = 8080

            @Option(help: helpText("help.serve.bind"))
            var bind: String = "127.0.0.1"

            @Flag(name: .customLong("require-login"), help: helpText("help.serve.require-login"))
            var requireLogin = false

            @Option(name: .customLong("as-of"), help: helpText("help.serve.as-of"))
            var asOf: String?

            func validate() throws {
                if !(0...65_535).contains(port) { throw ValidationError(text("cli.serve.bad-port", ["port": .text(String(port))])) }
                if let asOf, CivilDate(asOf) == nil { throw ValidationError(text("cli.option.bad-date", ["option": .text("--as-of"), "date": .text(asOf)])) }
            }

            func run() throws {
                try reportingErrors {
                    // Opened only to find the unit, and closed again: the pages take the
                    // repository lock for each request, never for the server's lifetime.
                    let (root, gitDirectory, unit) = try {
                        let repository = try UnitRepository.open(at: ".", notice: notify, reading: true)
                        return (repository.displayRoot, repository.git.gitDirectory, try repository.unit())
                    }()
                    let options = WebServer.Options(
                        repository: root, gitDirectory: gitDirectory, host: bind, port: port,
                        requireLogin: requireLogin || !WebServer.isLoopback(bind), asOf: asOf.flatMap(CivilDate.init),
                        allowPseudo: language == .pseudo)
                    if options.requireLogin, (try WebAccounts.load(gitDirectory: gitDirectory)).accounts.isEmpty {
                        throw PlanStoreError.invalidInput(findings: [Message("cli.serve.no-accounts", ["file": .text(WebAccounts.path(gitDirectory: gitDirectory))])])
                    }
                    let name = unit.name
                    let login = options.requireLogin
                    // The server runs on Swift's concurrency pool; this thread waits for it to stop.
                    let stopped = DispatchSemaphore(value: 0)
                    let failure = FailureBox()
                    Task.detached {
                        do {
                            try await WebServer.run(options) { url in
                                // Unbuffered: whoever started the server reads the address at once.
                                let lines = text("cli.serve.listening", ["unit": .text(name), "url": .text(url)]) + "\n"
                                    + text(login ? "cli.serve.login" : "cli.serve.local") + "\n"
                                FileHandle.standardOutput.write(Data(lines.utf8))
                            }
                        } catch {
                            failure.error = error
                        }
                        stopped.signal()
                    }
                    stopped.wait()
                    if let error = failure.error {
                        throw PlanStoreError.io(path: "\(bind):\(port)", reason: .verbatim(String(describing: error)))
                    }
                }
            }
        }

        struct Account: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "account", abstract: text("help.serve.account.abstract"), subcommands: [Add.self])

            struct Add: ParsableCommand {
                static let configuration = CommandConfiguration(commandName: "add", abstract: text("help.serve.account.add.abstract"),
                                                                discussion: text("help.serve.account.add.discussion"))

                @Argument(help: helpText("help.serve.account.user"))
                var user: String

                @Option(help: helpText("help.serve.account.role"))
                var role: String

                func validate() throws {
                    if WebAccounts.Role(rawValue: role) == nil {
                        throw ValidationError(text("cli.serve.bad-role", ["role": .text(role), "roles": .text(WebAccounts.Role.allCases.map(\.rawValue).joined(separator: ", "))]))
                    }
                }

                func run() throws {
                    try reportingErrors {
                        let repository = try UnitRepository.open(at: ".", notice: notify)
                        guard let password = Self.readPassword() else {
                            throw PlanStoreError.invalidInput(findings: [Message("cli.serve.no-password")])
                        }
                        do {
                            try WebAccounts.add(user: user, role: WebAccounts.Role(rawValue: role)!, password: password, gitDirectory: repository.git.gitDirectory)
                        } catch let error as WebError {
                            throw PlanStoreError.invalidInput(findings: [error.message])
                        }
                        print(text("cli.serve.account-added", ["user": .text(user), "role": .term("web.role.\(role)"),
                                                               "file": .text(WebAccounts.path(gitDirectory: repository.git.gitDirectory))]))
                    }
                }

                /// The password: asked twice without echo at a terminal, else the first line of standard input.
                static func readPassword() -> String? {
                    guard isatty(STDIN_FILENO) == 1 else { return readLine(strippingNewline: true).flatMap { $0.isEmpty ? nil : $0 } }
                    func ask(_ prompt: String) -> String? {
                        var saved = termios()
                        let terminal = tcgetattr(STDIN_FILENO, &saved) == 0
                        if terminal {
                            var silent = saved
                            silent.c_lflag &= ~tcflag_t(ECHO)
                            _ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
                        }
                        defer { if terminal { _ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved) } }
                        FileHandle.standardError.write(Data(prompt.utf8))
                        let line = readLine(strippingNewline: true)
                        FileHandle.standardError.write(Data("\n".utf8))
                        return line
                    }
                    guard let first = ask(text("cli.serve.password")), !first.isEmpty, let second = ask(text("cli.serve.password-again")), first == second else {
                        return nil
                    }
                    return first
                }
            }
        }
    }
}

/// Where the server's task leaves its error for the waiting thread.
private final class FailureBox: @unchecked Sendable {
    var error: Error?
}
