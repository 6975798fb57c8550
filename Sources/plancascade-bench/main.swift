import BenchSupport
import Foundation

// plancascade-bench --hierarchy tiny|province|nation-2024|nation-2025 [--seed N] [--dir D]
//   [--criteria CSV] [--sample N] [--no-baselines] [--markdown FILE] [--json FILE] [--keep] [--cli PLANCASCADE]
// --cli (default: the plancascade binary next to this one, when built): runs the top's
// collect, check and trace as their own processes too, for each command's own peak memory.
// Runs the cascade over a generated hierarchy, prints the Markdown results (BENCHMARKS.md).
//
// plancascade-bench growth [--sizes 10,100,400,1000] [--repeat 3] [--budget SECONDS] [--seed N] [--dir D]
//   [--criteria CSV] [--markdown FILE] [--json FILE] [--keep] [--cli PLANCASCADE] [--git GIT]
// The growth laws: one commune's change carried to the top of a district of N communes (Growth.swift).

func usage(_ message: String) -> Never {
    FileHandle.standardError.write(Data("plancascade-bench: \(message)\nusage: plancascade-bench --hierarchy \(Hierarchy.Shape.allCases.map(\.rawValue).joined(separator: "|")) [--seed N] [--dir DIR] [--criteria CSV] [--sample N] [--no-baselines] [--markdown FILE] [--json FILE] [--keep] [--cli PLANCASCADE]\n".utf8))
    exit(64)
}

var arguments = Array(CommandLine.arguments.dropFirst())
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
func findCriteria(_ given: String?) -> String? {
    given ?? [FileManager.default.currentDirectoryPath, packageRoot]
        .map({ $0 + "/Repos/daklak-2024/source/daklak-2024-par-sipas-targets.csv" }).first(where: { FileManager.default.fileExists(atPath: $0) })
}
// The plancascade binary built next to this one, for the commands measured as their own processes.
let sibling = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("plancascade").path
if arguments.first == "growth" {
    runGrowth(Array(arguments.dropFirst()))
}
var options: [String: String] = [:]
var flags = Set<String>()
while let argument = arguments.first {
    arguments.removeFirst()
    switch argument {
    case "--no-baselines", "--keep": flags.insert(argument)
    case "--hierarchy", "--seed", "--dir", "--criteria", "--sample", "--markdown", "--json", "--cli":
        guard let value = arguments.first else { usage("\(argument) needs a value") }
        arguments.removeFirst()
        options[argument] = value
    default: usage("unknown argument '\(argument)'")
    }
}
guard let shape = options["--hierarchy"].flatMap(Hierarchy.Shape.init(rawValue:)) else { usage("--hierarchy is missing or unknown") }
guard let seed = UInt64(options["--seed"] ?? "2024") else { usage("--seed must be a number") }
guard let sample = Int(options["--sample"] ?? "20") else { usage("--sample must be a number") }
guard let criteria = findCriteria(options["--criteria"]) else { usage("cannot find Repos/daklak-2024/source/daklak-2024-par-sipas-targets.csv; pass --criteria") }
let directory = options["--dir"] ?? NSTemporaryDirectory() + "plancascade-bench-\(shape.rawValue)-\(ProcessInfo.processInfo.processIdentifier)"
if let contents = try? FileManager.default.contentsOfDirectory(atPath: directory), !contents.isEmpty { usage("\(directory) is not empty") }

let cli = options["--cli"] ?? (FileManager.default.isExecutableFile(atPath: sibling) ? sibling : nil)
let run = DomainRun(BenchOptions(shape: shape, seed: seed, directory: directory, criteria: criteria, sample: sample,
                                 baselines: !flags.contains("--no-baselines"), cli: cli))
run.recorder.log = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
let loadBefore = BenchReport.loadAverage()
let clock = ContinuousClock(), start = clock.now
do {
    FileHandle.standardError.write(Data("plancascade-bench: \(shape.rawValue), \(run.hierarchy.nodes.count) units in \(directory)\n".utf8))
    try run.run()
    if let last = run.recorder.phases.last { run.recorder.report(last) }
    FileHandle.standardError.write(Data("plancascade-bench: facts \(run.facts)\n".utf8))
    var floor: [String: Double]?, gitCLI: [String: Double]?
    if run.options.baselines {
        floor = try FloorBaseline(run).measure()
        gitCLI = try GitCLIBaseline(run).measure().steps
    }
    let elapsed = clock.now - start
    let report = BenchReport(run: run, floor: floor, gitCLI: gitCLI,
                             wallSeconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
                             loadBefore: loadBefore, loadAfter: BenchReport.loadAverage())
    let markdown = report.markdown()
    print(markdown, terminator: "")
    if let path = options["--markdown"] { try Data(markdown.utf8).write(to: URL(fileURLWithPath: path)) }
    if let path = options["--json"] { try report.json().write(to: URL(fileURLWithPath: path)) }
    if !flags.contains("--keep") { try? FileManager.default.removeItem(atPath: directory) }
} catch {
    FileHandle.standardError.write(Data("plancascade-bench: \(error)\n(repositories left in \(directory))\n".utf8))
    exit(2)
}
