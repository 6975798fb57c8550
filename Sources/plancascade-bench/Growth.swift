import BenchSupport
import Foundation

/// `plancascade-bench growth …`: the growth laws of one commune's propagation (GrowthRun),
/// printed as Markdown; exits when done.
func runGrowth(_ given: [String]) -> Never {
    func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("plancascade-bench growth: \(message)\nusage: plancascade-bench growth [--sizes 10,100,400,1000] [--repeat 3] [--budget SECONDS] [--seed N] [--dir DIR] [--criteria CSV] [--markdown FILE] [--json FILE] [--keep] [--cli PLANCASCADE] [--git GIT]\n".utf8))
        exit(64)
    }
    var arguments = given, options: [String: String] = [:], keep = false
    while let argument = arguments.first {
        arguments.removeFirst()
        switch argument {
        case "--keep": keep = true
        case "--sizes", "--repeat", "--budget", "--seed", "--dir", "--criteria", "--markdown", "--json", "--cli", "--git":
            guard let value = arguments.first else { fail("\(argument) needs a value") }
            arguments.removeFirst()
            options[argument] = value
        default: fail("unknown argument '\(argument)'")
        }
    }
    let sizeList = (options["--sizes"] ?? "10,100,400,1000").split(separator: ",").map { Int($0.trimmingCharacters(in: .whitespaces)) }
    let sizes = sizeList.compactMap { $0 }
    guard !sizes.isEmpty, sizes.count == sizeList.count, sizes.allSatisfy({ $0 > 0 }) else { fail("--sizes must be positive numbers separated by commas") }
    guard let repeats = Int(options["--repeat"] ?? "3"), repeats > 0 else { fail("--repeat must be a positive number") }
    guard let budget = Double(options["--budget"] ?? "60"), budget >= 0 else { fail("--budget must be a number of seconds") }
    guard let seed = UInt64(options["--seed"] ?? "2024") else { fail("--seed must be a number") }
    guard let criteria = findCriteria(options["--criteria"]) else { fail("cannot find Repos/daklak-2024/source/daklak-2024-par-sipas-targets.csv; pass --criteria") }
    guard let given = options["--cli"] ?? (FileManager.default.isExecutableFile(atPath: sibling) ? sibling : nil) else {
        fail("no plancascade binary next to this one; pass --cli")
    }
    // The commands run in the units' folders: a relative path would not find the binary there.
    let cli = URL(fileURLWithPath: given, relativeTo: URL(fileURLWithPath: FileManager.default.currentDirectoryPath)).standardizedFileURL.path
    let directory = options["--dir"] ?? NSTemporaryDirectory() + "plancascade-bench-growth-\(ProcessInfo.processInfo.processIdentifier)"
    if let contents = try? FileManager.default.contentsOfDirectory(atPath: directory), !contents.isEmpty { fail("\(directory) is not empty") }
    let growthOptions = GrowthOptions(sizes: sizes, repeats: repeats, budget: budget, seed: seed, directory: directory, criteria: criteria,
                                      cli: cli, git: options["--git"] ?? "/usr/bin/git", keep: keep)
    let run = GrowthRun(growthOptions)
    run.log = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
    let loadBefore = BenchReport.loadAverage()
    let clock = ContinuousClock(), start = clock.now
    do {
        let measured = try run.run()
        let elapsed = clock.now - start
        let report = GrowthReport(options: growthOptions, sizes: measured, loadBefore: loadBefore, loadAfter: BenchReport.loadAverage(),
                                  wallSeconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        let markdown = report.markdown()
        print(markdown, terminator: "")
        if let path = options["--markdown"] { try Data(markdown.utf8).write(to: URL(fileURLWithPath: path)) }
        if let path = options["--json"] { try report.json().write(to: URL(fileURLWithPath: path)) }
        if !keep { try? FileManager.default.removeItem(atPath: directory) }
        exit(0)
    } catch {
        FileHandle.standardError.write(Data("plancascade-bench growth: \(error)\n(repositories left in \(directory))\n".utf8))
        exit(2)
    }
}
