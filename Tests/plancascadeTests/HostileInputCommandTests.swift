import Foundation
import Testing
import TestSupport

/// Every file of Tests/Corpus through the built binary: bad input is refused with a precise
/// message and a non-zero exit, nothing is committed, and valid-but-odd input (CRLF, BOM in a
/// CSV, Vietnamese in decomposed NFD form) is accepted and normalised.
@Suite struct HostileInputCommandTests {
    init() { IsolatedGit.setUp() }

    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Corpus").path

    /// JSON files, placed as plans/2024/targets/DVC-ONLINE.json: (exit of `validate`, message).
    static let json: [String: (Int32, String)] = [
        "bom.json": (1, ":1:1: error: file starts with a byte-order mark"),
        "comment.json": (1, ":5:15: error: comments are not allowed in JSON"),
        "deep-nesting.json": (1, "error: arrays and objects are nested deeper than 256 levels"),
        "duplicate-key.json": (1, ":6:3: error: duplicate key 'value' (first at 5:3)"),
        "exponent-1e400.json": (1, "error: number 1e400 cannot be held exactly"),
        "hundred-digits.json": (1, "cannot be held exactly (at most 38 significant digits"),
        "infinity.json": (1, "error: NaN and Infinity are not allowed in JSON"),
        "invalid-utf8.json": (1, ":4:13: error: invalid UTF-8 byte 0xFF in string"),
        "lone-surrogate.json": (1, ":4:12: error: lone surrogate \\uD800 in string"),
        "nan.json": (1, ":5:12: error: NaN and Infinity are not allowed in JSON"),
        "trailing-comma.json": (1, ":6:1: error: trailing comma before '}' is not allowed"),
        "truncated.json": (1, "error: unterminated string"),
        "unknown-field.json": (1, ":5:3: error: unknown field 'valeu'"),
        "wrong-type.json": (1, ":5:12: error: expected a number, found the string \"năm mươi\""),
        "nfd-text.json": (0, "warning: not in canonical form"),
        "windows-line-endings.json": (0, "warning: not in canonical form"),
    ]

    /// CSV files for `import targets`: (exit, message).
    static let csv: [String: (Int32, String)] = [
        "bad-number.csv": (1, "bad-number.csv:2: error: row 2: target '1e400' is written with an exponent"),
        "invalid-utf8.csv": (1, "invalid-utf8.csv:2: error: the file is not valid UTF-8 (byte 0xE1 on this line)"),
        "mixed-separators.csv": (1, "mixed-separators.csv:2: error: row 2: 1 cells but the header has 3, and the line uses ';' — mixed separators"),
        "ragged-rows.csv": (1, "ragged-rows.csv:2: error: row 2: 5 cells but the header has 3"),
        "unbalanced-quotes.csv": (1, "unbalanced-quotes.csv:2: error: a quoted cell opened on this line is never closed"),
        "nfd-vietnamese.csv": (0, "Imported 1 targets rows"),
        "windows-line-endings-bom.csv": (0, "Imported 1 targets rows"),
    ]

    /// A province with one imported target; keep the folder alive while using its clone.
    func unit() throws -> (TemporaryDirectory, String) {
        let dir = try TemporaryDirectory()
        #expect(try Tool.run(["init", "u", "--unit", "u", "--name", "Tỉnh", "--level", "province"], in: dir.path).status == 0)
        try "indicator,measure,target\nDVC-ONLINE,percent,50\n".write(toFile: dir.appending("t.csv"), atomically: true, encoding: .utf8)
        #expect(try Tool.run(["import", "targets", "../t.csv", "--year", "2024"], in: dir.appending("u")).status == 0)
        return (dir, dir.appending("u"))
    }

    func head(_ work: String) throws -> String { try Command.git(["rev-parse", "main"], in: work).stdout }

    @Test func everyCorpusFileIsAnsweredPrecisely() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.corpus + "/json").sorted()
        #expect(Set(names) == Set(Self.json.keys), "Tests/Corpus/json and this table must list the same files")
        let (dir, work) = try unit()
        defer { withExtendedLifetime(dir) {} }
        let target = work + "/plans/2024/targets/DVC-ONLINE.json"
        let original = try Data(contentsOf: URL(fileURLWithPath: target))
        let before = try head(work)
        for name in names {
            let (status, message) = Self.json[name]!
            try FileManager.default.removeItem(atPath: target)
            try FileManager.default.copyItem(atPath: Self.corpus + "/json/" + name, toPath: target)
            let result = try Tool.run(["validate"], in: work)
            #expect(result.status == status, "\(name): \(result.stdout)\(result.stderr)")
            #expect((result.stdout + result.stderr).contains(message), "\(name): \(result.stdout)\(result.stderr)")
            if status == 0 {
                // Accepted, then normalised: NFC text, LF line ends, canonical form.
                #expect(try Tool.run(["validate", "--fix"], in: work).status == 0)
                let fixed = try String(contentsOfFile: target, encoding: .utf8)
                #expect(!fixed.contains("\r"))
                #expect(fixed == fixed.precomposedStringWithCanonicalMapping)
                #expect(Array(fixed.utf8) == Array(fixed.precomposedStringWithCanonicalMapping.utf8), "\(name): not NFC after --fix")
                let clean = try Tool.run(["validate"], in: work)
                #expect(clean.status == 0 && !clean.stdout.contains("warning:"), "\(name): \(clean.stdout)")
            } else {
                // A command that commits refuses while the work tree holds the bad file.
                let report = try Tool.run(["target", "set", "DVC-ONLINE", "60"], in: work)
                #expect(report.status != 0, "\(name): target set committed over an invalid file")
            }
            try original.write(to: URL(fileURLWithPath: target))
        }
        #expect(try head(work) == before, "a hostile file was committed")

        let csvNames = try FileManager.default.contentsOfDirectory(atPath: Self.corpus + "/csv").sorted()
        #expect(Set(csvNames) == Set(Self.csv.keys))
        for name in csvNames {
            let (status, message) = Self.csv[name]!
            let start = try head(work)
            let result = try Tool.run(["import", "targets", Self.corpus + "/csv/" + name, "--year", "2024"], in: work)
            #expect(result.status == status, "\(name): \(result.stdout)\(result.stderr)")
            #expect((result.stdout + result.stderr).contains(message), "\(name): \(result.stdout)\(result.stderr)")
            if status != 0 { #expect(try head(work) == start, "\(name): something was committed") }
        }
        // The NFD spreadsheet's Vietnamese arrives in NFC.
        let imported = try String(contentsOfFile: work + "/plans/2024/indicators/DVC-ONLINE.json", encoding: .utf8)
        #expect(imported.contains("Tỷ lệ hồ sơ trực tuyến".precomposedStringWithCanonicalMapping))
        #expect(Array(imported.utf8) == Array(imported.precomposedStringWithCanonicalMapping.utf8))
    }

    @Test func hugeInputsNeitherCrashNorHang() throws {
        let (dir, work) = try unit()
        defer { withExtendedLifetime(dir) {} }
        let target = work + "/plans/2024/targets/DVC-ONLINE.json"
        // 100,000 levels of nesting.
        try (#"{"schema": 1, "indicator": "DVC-ONLINE", "comparator": ">=", "value": "# + String(repeating: "[", count: 100_000)).write(
            toFile: target, atomically: true, encoding: .utf8)
        let deep = try Tool.run(["validate"], in: work)
        #expect(deep.status == 1)
        #expect(deep.stdout.contains("nested deeper than 256 levels"), "\(deep.stdout)")
        // A 10 MB string where a name belongs: read, judged, no crash.
        let big = String(repeating: "Sở Nội vụ ", count: 1_000_000)
        try (#"{"comparator": ">=", "indicator": "DVC-ONLINE", "lead": ""# + big + #"", "schema": 1, "value": 50}"#).write(
            toFile: target, atomically: true, encoding: .utf8)
        let long = try Tool.run(["validate"], in: work)
        #expect([0, 1].contains(long.status), "\(long.stderr.prefix(500))")
        // A 10 MB CSV cell.
        try ("indicator,measure,target,lead\nDVC-ONLINE,percent,50,\"" + big + "\"\n").write(toFile: dir.appending("big.csv"), atomically: true, encoding: .utf8)
        let csv = try Tool.run(["import", "targets", "../big.csv", "--year", "2024"], in: work)
        #expect([0, 1, 2].contains(csv.status))
        #expect(!csv.stderr.contains("Fatal error"))
    }

    @Test func hostileCommandLineValuesAreRefused() throws {
        let (dir, work) = try unit()
        defer { withExtendedLifetime(dir) {} }
        let before = try head(work)
        let cases: [([String], String)] = [
            (["child", "add", "../evil", "--name", "X", "--level", "district"], "child id '../evil' contains '/'"),
            (["child", "add", "/etc", "--name", "X", "--level", "district"], "contains '/'"),
            (["child", "add", ".git", "--name", "X", "--level", "district"], "'.git'"),
            (["report", "../../x", "DVC-ONLINE=1/2"], "'../../x' is not a period"),
            (["report", "2024-Q3", "DVC-ONLINE=1e400/1"], "'1e400' is not a number"),
            (["report", "2024-Q3", "../x=1/2"], "'../x'"),
            (["target", "set", "DVC-ONLINE", "NaN"], "value 'NaN' is not an exact decimal"),
            (["approve", "../x", "2024-Q3"], "../x"),
            (["resolve", "../../etc/passwd", "--ours"], "matches nothing"),
        ]
        for (arguments, message) in cases {
            let result = try Tool.run(arguments, in: work)
            #expect(result.status != 0, "\(arguments) succeeded")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
        }
        #expect(try head(work) == before)
        #expect(!FileManager.default.fileExists(atPath: work + "/../evil"))
    }
}
