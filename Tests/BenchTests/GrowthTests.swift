import BenchSupport
import Foundation
import Testing
import TestSupport

/// The growth mode: its fit classifies from the data, and `plancascade-bench growth` runs tiny
/// sizes end to end (real processes, git daemon) and prints the table it fitted.
@Suite struct GrowthTests {
    init() { IsolatedGit.setUp() }

    @Test func fitRecoversCoefficientsAndClassifies() throws {
        let sizes = [10, 100, 400, 1000]
        let flat = try #require(GrowthFit(sizes: sizes, values: [200, 205, 198, 210]))
        #expect(flat.law == .constant)
        let linear = try #require(GrowthFit(sizes: sizes, values: sizes.map { 100 + 0.5 * Double($0) }))
        #expect(abs(linear.a - 100) < 1e-6 && abs(linear.b - 0.5) < 1e-9 && abs(linear.c) < 1e-12)
        #expect(linear.law == .linear)
        #expect(abs(linear.r2 - 1) < 1e-9)
        // The issue's collect: 188 M + 1.95 M·N + 0.0054 M·N² (instructions).
        let collect = try #require(GrowthFit(sizes: sizes, values: sizes.map { 188 + 1.95 * Double($0) + 0.0054 * Double($0 * $0) }))
        #expect(abs(collect.c - 0.0054) < 1e-9)
        #expect(collect.law == .worse)
        #expect(collect.formula.hasPrefix("188 + ") && collect.formula.hasSuffix("·N + 5.40e-03·N²"), "\(collect.formula)")
        // The same data with less N in it, under and over the 20% threshold at the largest N.
        #expect(GrowthFit(sizes: sizes, values: sizes.map { 1000 + 0.2 * Double($0) })?.law == .constant)  // 200 of 1,200
        #expect(GrowthFit(sizes: sizes, values: sizes.map { 1000 + 0.3 * Double($0) })?.law == .linear)  // 300 of 1,300
        // Two sizes fit a + b·N; one size a constant.
        let two = try #require(GrowthFit(sizes: [2, 4], values: [10, 30]))
        #expect(two.terms == 2 && abs(two.b - 10) < 1e-9 && two.law == .linear)
        #expect(GrowthFit(sizes: [5], values: [3])?.law == .constant)
        #expect(GrowthFit(sizes: [], values: []) == nil)
    }

    @Test func growthModeRunsTinySizes() throws {
        let binary = URL(fileURLWithPath: Tool.path).deletingLastPathComponent().appendingPathComponent("plancascade-bench").path
        let dir = try TemporaryDirectory("bench-growth")
        let json = dir.appending("growth.json")
        let result = try Command.run(binary, ["growth", "--sizes", "1,2", "--repeat", "1", "--dir", dir.appending("run"), "--criteria", BenchTests.criteria,
                                              "--cli", Tool.path, "--json", json], environment: IsolatedGit.environment())
        #expect(result.status == 0, "\(result.stderr)")
        let table = result.stdout
        #expect(table.contains("| way | step | N=1 CPU (ms) | N=2 CPU (ms) | fit (CPU ms) | R² | b·N + c·N² at N=2 | law |"))
        struct Payload: Decodable {
            struct Row: Decodable { let way: String; let step: String; let law: String; let medianCPUms: [String: Double] }
            let sizes: [GrowthSize]
            let rows: [Row]
        }
        let payload = try JSONDecoder().decode(Payload.self, from: Data(contentsOf: URL(fileURLWithPath: json)))
        #expect(payload.sizes.map(\.communes) == [1, 2])
        // Every way's five steps and their sum, and verify and check at the district.
        let expected = GrowthMode.allCases.flatMap { mode in GrowthStep.propagated.map { "\(mode.rawValue)/\($0.rawValue)" } }
            + ["local/district verify", "local/district check"]
        #expect(payload.rows.map { "\($0.way)/\($0.step)" } == expected)
        for size in payload.sizes {
            for mode in GrowthMode.allCases {
                let samples = size.samples(mode, .propagation)
                #expect(samples.count == 1, "\(mode) at N=\(size.communes)")
                // The propagation is its five steps, as processes: 5 plancascade, 16 git.
                #expect(samples.first?.processes == (mode == .git ? 16 : 5))
                #expect(samples.allSatisfy { $0.cpu > 0 && $0.wall > 0 && (mode == .git || $0.peakMiB > 0) })
            }
            #expect(size.samples(.daemon, .communePush).allSatisfy { ($0.serverCPU ?? -1) >= 0 })
        }
        // Each printed law is the fit of the measured medians, recomputed here from the samples.
        for row in payload.rows {
            let mode = try #require(GrowthMode(rawValue: row.way)), step = try #require(GrowthStep(rawValue: row.step))
            let medians = payload.sizes.map { ($0.communes, ($0.median(mode, step) ?? .nan) * 1000) }
            #expect(medians.map { row.medianCPUms["\($0.0)"] ?? .nan } == medians.map(\.1))
            let fit = try #require(GrowthFit(sizes: medians.map(\.0), values: medians.map(\.1)))
            #expect(row.law == fit.law.rawValue)
            #expect(table.contains("| \(step == .propagation ? "**propagation**" : row.step) | "))
            #expect(table.contains(fit.formula))
        }
        #expect(table.contains("| one-commune propagation ≤ 150 ms CPU at N=400 | not measured"))
        #expect(table.contains("| propagation ≥ 3× cheaper than the git script at every N | **"))
        #expect(!FileManager.default.fileExists(atPath: dir.appending("run/n1")), "the repositories are removed afterwards")
    }
}
