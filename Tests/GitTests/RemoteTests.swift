import Foundation
import Git
import Testing
import TestSupport

@Suite struct RemoteTests {
    init() { IsolatedGit.setUp() }

    /// A working repository with two commits on main and a bare hub next to it.
    struct Pair {
        let dir: TemporaryDirectory
        let work: Repository
        let hubPath: String
        let head: Oid
    }

    func makePair() throws -> Pair {
        let dir = try TemporaryDirectory()
        let work = try Repository.create(at: dir.appending("work"), bare: false)
        _ = try Repository.create(at: dir.appending("hub.git"), bare: true)
        let first = try commitFiles(work, ["unit.json": "{\"id\": \"bmt\"}\n"], parent: nil)
        let head = try commitFiles(work, ["progress/2024/2024-Q3.json": "{}\n"], parent: first)
        return Pair(dir: dir, work: work, hubPath: dir.appending("hub.git"), head: head)
    }

    /// A parent's collect fetches only the children whose pushed tips moved; when none
    /// moved nothing is downloaded (no pack is written), over a path and over git daemon.
    @Test(arguments: ["path", "daemon"]) func fetchesOnlyTheReferencesThatMoved(_ transport: String) throws {
        let pair = try makePair()
        let hub = try Repository.open(at: pair.hubPath)
        let daemon = transport == "daemon" ? try GitDaemon(basePath: pair.dir.path) : nil
        let url = daemon?.url("hub.git") ?? pair.hubPath
        // Three children pushed; the parent's clone has fetched none of them yet.
        for child in ["a", "b", "c"] {
            let tip = try commitFiles(pair.work, ["children/\(child).json": "{}\n"], parent: pair.head, moving: nil)
            try pair.work.updateReference("refs/heads/\(child)", to: tip, expected: nil, message: "test")
            #expect(try pair.work.push(to: .url(pair.hubPath), refspecs: ["refs/heads/\(child):refs/children/\(child)/main"]).allAccepted)
        }
        let parent = try Repository.create(at: pair.dir.appending("parent"), bare: false)
        #expect(try parent.fetchMoved(from: .url(url), under: "refs/children/") == ["refs/children/a/main", "refs/children/b/main", "refs/children/c/main"])
        #expect(try parent.referenceTarget("refs/children/b/main") == hub.referenceTarget("refs/children/b/main"))
        let packs = parent.objectStoreShape().packCount

        // Nothing moved: nothing fetched, no pack written.
        #expect(try parent.fetchMoved(from: .url(url), under: "refs/children/") == [])
        #expect(parent.objectStoreShape().packCount == packs)

        // b pushes again: only b comes.
        let newer = try commitFiles(pair.work, ["children/b.json": "{\"n\":2}\n"], parent: pair.head, moving: nil)
        try pair.work.updateReference("refs/heads/b", to: newer, expected: try pair.work.referenceTarget("refs/heads/b"), message: "test")
        #expect(try pair.work.push(to: .url(pair.hubPath), refspecs: ["+refs/heads/b:refs/children/b/main"]).allAccepted)
        #expect(try parent.fetchMoved(from: .url(url), under: "refs/children/") == ["refs/children/b/main"])
        #expect(try parent.referenceTarget("refs/children/b/main") == newer)
        #expect(try parent.entry(at: "children/b.json", in: try parent.commit(newer).tree) != nil)
        // Nothing outside the prefix came.
        #expect(try parent.referenceTarget("refs/heads/main") == nil)
    }

    @Test(arguments: ["path", "file"]) func pushesToABareHubAndFetchesBack(_ style: String) throws {
        let pair = try makePair()
        let url = style == "path" ? pair.hubPath : "file://" + pair.hubPath
        try pair.work.addRemote("origin", url: url)
        #expect(try pair.work.remoteURL("origin") == url)
        let report = try pair.work.push(
            to: .named("origin"), refspecs: ["refs/heads/main:refs/heads/main", "refs/heads/main:refs/children/bmt/main"])
        #expect(report.allAccepted)
        #expect(Set(report.statuses.map(\.reference)) == ["refs/heads/main", "refs/children/bmt/main"])

        // libgit2 sees the pushed refs in the hub…
        let hub = try Repository.open(at: pair.hubPath)
        #expect(try hub.referenceTarget("refs/children/bmt/main") == pair.head)
        #expect(try hub.history(from: [pair.head]).count == 2)
        // …and so does the git CLI, which also finds the hub sound.
        let log = try Command.git(["--git-dir", pair.hubPath, "log", "--format=%H", "refs/children/bmt/main"])
        #expect(log.stdout.split(separator: "\n").first.map(String.init) == pair.head.hex)
        let fsck = try Command.git(["--git-dir", pair.hubPath, "fsck", "--strict"])
        #expect(fsck.succeeded, "\(fsck.stderr)")

        // A second clone fetches the same commits back.
        let other = try Repository.create(at: pair.dir.appending("other"), bare: false)
        try other.fetch(from: .url(url), refspecs: ["+refs/children/*:refs/remotes/hub/children/*"])
        #expect(try other.referenceTarget("refs/remotes/hub/children/bmt/main") == pair.head)
        #expect(try text(other, "unit.json", at: pair.head) == "{\"id\": \"bmt\"}\n")
    }

    @Test func aNonFastForwardPushIsReportedAsRejected() throws {
        let pair = try makePair()
        #expect(try pair.work.push(to: .url(pair.hubPath), refspecs: ["refs/heads/main:refs/heads/main"]).allAccepted)
        // Rewrite history locally: a new root commit that does not descend from the pushed one.
        let rewritten = try commitFiles(pair.work, ["unit.json": "{}\n"], parent: nil, moving: nil)
        try pair.work.updateReference("refs/heads/main", to: rewritten, expected: pair.head, message: "rewrite")
        // Local pushes that are not fast-forwards fail in libgit2 itself.
        let error = #expect(throws: GitError.self) {
            _ = try pair.work.push(to: .url(pair.hubPath), refspecs: ["refs/heads/main:refs/heads/main"])
        }
        #expect(error?.code == .nonFastForward || error?.message.description.contains("fast-forward") == true)
        #expect(try Repository.open(at: pair.hubPath).referenceTarget("refs/heads/main") == pair.head)
    }

    @Test func pushingIntoANonBareRepositoryOverAPathFailsLoudly() throws {
        let pair = try makePair()
        let target = try Repository.create(at: pair.dir.appending("nonbare"), bare: false)
        _ = target
        #expect(throws: GitError.self) {
            _ = try pair.work.push(to: .url(pair.dir.appending("nonbare")), refspecs: ["refs/heads/main:refs/heads/main"])
        }
    }

    @Test func pushAndFetchOverGitDaemonReportServerRefusals() throws {
        let pair = try makePair()
        let daemon = try GitDaemon(basePath: pair.dir.path)
        let url = daemon.url("hub.git")

        // Accepted push, then fetched back into a fresh repository.
        let accepted = try pair.work.push(to: .url(url), refspecs: ["refs/heads/main:refs/heads/main"])
        #expect(accepted.allAccepted)
        #expect(accepted.statuses.map(\.reference) == ["refs/heads/main"])
        let fresh = try Repository.create(at: pair.dir.appending("fresh"), bare: true)
        try fresh.fetch(from: .url(url), refspecs: ["+refs/heads/main:refs/remotes/hub/main"])
        #expect(try fresh.referenceTarget("refs/remotes/hub/main") == pair.head)

        // A non-fast-forward over the wire: libgit2 "succeeds", the verdict says rejected.
        let rewritten = try commitFiles(pair.work, ["unit.json": "{}\n"], parent: nil, moving: nil)
        try pair.work.updateReference("refs/heads/rewrite", to: rewritten, expected: nil, message: "rewrite")
        let nonFastForward = try? pair.work.push(to: .url(url), refspecs: ["refs/heads/rewrite:refs/heads/main"])
        if let nonFastForward {
            #expect(!nonFastForward.allAccepted)
        }
        #expect(try Repository.open(at: pair.hubPath).referenceTarget("refs/heads/main") == pair.head)

        // A server-side hook refusal arrives per reference, with the hook's output.
        let hook = pair.hubPath + "/hooks/pre-receive"
        try "#!/bin/sh\necho 'refused: reports for 2024-Q3 are closed' >&2\nexit 1\n".write(
            toFile: hook, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook)
        let next = try commitFiles(pair.work, ["progress/2024/2024-Q4.json": "{}\n"], parent: pair.head)
        let refused = try pair.work.push(to: .url(url), refspecs: ["refs/heads/main:refs/heads/main"])
        #expect(!refused.allAccepted)
        #expect(refused.rejected.first?.reference == "refs/heads/main")
        #expect(refused.rejected.first?.rejection?.isEmpty == false)
        #expect(refused.serverMessages.contains("reports for 2024-Q3 are closed"))
        #expect(try Repository.open(at: pair.hubPath).referenceTarget("refs/heads/main") == pair.head)
        _ = next
    }
}
