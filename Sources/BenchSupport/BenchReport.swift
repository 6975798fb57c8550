import Foundation

/// The results of one benchmark run as Markdown (the generated part of BENCHMARKS.md) and
/// as canonical-enough JSON for tools.
public struct BenchReport {
    public let run: DomainRun
    public let floor: [String: Double]?
    public let gitCLI: [String: Double]?
    public let wallSeconds: Double
    public let loadBefore: String
    public let loadAfter: String

    public init(run: DomainRun, floor: [String: Double]?, gitCLI: [String: Double]?, wallSeconds: Double, loadBefore: String, loadAfter: String) {
        self.run = run
        self.floor = floor
        self.gitCLI = gitCLI
        self.wallSeconds = wallSeconds
        self.loadBefore = loadBefore
        self.loadAfter = loadAfter
    }

    /// The phases of one cycle: derive down, report, collect up.
    static let cycle: Set<String> = ["publish", "pull", "import", "report", "push", "collect"]
    static let round: Set<String> = ["report", "push", "collect"]
    static let incrementalRound: Set<String> = ["incremental report", "incremental push", "incremental collect"]

    public var cycleSeconds: Double { run.recorder.total(Self.cycle) - (run.recorder.phase("import", level: run.hierarchy.top.level)?.seconds ?? 0) }

    public static func loadAverage() -> String {
        (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "?"
    }

    static func memTotal() -> String {
        guard let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("MemTotal:") }),
              let kib = Double(line.split(separator: " ").dropFirst().first ?? "") else { return "?" }
        return String(format: "%.1f GiB", kib / 1024 / 1024)
    }

    public func markdown() -> String {
        let recorder = run.recorder
        let top = run.hierarchy.top.level
        var counts: [String: Int] = [:]
        for node in run.hierarchy.nodes { counts[node.level, default: 0] += 1 }
        let shape = run.hierarchy.levels.map { $0.map { run.hierarchy.nodes[$0].level } }
            .map { levels in Set(levels).sorted().map { "\(counts[$0]!) \($0)" }.joined(separator: " + ") }.joined(separator: " → ")
        var out = "### `\(run.options.shape.rawValue)` (seed \(run.options.seed))\n\n"
        out += "\(run.hierarchy.nodes.count) units: \(shape). Each unit's derived plan: \(run.facts["files-per-leaf"] ?? "?") files "
        out += "(133 PAR/SIPAS criteria and 10 service indicators, each an indicator and a target file, 80 tasks). "
        out += "\(ProcessInfo.processInfo.activeProcessorCount) cores, \(Self.memTotal()); load average \(loadBefore) before, \(loadAfter) after; "
        out += String(format: "whole run %.1f s wall clock.\n\n", wallSeconds)

        out += "| phase | level | units | total (s) | per unit (ms) | CPU per unit (ms) | slowest (ms) | peak RSS after (MiB) |\n|---|---|--:|--:|--:|--:|--:|--:|\n"
        for phase in recorder.phases {
            out += String(format: "| %@ | %@ | %d | %.2f | %.1f | %.1f | %.1f | %.0f |\n", phase.name, phase.level, phase.units, phase.seconds,
                          phase.perUnit * 1000, phase.cpuPerUnit * 1000, phase.maxSeconds * 1000, phase.peakMiB)
        }

        let full = recorder.total(Self.round), incremental = recorder.total(Self.incrementalRound)
        let topCollect = recorder.phase("collect", level: top)?.seconds ?? 0
        let check = recorder.phase("check", level: top)?.seconds ?? 0, trace = recorder.phase("trace", level: top)?.seconds ?? 0
        let peak = Recorder.peakMiB()
        out += "\n| measure | value | goal |\n|---|--:|---|\n"
        out += String(format: "| cycle: publish + pull + import at every level, report, push, collect | %.2f s | %@ |\n", cycleSeconds,
                      run.options.shape == .province ? goal(cycleSeconds < 5, "< 5 s") : run.options.shape == .nation2024 ? goal(cycleSeconds < 600, "< 10 min") : "—")
        out += String(format: "| `check` at the top | %.3f s | %@ |\n", check, run.options.shape == .province ? goal(check < 0.5, "< 0.5 s") : "—")
        out += String(format: "| `trace DVC-ONLINE` at the top | %.3f s | %@ |\n", trace, run.options.shape == .province ? goal(trace < 0.5, "< 0.5 s") : "—")
        out += String(format: "| `log DVC-ONLINE` at the top | %.3f s | — |\n", recorder.phase("log", level: top)?.seconds ?? 0)
        out += String(format: "| collect at the top | %.2f s | %@ |\n", topCollect, run.options.shape == .nation2024 ? goal(topCollect < 60, "< 60 s") : "—")
        out += String(format: "| peak RSS of the whole benchmark process | %.0f MiB | %@ |\n", peak, goal(peak < 1024, "< 1 GiB"))
        out += String(format: "| full round (report + push + collect, every unit) | %.2f s | |\n", full)
        out += String(format: "| incremental round (%@) | %.2f s = %.1f%% of the full round | %@ |\n",
                      run.facts["incremental"] ?? "", incremental, 100 * incremental / max(full, 1e-9), goal(incremental <= 0.05 * full, "≤ ~5%"))

        if let floor, let gitCLI {
            let domain = run.perUnitSteps()
            let sampled = run.sample().reduce(0) { $0 + $1.children.count }
            out += "\nPer commune, on a sample of \(sampled) communes (the baselines replay the same data; domain = this run's mean over all communes):\n\n"
            out += "| step | plancascade (ms) | libgit2 floor (ms) | git CLI (ms) | plancascade ÷ floor | git CLI ÷ plancascade |\n|---|--:|--:|--:|--:|--:|\n"
            var sums = (0.0, 0.0, 0.0)
            for step in ["pull", "report", "push", "collect"] {
                let d = domain[step] ?? 0, f = floor[step] ?? 0, g = gitCLI[step] ?? 0
                sums.0 += d; sums.1 += f; sums.2 += g
                out += String(format: "| %@ | %.1f | %.1f | %.1f | %.1f× | %.1f× |\n", step == "collect" ? "collect (at the parent, per child)" : step,
                              d * 1000, f * 1000, g * 1000, d / max(f, 1e-9), g / max(d, 1e-9))
            }
            out += String(format: "| **one commune's cycle** | **%.1f** | **%.1f** | **%.1f** | **%.1f×** %@ | **%.1f×** %@ |\n",
                          sums.0 * 1000, sums.1 * 1000, sums.2 * 1000, sums.0 / max(sums.1, 1e-9), goal(sums.0 <= 3 * sums.1, "≤ 3×"),
                          sums.2 / max(sums.0, 1e-9), goal(sums.2 >= 10 * sums.0, "≥ 10×"))
        }
        if run.options.shape.reorganises { out += reorganisation() }
        out += "\nFacts: " + run.facts.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "; ") + ".\n"
        return out
    }

    /// The phases of the reorganisation itself: the decisions, publishing and following them, starting the merged units.
    static let reorgCommands: Set<String> = ["reorg merge provinces", "reorg dissolve", "reorg merge", "reorg merge (own process)", "reorg publish", "reorg pull", "reorg push", "reorg start"]

    /// What the reorganisation cost, and what was checked at the top after it.
    func reorganisation() -> String {
        let recorder = run.recorder
        let phases = recorder.phases.filter { Self.reorgCommands.contains($0.name) }
        let seconds = phases.reduce(0) { $0 + $1.seconds }, cpu = phases.reduce(0) { $0 + $1.cpuSeconds }
        let affected = Double(run.facts["reorg-units-affected"].flatMap(Int.init) ?? 0)
        let decisions = recorder.phases.filter { ["reorg merge provinces", "reorg dissolve", "reorg merge", "reorg merge (own process)"].contains($0.name) }
        let decisionSeconds = decisions.reduce(0) { $0 + $1.seconds }, decisionCount = decisions.reduce(0) { $0 + $1.units }
        let first = recorder.phases.filter { $0.name.hasPrefix("first collect after reorg") }
        let q3 = recorder.total(["2025 report", "2025 push", "first collect after reorg", "first collect after reorg (own process)"])
        var out = "\nReorganisation (effective \(ReorgPlan.effective)): \(run.facts["reorg-decisions"] ?? "?").\n\n"
        out += "| measure | value |\n|---|--:|\n"
        out += String(format: "| decisions (`reorg merge` of provinces, `reorg dissolve`, `reorg merge`) | %d, %.2f s, %.1f ms each |\n", decisionCount, decisionSeconds, decisionSeconds * 1000 / Double(max(decisionCount, 1)))
        out += String(format: "| every reorganisation command (decide, publish, pull, push, start) | %.2f s wall, %.2f s CPU |\n", seconds, cpu)
        out += String(format: "| … per unit affected | %.1f ms wall, %.1f ms CPU |\n", seconds * 1000 / max(affected, 1), cpu * 1000 / max(affected, 1))
        if let peak = run.facts["reorg-merge-process-peak-MiB"] { out += "| peak memory of one `reorg merge` at a province (own process) | \(peak) MiB |\n" }
        for phase in first {
            out += String(format: "| first collect after it at the %@ (%d units) | %.2f s, CPU %.2f s |\n", phase.level, phase.units, phase.seconds, phase.cpuSeconds)
        }
        if let peak = run.facts["reorg-first-collect-process-peak-MiB"] { out += "| peak memory of the top's first collect after it (own process) | \(peak) MiB |\n" }
        out += String(format: "| 2025-Q3 round (report, push, collect) in the new structure | %.2f s |\n", q3)
        out += "| work trees and clones, hubs: before → after (MiB) | \(run.facts["reorg-disk-before-MiB"] ?? "?") → \(run.facts["reorg-disk-after-MiB"] ?? "?") |\n"
        out += "\nChecked at the top: \(run.facts["reorg-counted-once"] ?? "?"); shape after: \(run.facts["reorg-shape-after"] ?? "?"); "
        out += "`verify`: \(run.facts["reorg-verify"] ?? "?"); `trace DVC-ONLINE`: 2025-Q2 \(run.facts["reorg-trace-2025-Q2"] ?? "?"), 2025-Q3 \(run.facts["reorg-trace-2025-Q3"] ?? "?"); "
        out += "`check --as-of 2025-10-20 --from 2025-01-01`: \(run.facts["reorg-check"] ?? "?").\n"
        return out
    }

    private func goal(_ met: Bool, _ text: String) -> String { "\(text): \(met ? "**met**" : "**missed**")" }

    public func json() throws -> Data {
        struct Payload: Encodable {
            let hierarchy: String
            let seed: UInt64
            let units: Int
            let phases: [Recorder.Phase]
            let facts: [String: String]
            let floor: [String: Double]?
            let gitCLI: [String: Double]?
            let domainPerCommune: [String: Double]?
            let cycleSeconds: Double
            let wallSeconds: Double
            let peakMiB: Double
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(Payload(
            hierarchy: run.options.shape.rawValue, seed: run.options.seed, units: run.hierarchy.nodes.count, phases: run.recorder.phases,
            facts: run.facts, floor: floor, gitCLI: gitCLI, domainPerCommune: floor == nil ? nil : run.perUnitSteps(),
            cycleSeconds: cycleSeconds, wallSeconds: wallSeconds, peakMiB: Recorder.peakMiB()))
    }
}
