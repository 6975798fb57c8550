import Foundation
import Git

/// Baseline (a): the same sync steps done by the git command line, one process per
/// operation, as an administrator's script would — on a sample of communes, in copies, so
/// the domain run's repositories are never changed. No domain work: the derived files are
/// the ones the tool derived, written as they are; no validation and no rollup.
///
/// Per commune: `git fetch` the parent's targets, write the derived plan files, `git add`,
/// `git commit`; write the report, `git add`, `git commit`; `git push` to its hub and to
/// `refs/children/<id>/main` at the parent's hub. At the parent: one `git fetch` of the
/// children's refs (its time shared among them), then per child a subtree merge —
/// `git merge -s ours --no-commit`, `git read-tree --prefix=children/<id>/ -u`, `git commit`.
public struct GitCLIBaseline {
    let run: DomainRun
    let recorder = Recorder()
    let root: String

    public init(_ run: DomainRun) {
        self.run = run
        root = run.options.directory + "/baseline-git"
    }

    /// Per-unit seconds of pull, report, push and collect (per child), and processes per commune.
    public func measure() throws -> (steps: [String: Double], processes: Int) {
        for (parent, children) in run.sample() {
            let parentID = run.hierarchy.nodes[parent].id
            let parentClone = root + "/" + parentID, parentHub = root + "/hubs/" + parentID + ".git"
            try git(["clone", "-q", run.hub(parent), parentClone])
            try git(["reset", "-q", "--hard", run.planned[parent]!.hex], in: parentClone)
            try git(["init", "-q", "--bare", parentHub])
            try git(["remote", "set-url", "origin", parentHub], in: parentClone)
            for child in children {
                let node = run.hierarchy.nodes[child]
                let clone = root + "/" + node.id, hub = root + "/hubs/" + node.id + ".git"
                try git(["clone", "-q", run.hub(child), clone])
                try git(["reset", "-q", "--hard", run.initial[child]!.hex], in: clone)
                try git(["init", "-q", "--bare", hub])
                try git(["remote", "set-url", "origin", hub], in: clone)
                try git(["push", "-q", "origin", "main"], in: clone)
                try git(["remote", "add", "parent", run.hub(parent)], in: clone)
                try git(["remote", "set-url", "--push", "parent", parentHub], in: clone)
                let real = try Repository.open(at: run.work(child))
                let plan = try real.files(in: try real.commit(run.planned[child]!).tree).mapValues { try real.blob($0) }
                let reportPath = "progress/\(PlanGenerator.year)/\(PlanGenerator.period).json"
                let report = try real.blob(try real.entry(at: reportPath, in: try real.commit(run.reported[child]!).tree)!.oid)
                let environment = run.environment(child, date: "2024-06-17T08:00:00+07:00")
                try recorder.time("pull", level: "git CLI") {
                    try git(["fetch", "-q", "parent", "+refs/heads/targets:refs/remotes/parent/targets"], in: clone)
                    for (path, bytes) in plan { try write(bytes, to: clone + "/" + path) }
                    try git(["add", "-A"], in: clone)
                    try git(["commit", "-q", "-m", "Pull targets from \(parentID)"], in: clone, environment: environment)
                }
                try recorder.time("report", level: "git CLI") {
                    try write(report, to: clone + "/" + reportPath)
                    try git(["add", "-A"], in: clone)
                    try git(["commit", "-q", "-m", "Report \(PlanGenerator.period) of \(node.id)"], in: clone, environment: environment)
                }
                try recorder.time("push", level: "git CLI") {
                    try git(["push", "-q", "origin", "main"], in: clone)
                    try git(["push", "-q", "parent", "main:refs/children/\(node.id)/main"], in: clone)
                }
            }
            let clock = ContinuousClock(), start = clock.now
            try git(["fetch", "-q", "origin", "+refs/children/*:refs/children/*"], in: parentClone)
            let fetchShare = (clock.now - start).seconds / Double(children.count)
            let environment = run.environment(parent, date: "2024-12-28T08:00:00+07:00")
            for child in children {
                let id = run.hierarchy.nodes[child].id
                let seconds = try timed {
                    try git(["merge", "-q", "-s", "ours", "--no-commit", "--allow-unrelated-histories", "refs/children/\(id)/main"], in: parentClone, environment: environment)
                    try git(["read-tree", "--prefix=children/\(id)/", "-u", "refs/children/\(id)/main"], in: parentClone)
                    try git(["commit", "-q", "-m", "Collect \(id)"], in: parentClone, environment: environment)
                }
                recorder.add("collect", level: "git CLI", seconds: seconds + fetchShare)
            }
        }
        return (recorder.perUnit(["pull", "report", "push", "collect"], level: "git CLI"), 7 + 3)  // per commune: 7 of its own, 3 (and a share of one fetch) at its parent
    }

    private func timed(_ body: () throws -> Void) rethrows -> Double {
        let clock = ContinuousClock(), start = clock.now
        try body()
        return (clock.now - start).seconds
    }

    private func write(_ bytes: [UInt8], to path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    private func git(_ arguments: [String], in directory: String? = nil, environment: [String: String] = [:]) throws {
        let outcome = try ChildProcess.run("/usr/bin/git", (directory.map { ["-C", $0] } ?? []) + arguments,
                                           environment: ProcessInfo.processInfo.environment.merging(environment) { $1 }, stdout: .discard)
        guard outcome.status == 0 else {
            throw BenchError("git \(arguments.joined(separator: " ")) failed: \(String(decoding: outcome.stderr, as: UTF8.self))")
        }
    }
}
