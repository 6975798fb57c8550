import Foundation
import Git

/// Baseline (b), the floor: libgit2 alone (through the `Git` module) reading and writing the
/// same blobs, trees and commits and moving the same references as the domain's steps, with
/// no domain work — no JSON decoding, derivation, validation, rollup computation, history
/// walks or work-tree checkout. Bare repositories in a separate folder; the bytes written
/// are the ones the tool wrote (read before the clock starts).
///
/// Per commune: fetch the parent's targets and read every blob of them; write the derived
/// plan's blobs, its tree and commit as one pack, as the tool does (pull); one blob, tree update and commit (report); push
/// `main` to its hub and to the parent's hub (push). At the parent, per child: fetch the
/// child's ref, graft its tree at `children/<id>`, write the rollup blob, commit with two
/// parents (collect).
public struct FloorBaseline {
    let run: DomainRun
    let recorder = Recorder()
    let root: String

    public init(_ run: DomainRun) {
        self.run = run
        root = run.options.directory + "/baseline-floor"
    }

    public func measure() throws -> [String: Double] {
        let year = PlanGenerator.year, period = PlanGenerator.period
        for (parent, children) in run.sample() {
            let parentID = run.hierarchy.nodes[parent].id
            let parentHub = root + "/hubs/" + parentID + ".git"
            _ = try Repository.create(at: parentHub, bare: true)
            let parentRepository = try Repository.create(at: root + "/" + parentID + ".git", bare: true)
            _ = try parentRepository.fetch(from: .url(run.hub(parent)), refspecs: ["+refs/heads/main:refs/remotes/real/main"])
            try parentRepository.updateReference("refs/heads/main", to: run.planned[parent]!, expected: nil, message: "floor")
            let real = try Repository.open(at: run.work(parent))
            let rollupPath = "rollup/\(year)/\(period).json"
            let rollup = try real.blob(try real.entry(at: rollupPath, in: try real.commit(try real.referenceTarget("refs/heads/main")!).tree)!.oid)
            let parentSignature = Signature(name: "Văn thư", email: "\(parentID)@bench.example", time: 1_735_347_600, offsetMinutes: 420)

            for child in children {
                let id = run.hierarchy.nodes[child].id
                let hub = root + "/hubs/" + id + ".git"
                _ = try Repository.create(at: hub, bare: true)
                let repository = try Repository.create(at: root + "/" + id + ".git", bare: true)
                let source = try Repository.open(at: run.work(child))
                let plan = try source.files(in: try source.commit(run.planned[child]!).tree).mapValues { try source.blob($0) }
                let reportPath = "progress/\(year)/\(period).json"
                let report = try source.blob(try source.entry(at: reportPath, in: try source.commit(run.reported[child]!).tree)!.oid)
                let signature = Signature(name: "Văn thư", email: "\(id)@bench.example", time: 1_718_586_000, offsetMinutes: 420)

                try recorder.time("pull", level: "floor") {
                    _ = try repository.fetch(from: .url(run.hub(parent)), refspecs: ["+refs/heads/targets:refs/remotes/parent/targets"])
                    let targets = try repository.commit(try repository.referenceTarget("refs/remotes/parent/targets")!)
                    for oid in try repository.files(in: targets.tree).values { _ = try repository.blob(oid) }
                    // As the tool stores a pull's objects: one pack, not ~370 loose files.
                    let commit = try repository.writingOnePack {
                        var changes: [String: TreeChange] = [:]
                        for (path, bytes) in plan { changes[path] = .blob(try repository.writeBlob(bytes)) }
                        let tree = try repository.updateTree(nil, changes)
                        return try repository.createCommit(tree: tree, parents: [], author: signature, committer: signature, message: "Pull targets from \(parentID)\n")
                    }
                    try repository.updateReference("refs/heads/main", to: commit, expected: nil, message: "floor")
                }
                try recorder.time("report", level: "floor") {
                    let head = try repository.referenceTarget("refs/heads/main")!
                    let tree = try repository.updateTree(try repository.commit(head).tree, [reportPath: .blob(try repository.writeBlob(report))])
                    let commit = try repository.createCommit(tree: tree, parents: [head], author: signature, committer: signature, message: "Report \(period) of \(id)\n")
                    try repository.updateReference("refs/heads/main", to: commit, expected: head, message: "floor")
                }
                try recorder.time("push", level: "floor") {
                    _ = try repository.push(to: .url(hub), refspecs: ["refs/heads/main:refs/heads/main"])
                    _ = try repository.push(to: .url(parentHub), refspecs: ["refs/heads/main:refs/children/\(id)/main"])
                }
                try recorder.time("collect", level: "floor") {
                    _ = try parentRepository.fetch(from: .url(parentHub), refspecs: ["+refs/children/\(id)/main:refs/children/\(id)/main"])
                    let pushed = try parentRepository.referenceTarget("refs/children/\(id)/main")!
                    let head = try parentRepository.referenceTarget("refs/heads/main")!
                    var tree = try parentRepository.updateTree(try parentRepository.commit(head).tree, ["children/\(id)": .tree(try parentRepository.commit(pushed).tree)])
                    tree = try parentRepository.updateTree(tree, [rollupPath: .blob(try parentRepository.writeBlob(rollup))])
                    let commit = try parentRepository.createCommit(tree: tree, parents: [head, pushed], author: parentSignature, committer: parentSignature, message: "Collect \(id)\n")
                    try parentRepository.updateReference("refs/heads/main", to: commit, expected: head, message: "floor")
                }
            }
        }
        return recorder.perUnit(["pull", "report", "push", "collect"], level: "floor")
    }
}
