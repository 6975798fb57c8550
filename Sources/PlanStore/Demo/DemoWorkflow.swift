import Cascade
import Foundation
import PlanModel

/// `plancascade demo`: builds hubs and working clones from the example data in `Repos/` and
/// runs the real workflows end to end on them, in this process — publish, pull and derive,
/// report, push, collect, sync — with a few problems planted on the way, then `check`.
///
/// The repositories stay in ``Options/out`` for the user to explore with the tool and git.
public struct DemoWorkflow {
    public enum Example: String, Sendable, CaseIterable {
        /// Đắk Lắk 2024: Kế hoạch 116/KH-UBND and the 60-day online-service campaign (000, 004).
        case daklak
        /// Tuy Phước district 2024: its 51 tasks and its 2023 results (001).
        case tuyphuoc
        /// Quảng Trị: 2023 assessed scores and deductions, and their remedies for 2024 (003).
        case quangtri
        /// Đắk Lắk 2024–2025: the reorganisation of 1/7/2025 — districts dissolved, communes
        /// merged and moved — between a three-tier and a two-tier cycle (issue 18).
        case reorg
    }

    public struct Options: Sendable {
        public var example: Example
        /// An empty or absent folder for the repositories.
        public var out: String
        /// The `Repos/` folder of the source tree.
        public var repos: String

        public init(example: Example, out: String, repos: String) {
            self.example = example
            self.out = out
            self.repos = repos
        }
    }

    /// One step of the story: what was done, and what came of it — messages (`demo.*`
    /// codes) for the caller to render in its reader's language.
    public struct Step: Sendable {
        public let title: Message
        public let lines: [Message]
    }

    public struct Outcome: Sendable {
        public let example: Example
        public let out: String
        public let steps: [Step]
        /// The unit at the top (where `check` ran) and its working clone.
        public let top: String
        public let topPath: String
        /// The check that ended the demo, with the options it ran with.
        public let check: CheckQuery.Report
        public let checkOptions: CheckQuery.Options
        /// The findings the demo planted, as (kind, unit); `check` should report exactly these errors and warnings.
        public let planted: [(kind: Finding.Kind, unit: String)]
        /// Commands to explore further (typed as they are), each with what it shows.
        public let explore: [(command: String, shows: Message)]
    }

    public let options: Options
    /// Told each step as it ends, so a caller can show the story while it runs.
    let narrate: (Step) -> Void

    /// - Parameter narrate: called with each step as it ends (the steps are also in the outcome).
    public init(_ options: Options, narrate: @escaping (Step) -> Void = { _ in }) {
        self.options = options
        self.narrate = narrate
    }

    public func run() throws -> Outcome {
        try Self.prepare(options.out)
        let stage = DemoStage(out: options.out, repos: options.repos, narrate: narrate)
        switch options.example {
        case .daklak:
            var demo = DaklakDemo(stage: stage)
            return try demo.run()
        case .tuyphuoc: return try SmallExampleDemo(stage: stage, spec: .tuyphuoc).run()
        case .quangtri: return try SmallExampleDemo(stage: stage, spec: .quangtri).run()
        case .reorg: return try ReorgDemo(stage: stage).run()
        }
    }

    /// Creates `out`, refusing a folder that already holds something.
    static func prepare(_ out: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: out, isDirectory: &isDirectory) {
            let contents = isDirectory.boolValue ? (try? FileManager.default.contentsOfDirectory(atPath: out)) ?? [] : ["file"]
            if !contents.isEmpty { throw PlanStoreError.alreadyExists(path: out) }
        }
        do {
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        } catch {
            throw PlanStoreError.io(path: out, reason: "cannot create the folder (\(error.localizedDescription))")
        }
    }

    /// The `Repos/` folder: `explicit` when given, else the first `Repos/` holding the
    /// examples in the folder of `executable` or any folder above it (the package root when
    /// the binary is in `.build/…`), else in `current` or above.
    /// - Throws: `PlanStoreError.io` saying where it looked and how to point at it.
    public static func locateRepos(explicit: String?, executable: String, current: String) throws -> String {
        func holdsExamples(_ folder: String) -> Bool {
            FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent("daklak-2024/units.csv"))
        }
        if let explicit {
            let path = URL(fileURLWithPath: explicit, relativeTo: URL(fileURLWithPath: current)).standardized.path
            guard holdsExamples(path) else {
                throw PlanStoreError.io(path: path, reason: "is not the Repos/ folder of PlanCascade (no daklak-2024/units.csv in it)")
            }
            return path
        }
        var searched: [String] = []
        let binary = URL(fileURLWithPath: executable, relativeTo: URL(fileURLWithPath: current)).resolvingSymlinksInPath()
        for start in [binary.deletingLastPathComponent(), URL(fileURLWithPath: current)] {
            var folder = start.standardized
            while true {
                let candidate = folder.appendingPathComponent("Repos").path
                if holdsExamples(candidate) { return candidate }
                searched.append(folder.path)
                let up = folder.deletingLastPathComponent()
                if up.path == folder.path { break }
                folder = up
            }
        }
        throw PlanStoreError.io(
            path: "Repos/",
            reason: "not found next to the plancascade binary or above it, nor above the current folder (looked in \(searched.first ?? "") and its parents); "
                + "run the demo from the PlanCascade source tree, or pass --repos <path to PlanCascade/Repos>")
    }
}
