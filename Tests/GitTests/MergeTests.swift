import Git
import Testing
import TestSupport

@Suite struct MergeTests {
    init() { IsolatedGit.setUp() }

    /// Table of three-way merges: base, ours, theirs, expected merged files, conflicted paths.
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let base: [String: String]
        let ours: [String: String?]
        let theirs: [String: String?]
        let merged: [String: String]
        let conflicts: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "different files", base: ["a": "1\n", "b": "1\n"], ours: ["a": "2\n"], theirs: ["b": "2\n"],
             merged: ["a": "2\n", "b": "2\n"], conflicts: []),
        Case(name: "same change both sides", base: ["a": "1\n"], ours: ["a": "2\n"], theirs: ["a": "2\n"],
             merged: ["a": "2\n"], conflicts: []),
        Case(name: "both add different files", base: ["a": "1\n"], ours: ["x/o": "o\n"], theirs: ["x/t": "t\n"],
             merged: ["a": "1\n", "x/o": "o\n", "x/t": "t\n"], conflicts: []),
        Case(name: "same line changed differently", base: ["a": "1\n"], ours: ["a": "2\n"], theirs: ["a": "3\n"],
             merged: ["a": "2\n"], conflicts: ["a"]),
        Case(name: "modify versus delete", base: ["a": "1\n", "b": "1\n"], ours: ["a": nil], theirs: ["a": "3\n"],
             merged: ["b": "1\n"], conflicts: ["a"]),
    ]

    @Test(arguments: cases) func mergesTreesThreeWay(_ c: Case) throws {
        let dir = try TemporaryDirectory()
        let repo = try Repository.create(at: dir.path, bare: true)
        let base = try commitFiles(repo, c.base, parent: nil)
        let ours = try commitFiles(repo, c.ours, parent: base, moving: nil)
        let theirs = try commitFiles(repo, c.theirs, parent: base, moving: nil)
        let result = try repo.mergeCommits(ours: ours, theirs: theirs)
        #expect(result.conflicts.map(\.path) == c.conflicts)
        let files = try repo.files(in: result.tree).mapValues { String(decoding: try repo.blob($0), as: UTF8.self) }
        #expect(files == c.merged)
    }

    @Test func conflictsExposeAncestorOursAndTheirs() throws {
        let dir = try TemporaryDirectory()
        let repo = try Repository.create(at: dir.path, bare: true)
        let base = try commitFiles(repo, ["t.json": "50\n"], parent: nil)
        let ours = try commitFiles(repo, ["t.json": "55\n"], parent: base, moving: nil)
        let theirs = try commitFiles(repo, ["t.json": "60\n"], parent: base, moving: nil)
        let result = try repo.mergeCommits(ours: ours, theirs: theirs)
        let conflict = try #require(result.conflicts.first)
        #expect(try repo.blob(#require(conflict.ancestor)) == Array("50\n".utf8))
        #expect(try repo.blob(#require(conflict.ours)) == Array("55\n".utf8))
        #expect(try repo.blob(#require(conflict.theirs)) == Array("60\n".utf8))
        #expect(!result.isClean)
    }
}
