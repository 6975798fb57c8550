import ArgumentParser
import Foundation
import PlanModel
import PlanStore

/// `--lang`, and what argument-parser itself prints (headings, its own errors) in the
/// user's language.
enum LanguageOption {
    /// `arguments` without `--lang X` / `--lang=X` (before `--`).
    static func removing(from arguments: [String]) -> [String] {
        var result: [String] = []
        var index = 0
        var ended = false
        while index < arguments.count {
            let argument = arguments[index]
            if !ended, argument == "--" { ended = true }
            if !ended, argument == "--lang" {
                index += 2
                continue
            }
            if !ended, argument.hasPrefix("--lang=") {
                index += 1
                continue
            }
            result.append(argument)
            index += 1
        }
        return result
    }

    /// The phrases argument-parser writes in English, and their catalogue codes.
    static let phrases: [(english: String, code: String)] = [
        ("OVERVIEW:", "cli.parser.overview"),
        ("USAGE:", "cli.parser.usage"),
        ("ARGUMENTS:", "cli.parser.arguments"),
        ("OPTIONS:", "cli.parser.options"),
        ("SUBCOMMANDS:", "cli.parser.subcommands"),
        ("Show help information.", "cli.parser.show-help"),
        ("Show the version.", "cli.parser.show-version"),
        ("See 'plancascade help <subcommand>' for detailed help.", "cli.parser.see-help"),
        ("Missing expected argument", "cli.parser.missing-argument"),
        ("Unknown option", "cli.parser.unknown-option"),
        ("Unexpected argument", "cli.parser.unexpected-argument"),
        ("Unexpected arguments", "cli.parser.unexpected-arguments"),
        ("Missing value for", "cli.parser.missing-value"),
        ("Error:", "cli.parser.error"),
        ("Help:", "cli.parser.help"),
        ("Usage:", "cli.parser.usage-short"),
        ("(default: ", "cli.parser.default"),
        ("The value", "cli.parser.the-value"),
        ("is invalid for", "cli.parser.invalid-for"),
        ("(values: ", "cli.parser.values"),
        ("Did you mean", "cli.parser.did-you-mean"),
        // After "See 'plancascade help <subcommand>'…" above: `See 'plancascade approve --help' for more information.`
        ("See '", "cli.parser.see-command"),
        ("' for more information.", "cli.parser.for-more-information"),
    ]

    /// `output` of argument-parser with its own English phrases in the user's language.
    static func localize(_ output: String) -> String {
        guard language != .english else { return output }
        var text = output
        for (english, code) in phrases { text = text.replacingOccurrences(of: english, with: LanguageOption.text(code)) }
        return text
    }

    private static func text(_ code: String) -> String { Message(code).rendered(in: language) }
}

extension PlanCascade {
    /// Parses `arguments` and runs the command, printing help, usage errors and their exit
    /// codes as argument-parser would, in the user's language.
    static func run(_ arguments: [String]) -> Never {
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
            Foundation.exit(0)
        } catch {
            let code = exitCode(for: error)
            let output = LanguageOption.localize(fullMessage(for: error))
            if code == .success {
                if !output.isEmpty { print(output) }
            } else if !output.isEmpty {
                printError(output)
            }
            Foundation.exit(code.rawValue)
        }
    }
}

/// Where a repository's notes go: standard error, in the user's language.
func notify(_ message: Message) {
    printError("plancascade: " + say(message))
}
