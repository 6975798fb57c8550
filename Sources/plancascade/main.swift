import Foundation
import PlanStore

// `-C <dir>` works like git's: it may be repeated, each relative to the previous, and
// must come before the subcommand. It is handled here because it changes the process's
// directory before any command runs.
var arguments = Array(CommandLine.arguments.dropFirst())
while arguments.count >= 2, arguments[0] == "-C" {
    let directory = arguments[1]
    guard FileManager.default.changeCurrentDirectoryPath(directory) else {
        FileHandle.standardError.write(Data("plancascade: cannot change to '\(directory)': no such directory\n".utf8))
        exit(ExitCodes.couldNotRun)
    }
    arguments.removeFirst(2)
}
UnitRepository.notice = { FileHandle.standardError.write(Data("plancascade: \($0)\n".utf8)) }
PlanCascade.main(arguments)
