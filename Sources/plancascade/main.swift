import ArgumentParser
import Foundation
import PlanModel
import PlanStore

// `-C <dir>` works like git's: it may be repeated, each relative to the previous, and
// must come before the subcommand. It is handled here because it changes the process's
// directory before any command runs. `--lang vi|en` may stand anywhere before `--`; it was
// read when `language` was chosen (Localization.swift) and is taken out here.
var arguments = Array(CommandLine.arguments.dropFirst())
InvocationFolder.path = FileManager.default.currentDirectoryPath
while arguments.count >= 2, arguments[0] == "-C" {
    let directory = arguments[1]
    guard FileManager.default.changeCurrentDirectoryPath(directory) else {
        printError("plancascade: " + text("cli.no-such-directory", ["directory": .text(directory)]))
        exit(ExitCodes.couldNotRun)
    }
    arguments.removeFirst(2)
}
arguments = LanguageOption.removing(from: arguments)
PlanCascade.run(arguments)
