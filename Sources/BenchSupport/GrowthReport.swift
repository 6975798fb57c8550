import Foundation

/// The growth measurement as Markdown (the generated `growth` section of BENCHMARKS.md,
/// benchmarks/growth.md) and JSON (benchmarks/growth.json): per way of running and step, the
/// median CPU at every N, the fitted law, wall time and peak memory, and the goals.
public struct GrowthReport {
    public let options: GrowthOptions
    public let sizes: [GrowthSize]
    public let loadBefore: String
    public let loadAfter: String
    public let wallSeconds: Double

    public init(options: GrowthOptions, sizes: [GrowthSize], loadBefore: String, loadAfter: String, wallSeconds: Double) {
        self.options = options
        self.sizes = sizes
        self.loadBefore = loadBefore
        self.loadAfter = loadAfter
        self.wallSeconds = wallSeconds
    }

    /// The rows of the tables: every step of every way, then `verify` and `check`.
    public static let rows: [(GrowthMode, GrowthStep)] = GrowthMode.allCases.flatMap { mode in
        GrowthStep.propagated.map { (mode, $0) }
    } + [(.local, .districtVerify), (.local, .districtCheck)]

    var communes: [Int] { sizes.map(\.communes) }

    /// The fitted law of a row's median CPU (ms), nil when it was not measured.
    public func fit(_ mode: GrowthMode, _ step: GrowthStep) -> GrowthFit? {
        let measured = sizes.compactMap { size in size.median(mode, step).map { (size.communes, $0 * 1000) } }
        return GrowthFit(sizes: measured.map(\.0), values: measured.map(\.1))
    }

    func size(_ communes: Int) -> GrowthSize? { sizes.first { $0.communes == communes } }

    private func ms(_ seconds: Double?) -> String { seconds.map { String(format: "%.0f", $0 * 1000) } ?? "—" }

    public func markdown() -> String {
        let header = communes.map { "N=\($0)" }
        var out = "### Growth laws: one commune's change reaching the top (seed \(options.seed))\n\n"
        out += "A province → one district → N communes. After one full round (set up in process), the district's last commune "
        out += "reports again and its change is carried to the province: the commune's `report` and `push`, the district's `collect` "
        out += "and `push`, the province's `collect`, each its own `plancascade` process (\(options.cli)); then `verify` and `check` at the "
        out += "district. Median of \(options.repeats) propagations per way of running, each a new report (`verify` and `check`: up to "
        out += String(format: "%d runs, fewer once one size's runs took %.0f s). ", options.repeats, options.budget)
        out += "CPU is user + system time of the process and the processes it waited for (`wait4`); over `git daemon` it adds the "
        out += "daemon's own processes (its `upload-pack` and `receive-pack`). The git script does the same in copies of the same "
        out += "repositories, one `git` process per operation (`add -A`, `commit`; `push` to the hub and to the parent's hub; "
        out += "`fetch` of `refs/children/*`, `merge -s ours --no-commit`, `rm -r --cached --sparse`, `read-tree --prefix -u`, `commit`), with no "
        out += "domain work. "
        out += "Laws are fitted on the median CPU (ms) by least squares on a + b·N + c·N² (a + b·N with two sizes): *constant* when "
        out += String(format: "b·N + c·N² is under %.0f%% of the fitted cost at the largest N, *worse than linear* when c·N² alone is "
                      + "%.0f%% or more, *linear* otherwise.\n\n", GrowthFit.threshold * 100, GrowthFit.threshold * 100)
        out += "\(ProcessInfo.processInfo.activeProcessorCount) cores; load average \(loadBefore) before, \(loadAfter) after; "
        out += "set-up " + sizes.map { String(format: "%.0f s at N=%d", $0.setupSeconds, $0.communes) }.joined(separator: ", ")
        out += String(format: "; whole run %.0f s wall clock.\n\n", wallSeconds)

        out += "| way | step | " + header.map { "\($0) CPU (ms)" }.joined(separator: " | ") + " | fit (CPU ms) | R² | b·N + c·N² at N=\(communes.max() ?? 0) | law |\n"
        out += "|---|---|" + String(repeating: "--:|", count: header.count) + "---|--:|--:|---|\n"
        var lastMode: GrowthMode?
        for (mode, step) in Self.rows {
            guard let fit = fit(mode, step) else { continue }
            let way = mode == lastMode ? "" : mode.title
            lastMode = mode
            let bold = step == .propagation ? "**" : ""
            out += "| \(way) | \(bold)\(step.rawValue)\(bold) | "
            out += communes.map { n in bold + ms(size(n)?.median(mode, step)) + bold }.joined(separator: " | ")
            out += String(format: " | %@ | %.2f | %.0f%% | %@%@%@ |\n", fit.formula, fit.r2, fit.growingShare * 100, bold, fit.law.rawValue, bold)
        }

        out += "\nWall time and peak memory (median wall ms / highest peak MiB of the step's processes):\n\n"
        out += "| way | step | " + header.joined(separator: " | ") + " |\n|---|---|" + String(repeating: "--:|", count: header.count) + "\n"
        lastMode = nil
        for (mode, step) in Self.rows where fit(mode, step) != nil {
            let way = mode == lastMode ? "" : mode.rawValue
            lastMode = mode
            out += "| \(way) | \(step.rawValue) | " + communes.map { n -> String in
                guard let size = size(n), let wall = size.median(mode, step, \.wall) else { return "—" }
                let peak = size.samples(mode, step).map(\.peakMiB).max() ?? 0
                return ms(wall) + String(format: " / %.0f", peak)
            }.joined(separator: " | ") + " |\n"
        }
        if sizes.contains(where: { !$0.samples(.daemon, .propagation).isEmpty }) {
            out += "\nOf the propagation over `git daemon`, the daemon's own processes (CPU ms): "
            out += sizes.map { size in "\(ms(size.median(.daemon, .propagation) { $0.serverCPU ?? 0 })) at N=\(size.communes)" }.joined(separator: ", ") + ".\n"
        }

        out += "\n| goal | result |\n|---|---|\n"
        out += "| one-commune propagation ≤ 150 ms CPU at N=400 | " + propagationAt400() + " |\n"
        out += "| propagation ≥ 3× cheaper than the git script at every N | " + ratioGoal([.propagation], factor: 3) + " |\n"
        out += "| commune cycle (report + push + the district's collect) ≥ 10× cheaper than the git CLI | " + ratioGoal([.communeReport, .communePush, .districtCollect], factor: 10)
        out += " (no `pull`: nothing is derived again here; the hierarchies' runs above time it) |\n"
        return out
    }

    func propagationAt400() -> String {
        guard let size = size(400) else { return "not measured (N=400 was not among the sizes)" }
        var parts: [String] = []
        for mode in [GrowthMode.local, .daemon, .hub] {
            guard let cpu = size.median(mode, .propagation) else { continue }
            parts.append(String(format: "%@ %.0f ms", mode.rawValue, cpu * 1000))
        }
        let local = size.median(.local, .propagation) ?? .infinity
        return (local <= 0.150 ? "**met**" : "**missed**") + " (local paths): " + parts.joined(separator: ", ")
    }

    /// The git script's median CPU over plancascade's (local paths), for `steps` summed, at every N.
    func ratioGoal(_ steps: [GrowthStep], factor: Double) -> String {
        var met = true, parts: [String] = []
        for size in sizes {
            let tool = steps.compactMap { size.median(.local, $0) }.reduce(0, +)
            let git = steps.compactMap { size.median(.git, $0) }.reduce(0, +)
            guard tool > 0, git > 0 else { continue }
            let ratio = git / tool
            met = met && ratio >= factor
            var text = String(format: "N=%d: %.1f× (git %.0f ms, plancascade %.0f ms)", size.communes, ratio, git * 1000, tool * 1000)
            let hub = steps.compactMap { size.median(.hub, $0) }.reduce(0, +)
            if hub > 0 { text += String(format: ", hub-side %.1f×", git / hub) }
            parts.append(text)
        }
        guard !parts.isEmpty else { return "not measured" }
        return (met ? "**met**" : "**missed**") + ": " + parts.joined(separator: "; ")
    }

    public func json() throws -> Data {
        struct Row: Encodable {
            let way: String
            let step: String
            let medianCPUms: [String: Double]
            let fit: GrowthFit
            let law: String
        }
        struct Payload: Encodable {
            let seed: UInt64
            let sizes: [GrowthSize]
            let rows: [Row]
            let loadBefore: String
            let loadAfter: String
            let wallSeconds: Double
        }
        let rows = Self.rows.compactMap { mode, step -> Row? in
            guard let fit = fit(mode, step) else { return nil }
            let medians = Dictionary(uniqueKeysWithValues: sizes.compactMap { size in size.median(mode, step).map { ("\(size.communes)", $0 * 1000) } })
            return Row(way: mode.rawValue, step: step.rawValue, medianCPUms: medians, fit: fit, law: fit.law.rawValue)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try encoder.encode(Payload(seed: options.seed, sizes: sizes, rows: rows, loadBefore: loadBefore, loadAfter: loadAfter, wallSeconds: wallSeconds))
    }
}
