import Foundation
import Testing
import TestSupport

/// End-to-end: the built binary, as a clerk would run it.
@Suite struct CommandLineTests {
    init() { IsolatedGit.setUp() }

    @Test func versionAndHelpForEveryCommand() throws {
        let version = try Tool.run(["--version"])
        #expect(version.status == 0)
        #expect(version.stdout.hasPrefix("plancascade "))
        let help = try Tool.run(["--help"])
        #expect(help.status == 0)
        #expect(help.stdout.contains("init"))
        #expect(help.stdout.contains("validate"))
        #expect(help.stdout.contains("-C <dir>"))
        for command in ["init", "validate"] {
            let result = try Tool.run([command, "--help"])
            #expect(result.status == 0, "\(command) --help")
            #expect(result.stdout.contains("USAGE: plancascade \(command)"))
        }
    }

    @Test func initThenValidateIsClean() throws {
        let dir = try TemporaryDirectory()
        let initResult = try Tool.run([
            "init", "daklak", "--unit", "daklak", "--name", "UBND tỉnh Đắk Lắk", "--level", "province",
            "--hub", dir.appending("hubs/daklak.git"),
        ], in: dir.path)
        #expect(initResult.status == 0, "\(initResult.stderr)")
        #expect(initResult.stdout.contains("Initialised province daklak (UBND tỉnh Đắk Lắk)"))
        #expect(initResult.stdout.contains("created bare hub"))

        let validate = try Tool.run(["-C", "daklak", "validate"], in: dir.path)
        #expect(validate.status == 0, "\(validate.stdout)\(validate.stderr)")
        #expect(validate.stdout == "valid: no problems found\n")

        let hub = try Tool.run(["validate", "hubs/daklak.git"], in: dir.path)
        #expect(hub.status == 0, "\(hub.stdout)\(hub.stderr)")

        let log = try Command.git(["log", "--format=%an %s"], in: dir.appending("daklak"))
        #expect(log.stdout == "Test Clerk Initialise unit daklak (UBND tỉnh Đắk Lắk)\n")
    }

    @Test func validateReportsFileLineAndColumnAndExitsOne() throws {
        let dir = try TemporaryDirectory()
        #expect(try Tool.run(["init", "u", "--unit", "u", "--name", "Xã A", "--level", "commune"], in: dir.path).status == 0)
        let bad = "{\n  \"schema\": 1,\n  \"id\": \"u\",\n  \"name\": \"Xã A\",\n  \"level\": \"commune\",\n  \"colour\": \"red\"\n}\n"
        try bad.write(toFile: dir.appending("u/unit.json"), atomically: true, encoding: .utf8)
        let result = try Tool.run(["validate"], in: dir.appending("u"))
        #expect(result.status == 1)
        #expect(result.stdout.contains("unit.json:6:3: error:"), "\(result.stdout)")
        #expect(result.stdout.contains("colour"))

        let json = try Tool.run(["validate", "--json", "u"], in: dir.path)
        #expect(json.status == 1)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?["schema"] as? Int == 1)
        let findings = object?["findings"] as? [[String: Any]]
        #expect(findings?.first?["file"] as? String == "u/unit.json")
        #expect(findings?.first?["line"] as? Int == 6)
    }

    @Test func nonCanonicalFilesWarnAndFixRewritesThem() throws {
        let dir = try TemporaryDirectory()
        #expect(try Tool.run(["init", "u", "--unit", "u", "--name", "Xã A", "--level", "commune"], in: dir.path).status == 0)
        let canonical = try String(contentsOfFile: dir.appending("u/unit.json"), encoding: .utf8)
        // Same data, compact, keys unsorted, name in decomposed (NFD) form.
        let compact = "{\"name\":\"Xa\u{0303} A\",\"id\":\"u\",\"schema\":1,\"level\":\"commune\",\"children\":[]}"
        try compact.write(toFile: dir.appending("u/unit.json"), atomically: true, encoding: .utf8)
        let warned = try Tool.run(["validate"], in: dir.appending("u"))
        #expect(warned.status == 0)
        #expect(warned.stdout.contains("unit.json: warning: not in canonical form"), "\(warned.stdout)")
        #expect(warned.stdout.contains("0 errors, 1 warning"))

        let fixed = try Tool.run(["validate", "--fix"], in: dir.appending("u"))
        #expect(fixed.status == 0)
        #expect(fixed.stdout.contains("unit.json: rewritten in canonical form"), "\(fixed.stdout)")
        #expect(try String(contentsOfFile: dir.appending("u/unit.json"), encoding: .utf8) == canonical)
        #expect(try Tool.run(["validate"], in: dir.appending("u")).stdout == "valid: no problems found\n")
    }

    @Test func problemsThatStopACommandExitTwoAndUsageErrorsSixtyFour() throws {
        let dir = try TemporaryDirectory()
        let missing = try Tool.run(["validate", "no-such-file.json"], in: dir.path)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no-such-file.json: no such file or folder"))

        let notARepo = try Tool.run(["validate"], in: dir.path)
        #expect(notARepo.status == 2)
        #expect(notARepo.stderr.contains("plancascade init"))

        let badC = try Tool.run(["-C", "nowhere", "validate"], in: dir.path)
        #expect(badC.status == 2)

        let usage = try Tool.run(["init", "x"], in: dir.path)
        #expect(usage.status == 64)
        #expect(usage.stderr.contains("--unit"))

        var env = IsolatedGit.environment()
        for key in ["GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL"] { env[key] = nil }
        let noIdentity = try Command.run(Tool.path, ["init", "y", "--unit", "y", "--name", "Y", "--level", "commune"],
                                         in: dir.path, environment: env)
        #expect(noIdentity.status == 2)
        #expect(noIdentity.stderr.contains("user.email") || noIdentity.stderr.contains("user.name"))
        #expect(!FileManager.default.fileExists(atPath: dir.appending("y")))
    }

    @Test func validateNeverCrashesOnArbitraryBytes() throws {
        let dir = try TemporaryDirectory()
        #expect(try Tool.run(["init", "u", "--unit", "u", "--name", "U", "--level", "commune"], in: dir.path).status == 0)
        try FileManager.default.createDirectory(atPath: dir.appending("u/plans/2024/targets"), withIntermediateDirectories: true)
        var generator = SystemRandomNumberGenerator()
        let seeds: [[UInt8]] = [
            [0xEF, 0xBB, 0xBF] + Array("{}".utf8), [0xC3, 0x28], Array("{\"a\":".utf8),
            Array(String(repeating: "[", count: 100_000).utf8), Array("{\"value\": 1e400}".utf8),
        ]
        for index in 0..<30 {
            let bytes = index < seeds.count
                ? seeds[index] : (0..<Int.random(in: 0..<200, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            _ = FileManager.default.createFile(atPath: dir.appending("u/plans/2024/targets/T\(index).json"), contents: Data(bytes))
        }
        let result = try Tool.run(["validate"], in: dir.appending("u"))
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stdout.contains("plans/2024/targets/T0.json:1:1: error:"), "\(result.stdout.prefix(2000))")
    }
}
