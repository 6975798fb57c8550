import Foundation
import Git
import PlanModel
import PlanStore
import Testing
import TestSupport

/// A parent's collected `children/` stay in its commits and index but never in its work
/// tree, for libgit2 and for the git command line alike.
@Suite struct ParentWorkTreeTests {
    func collectedDistrict() throws -> HierarchyFixture {
        let f = try HierarchyFixture()
        try f.unit("buon-don", level: "district")
        try f.commit("buon-don", f.percentTarget("DVC-ONLINE", "50", rule: "uplift:5"))
        for commune in ["ea-nuol", "krong-na"] { try f.addChild("buon-don", commune, level: "commune") }
        try f.publish("buon-don")
        for (commune, figure) in [("ea-nuol", "40/50"), ("krong-na", "10/20")] {
            try f.unit(commune, level: "commune", parent: "buon-don")
            try f.pull(commune)
            try f.report(commune, "2024-Q3", ["DVC-ONLINE=\(figure)"])
            try f.push(commune)
        }
        #expect(try f.collect("buon-don").collected.count == 2)
        return f
    }

    @Test func collectedChildrenAreInTheCommitButNotInTheWorkTree() throws {
        let f = try collectedDistrict()
        let district = try f.open("buon-don")
        let tree = try district.git.commit(try #require(try district.head())).tree
        #expect(try district.git.entry(at: "children/ea-nuol/progress/2024/2024-Q3.json", in: tree) != nil)
        #expect(!FileManager.default.fileExists(atPath: f.work("buon-don") + "/children"))
        // The unit's own files are there, the rollup the collect wrote included.
        #expect(FileManager.default.fileExists(atPath: f.work("buon-don") + "/rollup/2024/2024-Q3.json"))
        #expect(try district.git.changedPaths() == [])

        // git agrees: nothing changed, every child file skip-worktree in the index.
        let status = try Command.git(["status", "--porcelain"], in: f.work("buon-don"))
        #expect(status.status == 0 && status.stdout.isEmpty, "\(status.stdout)\(status.stderr)")
        let listed = try Command.git(["ls-files", "-v"], in: f.work("buon-don")).stdout.split(separator: "\n")
        let children = listed.filter { $0.contains(" children/") }
        #expect(!children.isEmpty)
        #expect(children.allSatisfy { $0.hasPrefix("S ") }, "\(children.prefix(3))")
        #expect(listed.filter { $0.hasSuffix(" unit.json") }.allSatisfy { $0.hasPrefix("H ") })
        // A commit made with git keeps the children (the index has them).
        try "{}\n".write(toFile: f.work("buon-don") + "/notes.json", atomically: true, encoding: .utf8)
        #expect(try Command.git(["add", "notes.json"], in: f.work("buon-don")).status == 0)
        #expect(try Command.git(["commit", "-qm", "a note"], in: f.work("buon-don")).status == 0)
        let after = try Command.git(["ls-tree", "-r", "--name-only", "HEAD", "children/"], in: f.work("buon-don")).stdout
        #expect(after.contains("children/krong-na/progress/2024/2024-Q3.json"))
    }

    @Test func aWorkTreeFromBeforeLosesItsCopyOfTheChildrenAtTheNextCommand() throws {
        let f = try collectedDistrict()
        // A clone made before this rule: children/ checked out, no sparse pattern.
        let git = try f.open("buon-don").git
        let head = try #require(try git.referenceTarget("refs/heads/main"))
        try git.setConfig("core.sparseCheckout", "false")
        try git.updateWorkTree(to: head, from: nil, force: true)
        #expect(FileManager.default.fileExists(atPath: f.work("buon-don") + "/children/ea-nuol/unit.json"))

        try f.report("buon-don", "2024-Q3", ["DVC-ONLINE=5/10"])
        #expect(!FileManager.default.fileExists(atPath: f.work("buon-don") + "/children"))
        #expect(FileManager.default.fileExists(atPath: f.work("buon-don") + "/progress/2024/2024-Q3.json"))
        #expect(try Command.git(["status", "--porcelain"], in: f.work("buon-don")).stdout.isEmpty)
        #expect(try f.open("buon-don").git.changedPaths() == [])
    }

    @Test func aLocalEditStillStopsACommitThatWouldOverwriteIt() throws {
        let f = try collectedDistrict()
        let plan = f.work("buon-don") + "/plans/2024/targets/DVC-ONLINE.json"
        try "{\"edited\": true}\n".write(toFile: plan, atomically: true, encoding: .utf8)
        #expect(throws: PlanStoreError.self) { try f.setTarget("buon-don", "DVC-ONLINE", "60") }
        #expect(try String(contentsOfFile: plan, encoding: .utf8) == "{\"edited\": true}\n")
        #expect(try f.open("buon-don").git.changedPaths() == ["plans/2024/targets/DVC-ONLINE.json"])
    }
}
