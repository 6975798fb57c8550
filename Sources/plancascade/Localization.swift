import Foundation
import PlanModel

/// The language this process speaks to its user, chosen once at start-up as people expect
/// (``Language/resolve(flag:environment:)``: `--lang`, `PLANCASCADE_LANG`, the locale).
/// Never changes while the process runs; `--json` output does not depend on it.
let language = Language.resolve(
    flag: Language.flag(in: Array(CommandLine.arguments.dropFirst())), environment: ProcessInfo.processInfo.environment)

/// `message` in the user's language.
func say(_ message: Message) -> String { message.rendered(in: language) }

/// The catalogue text `code` in the user's language (help texts, headers, states).
func text(_ code: String, _ arguments: [String: Message.Value] = [:]) -> String {
    Message(code, arguments).rendered(in: language)
}

/// A value as the user's language writes it (41.940 and 86,2482 in Vietnamese).
func shown(_ value: Message.Value) -> String { Catalogue.format(value, in: language) }

/// Writes a line to standard error.
func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// A percentage written with two decimals (`71.30%`; `71,30%` in Vietnamese).
func percentText(fixed: String) -> String {
    (language == .vietnamese ? fixed.replacingOccurrences(of: ".", with: ",") : fixed) + "%"
}

/// A figure as the user's language writes it: `41940/58818` (`41.940/58.818`) or `62.4` (`62,4`).
func figureText(_ figure: Figure) -> String {
    if let numerator = figure.numerator, let denominator = figure.denominator {
        return shown(.number(numerator)) + "/" + shown(.number(denominator))
    }
    return figure.value.map { shown(.number($0)) } ?? ""
}

/// A unit's level as the user's language names it (`tỉnh`, `huyện`, `xã`…); a level the
/// catalogue does not know is shown as it is written in unit.json.
func levelValue(_ level: String) -> Message.Value {
    Catalogue.template("term.level.\(level)", in: .english) == nil ? .text(level) : .term("term.level.\(level)")
}
