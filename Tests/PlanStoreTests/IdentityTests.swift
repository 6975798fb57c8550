import Git
import PlanStore
import Testing
import TestSupport

@Suite struct IdentityTests {
    init() { IsolatedGit.setUp() }

    @Test func environmentWinsOverConfiguration() throws {
        let dir = try TemporaryDirectory()
        let repo = try Repository.create(at: dir.path, bare: false)
        try repo.setConfig("user.name", "Config Name")
        try repo.setConfig("user.email", "config@example.test")
        let identity = try Identity.resolve(for: repo, environment: [
            "GIT_AUTHOR_NAME": "Phòng Nội vụ", "GIT_AUTHOR_EMAIL": "pnv@example.test",
            "GIT_AUTHOR_DATE": "@1718600000 +0700",
        ])
        #expect(identity.author.name == "Phòng Nội vụ")
        #expect(identity.author.email == "pnv@example.test")
        #expect(identity.author.time == 1_718_600_000)
        #expect(identity.author.offsetMinutes == 420)
        // The committer falls back to configuration, as git does.
        #expect(identity.committer.name == "Config Name")
        #expect(identity.committer.email == "config@example.test")
    }

    @Test func isoDatesAreAccepted() throws {
        let dir = try TemporaryDirectory()
        let repo = try Repository.create(at: dir.path, bare: false)
        let identity = try Identity.resolve(for: repo, environment: [
            "GIT_AUTHOR_NAME": "A", "GIT_AUTHOR_EMAIL": "a@x", "GIT_COMMITTER_NAME": "C", "GIT_COMMITTER_EMAIL": "c@x",
            "GIT_AUTHOR_DATE": "2024-06-17T09:00:00+07:00",
        ])
        #expect(identity.author.time == 1_718_589_600)
        #expect(identity.author.offsetMinutes == 420)
        #expect(identity.committer.name == "C")
    }

    @Test func missingIdentityExplainsHowToSetIt() throws {
        let dir = try TemporaryDirectory()
        let repo = try Repository.create(at: dir.path, bare: false)
        let error = #expect(throws: PlanStoreError.self) { try Identity.resolve(for: repo, environment: [:]) }
        #expect(error == .noIdentity(missing: "name"))
        #expect(error?.description.contains("git config --global user.name") == true)
        #expect(throws: PlanStoreError.self) {
            try Identity.resolve(for: repo, environment: ["GIT_AUTHOR_NAME": "A", "GIT_AUTHOR_EMAIL": "a@x", "GIT_AUTHOR_DATE": "yesterday"])
        }
    }
}
