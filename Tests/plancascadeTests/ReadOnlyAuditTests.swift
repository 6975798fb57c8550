import Foundation
import Testing
import TestSupport

/// An inspector with read-only access (here a read-only bind mount, since the tests run as
/// root, whom file modes do not stop): every reading command works without the repository
/// lock; a writing command says it cannot write.
@Suite struct ReadOnlyAuditTests {
    init() { IsolatedGit.setUp() }

    @Test func readingCommandsWorkOnARepositoryNobodyCanWrite() throws {
        let dir = try HookCommandTests().setUp()
        let reported = try Tool.run(["report", "2024-Q3", "DVC-ONLINE=40/100"], in: dir.appending("buon-don"))
        #expect(reported.status == 0, "\(reported.stderr)")
        let mounted = dir.appending("ro")
        try FileManager.default.createDirectory(atPath: mounted, withIntermediateDirectories: true)
        let bind = try Command.run("mount", ["--bind", dir.appending("buon-don"), mounted])
        guard bind.succeeded else {
            print("read-only audit: skipped, this machine cannot bind-mount (\(bind.stderr.trimmingCharacters(in: .whitespacesAndNewlines)))")
            return
        }
        defer { _ = try? Command.run("umount", [mounted]) }
        let remount = try Command.run("mount", ["-o", "remount,bind,ro", mounted])
        #expect(remount.succeeded, "\(remount.stderr)")
        #expect(!FileManager.default.createFile(atPath: mounted + "/.git/probe", contents: Data()), "the mount is read-only")
        let out = dir.appending("report.html")
        for arguments in [["log"], ["status"], ["targets"], ["trace", "DVC-ONLINE"], ["verify"], ["check", "--as-of", "2024-12-31"],
                          ["diff"], ["export", "--format", "html", "--out", out]] {
            let result = try Tool.run(arguments, in: mounted)
            #expect(result.status == 0 || result.status == 1, "\(arguments): \(result.status) \(result.stderr)")
            #expect(!result.stderr.contains("lock"), "\(arguments): \(result.stderr)")
        }
        #expect(FileManager.default.fileExists(atPath: out))
        let write = try Tool.run(["report", "2024-Q3", "DVC-ONLINE=1/2"], in: mounted)
        #expect(write.status == 2, "\(write.stderr)")
        #expect(write.stderr.contains("Read-only file system"), "\(write.stderr)")
    }

    /// A crash can leave an empty object file: the command names the object, the ref and file
    /// that need it, and the repair.
    @Test func aDamagedObjectIsReportedWithItsRepair() throws {
        let dir = try HookCommandTests().setUp()
        let work = dir.appending("buon-don")
        #expect(try Tool.run(["report", "2024-Q3", "DVC-ONLINE=40/100"], in: work).status == 0)
        let blob = try Command.git(["rev-parse", "main:progress/2024/2024-Q3.json"], in: work).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let file = work + "/.git/objects/" + blob.prefix(2) + "/" + blob.dropFirst(2)
        #expect(FileManager.default.fileExists(atPath: file), "the report's blob is a loose object")
        try FileManager.default.removeItem(atPath: file)
        FileManager.default.createFile(atPath: file, contents: Data())  // what a crash before the data reached the disk leaves
        for (arguments, language) in [(["status"], "en"), (["--lang", "vi", "status"], "vi")] {
            let result = try Tool.run(arguments, in: work)
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains(String(blob.prefix(12))), "\(result.stderr)")
            #expect(result.stderr.contains("git fsck"), "\(result.stderr)")
            #expect(result.stderr.contains(language == "vi" ? "bị thiếu hoặc hỏng" : "missing or damaged"), "\(result.stderr)")
            // The ref and the file that need the object, and the repair for the unit's own file.
            #expect(result.stderr.contains("refs/heads/main → progress/2024/2024-Q3.json"), "\(result.stderr)")
            #expect(result.stderr.contains("git fetch origin"), "\(result.stderr)")
        }
    }
}
