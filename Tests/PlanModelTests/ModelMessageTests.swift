import Foundation
import Testing
@testable import PlanModel

/// Every finding and error of PlanModel — validation, decoding, JSON syntax, CSV and imports —
/// is a catalogue message: nothing untranslated (`⚠` in the pseudo-language), no missing
/// argument (`‹…?›`) or code (`«…»`), a Vietnamese text of its own, and every code of the
/// section reached by some broken input below.
@Suite struct ModelMessageTests {
    typealias File = (path: String, bytes: [UInt8])

    // MARK: - Broken input

    static func file<T: Encodable>(_ path: String, _ value: T) throws -> File {
        (path, try CanonicalJSON.encode(value))
    }

    /// A clean tree: province daklak with child district BMT (as in `TreeValidatorTests`).
    static func cleanTree() throws -> [File] {
        let child = Unit(id: "BMT", name: "Thành phố Buôn Ma Thuột", level: "district", parent: "daklak")
        return [
            try file("unit.json", Fixtures.unit),
            try file("plans/2024/plan.json", Fixtures.plan),
            try file("plans/2024/indicators/DVC-ONLINE.json", Fixtures.indicator),
            try file("plans/2024/indicators/7.3.6.json", Fixtures.scoreIndicator),
            try file("plans/2024/targets/DVC-ONLINE.json", Fixtures.target),
            try file("plans/2024/tasks/1.1.json", Fixtures.task),
            try file("progress/2024/2024-Q3.json", Fixtures.progress),
            try file("children/BMT/unit.json", child),
        ]
    }

    /// The clean tree with `changes` (path → text; nil removes the file) validated.
    static func tree(_ changes: [String: String?]) throws -> [Finding] {
        var files = try cleanTree().filter { changes[$0.path] == nil }
        for (path, text) in changes { if let text { files.append((path, Array(text.utf8))) } }
        return TreeValidator.validate(files: files)
    }

    static let commit = Fixtures.commit
    static let at = "2024-10-05T09:30:00+07:00"

    static func unit(_ fields: String) -> String {
        #"{"schema": 1, "id": "daklak", "name": "Tỉnh Đắk Lắk", "level": "province"\#(fields)}"#
    }

    static func indicator(_ code: String, _ extra: String = "") -> String {
        #"{"schema": 1, "code": "\#(code)", "name": "N", "measure": "score", "aggregation": "sum"\#(extra)}"#
    }

    static func target(_ code: String, value: String = "55", _ extra: String = "") -> String {
        #"{"schema": 1, "indicator": "\#(code)", "value": \#(value), "comparator": ">="\#(extra)}"#
    }

    static func task(_ id: String, indicators: String = "[]") -> String {
        #"{"schema": 1, "id": "\#(id)", "content": "Nội dung", "kind": "remedy", "indicators": \#(indicators)}"#
    }

    static func progress(unit: String = "daklak", period: String = "2024-Q3", figures: String = "{}", tasks: String = "{}")
        -> String
    {
        #"{"schema": 1, "unit": "\#(unit)", "period": "\#(period)", "figures": \#(figures), "tasks": \#(tasks), "reportedBy": "A", "reportedAt": "\#(at)"}"#
    }

    static func rollup(unit: String = "daklak", period: String = "2024-Q3", figures: String = "{}") -> String {
        #"{"schema": 1, "unit": "\#(unit)", "period": "\#(period)", "figures": \#(figures)}"#
    }

    static func baselines(_ unit: String, _ values: String) -> String {
        #"{"schema": 1, "unit": "\#(unit)", "values": \#(values)}"#
    }

    static func approval(child: String = "BMT", period: String = "2024-Q3", state: String, _ extra: String = "") -> String {
        #"{"schema": 1, "child": "\#(child)", "period": "\#(period)", "state": "\#(state)", "by": "A", "at": "\#(at)"\#(extra)}"#
    }

    static func conflict(id: String = "c-1", file: String = "progress/2024/2024-Q3.json", path: String = "$.figures", _ extra: String = "")
        -> String
    {
        #"{"schema": 1, "id": "\#(id)", "file": "\#(file)", "path": "\#(path)", "base": 1, "ours": 2, "theirs": 3, "oursCommit": "\#(commit)", "theirsCommit": "\#(commit)"\#(extra)}"#
    }

    /// Texts that are not JSON, each with its own syntax error.
    static let notJSON: [[UInt8]] = [
        [0xEF, 0xBB, 0xBF] + Array("{}".utf8), [], Array("  \n".utf8), Array("{} x".utf8), Array("[tru".utf8),
        Array("[".utf8), Array("[1 /* x */]".utf8), Array("['a']".utf8), Array("[NaN]".utf8),
        Array((String(repeating: "[", count: 300) + String(repeating: "]", count: 300)).utf8), Array("[1,]".utf8),
        Array("{\"a\": 1,}".utf8), Array("{a: 1}".utf8), Array("{\"a\" 1}".utf8), Array("{\"a\": 1]".utf8),
        Array("[1 2]".utf8), Array("[-x]".utf8), Array("[01]".utf8), Array("[1.]".utf8), Array("[1e]".utf8),
        Array("\"ab".utf8), Array("\"a\tb\"".utf8), Array("\"a\nb\"".utf8), Array("\"a\u{1}b\"".utf8), [0x22, 0xFF, 0x22],
        Array("\"\\".utf8), Array(#""\x41""#.utf8), Array(#""\ud800""#.utf8), Array(#""\u12""#.utf8),
        Array("[\u{1}]".utf8), [0x5B, 0xFE, 0x5D], Array("{\"tên\": ờ}".utf8),
    ]

    /// Documents that parse but do not decode.
    static let undecodable: [(String, String)] = [
        ("unit.json", #"{"schema": 1, "schema": 1, "id": "daklak", "name": "T", "level": "province"}"#),
        ("unit.json", #"{"id": "daklak", "name": "T", "level": "province"}"#),
        ("unit.json", #"{"schema": 2, "id": "daklak"}"#),
        ("unit.json", #"{"schema": 0, "id": "daklak", "name": "T", "level": "province"}"#),
        ("unit.json", #"{"schema": 1, "id": "daklak", "level": "province", "colour": "red"}"#),
        ("unit.json", #"{"schema": 1, "id": 5, "name": true, "level": null, "children": {}}"#),
        ("unit.json", #"{"schema": 1, "id": "daklak", "name": "T", "level": "province", "children": [[]]}"#),
        ("unit.json", #"{"schema": 1, "id": "daklak", "name": "\#(String(repeating: "x", count: 50))", "level": 1.5}"#),
        ("plans/2024/plan.json", #"{"schema": 1, "number": "1", "title": "T", "year": 2024.5, "issued": "soon"}"#),
        ("plans/2024/plan.json", #"{"schema": 1, "number": "1", "title": "T", "year": 100000000000000000000000000000}"#),
        ("plans/2024/indicators/X.json", indicator("X").replacingOccurrences(of: "score", with: "bogus")),
        ("plans/2024/targets/DVC-ONLINE.json", target("DVC-ONLINE", value: "1e300")),
        ("plans/2024/targets/DVC-ONLINE.json", target("DVC-ONLINE", value: #""55""#)),
        ("progress/2024/2024-Q3.json", progress(period: "Q5").replacingOccurrences(of: at, with: "x")),
    ]

    /// Documents that decode but break a rule of their own or of the tree.
    static let broken: [[String: String?]] = [
        // Ids, file names and folders.
        ["unit.json": unit(#", "children": [{"id": "", "name": "A", "level": "x"}, {"id": "a/b", "name": "A", "level": "x"}, {"id": "a\\b", "name": "A", "level": "x"}, {"id": "a b", "name": "A", "level": "x"}, {"id": "a\u0007", "name": "A", "level": "x"}, {"id": "ờ", "name": "A", "level": "x"}, {"id": "\#(String(repeating: "a", count: 65))", "name": "A", "level": "x"}, {"id": "a..b", "name": "A", "level": "x"}, {"id": ".a", "name": "A", "level": "x"}, {"id": "-a", "name": "A", "level": "x"}, {"id": "BMT", "name": "B", "level": "district"}, {"id": "BMT", "name": "B", "level": "district"}]"#)],
        ["plans/2024/indicators/X1.json": indicator("X 1", #", "maxScore": 0"#)],
        ["plans/2024/plan.json": #"{"schema": 1, "number": "1", "title": "T", "year": 2023}"#],
        ["plans/2024/tasks/t.json": task("t", indicators: #"["DVC-ONLINE", "DVC-ONLINE"]"#)],
        ["plans/2024/targets/DVC-ONLINE.json": target("DVC-ONLINE", #", "provenance": {"parentUnit": "dak lak", "parentCommit": "abc", "rule": "r", "base": 1, "derived": 2, "inheritedFrom": "x y"}"#)],
        ["children/BMT/unit.json": #"{"schema": 1, "id": "XYZ", "name": "B", "level": "district", "parent": "daklak"}"#],
        ["children/BMT/unit.json": #"{"schema": 1, "id": "BMT", "name": "B", "level": "district", "parent": "gialai"}"#],
        ["children/BMT/unit.json": #"{"schema": 1, "id": "BMT", "name": "B", "level": "district"}"#],
        ["children/BMT/unit.json": nil, "children/BMT/plans/2024/plan.json": #"{"schema": 1, "number": "1", "title": "T", "year": 2024}"#],
        ["plans/2024/notes.json": "{}", "children/BMT/conflicts/c-1.json": conflict()],
        ["unit.json": String(decoding: try! CanonicalJSON.encode(Fixtures.unit), as: UTF8.self).replacingOccurrences(of: "  ", with: "    ")],
        // Approvals.
        ["approvals/X/2024-Q3.json": approval(child: "BMT", state: "waived")],
        ["approvals/BMT/2024-Q3.json": approval(state: "approved")],
        ["approvals/BMT/2024-Q3.json": approval(state: "approved", #", "files": {"progress/2024/2024-Q4.json": "zz"}, "childCommit": "zz""#)],
        // Figures of reports and rollups.
        ["rollup/2024/2024-Q3.json": rollup(figures: #"{"DVC-ONLINE": {"numerator": 1, "units": 1, "contributors": ["a b", "BMT", "BMT"]}, "7.3.6": {"numerator": 1, "denominator": -1, "units": 0, "contributors": []}, "x/y": {"value": 1, "units": 0, "contributors": []}}"#)],
        ["rollup/2024/2024-Q3.json": rollup(unit: "gialai")],
        ["progress/2024/2024-Q3.json": progress(figures: #"{"DVC-ONLINE": {"value": 1, "numerator": 1, "denominator": 0}, "7.3.6": {"numerator": -1}, "x/y": {"value": 1}}"#, tasks: #"{"a b": "done"}"#)],
        ["progress/2024/2024-Q3.json": progress(unit: "BMT", figures: #"{"DVC-ONLINE": {"numerator": 9, "denominator": 4}, "SIPAS": {"value": 80}}"#, tasks: #"{"9.9": "done"}"#)],
        ["progress/2024/2024-Q3.json": progress(figures: #"{"DVC-ONLINE": {"value": 100.5}}"#)],
        ["progress/2024/2023-Q3.json": progress(period: "2023-Q3")],
        // Conflict records.
        ["conflicts/c-1.json": conflict(file: "/etc/passwd", path: "figures", #", "item": "a b""#).replacingOccurrences(of: #""theirsCommit": "\#(commit)""#, with: #""theirsCommit": "no""#)],
        ["conflicts/c-1.json": conflict(file: "")],
        ["conflicts/c-1.json": conflict(file: #"a\\b"#)],
        ["conflicts/c-1.json": conflict(file: "a//b")],
        ["conflicts/c-1.json": conflict(file: "a/../b")],
        // Cross-file: unknown indicators and tasks, ranges, baselines, duplicates.
        ["plans/2024/targets/NOPE.json": target("NOPE"), "plans/2024/targets/DVC-ONLINE.json": target("DVC-ONLINE", value: "120")],
        ["plans/2024/targets/7.3.6.json": target("7.3.6", value: "2")],
        ["plans/2025/tasks/t.json": task("t", indicators: #"["DVC-ONLINE"]"#)],
        ["plans/2024/baselines/BMT.json": baselines("BMT", #"{"DVC-ONLINE": {"value": 101}, "7.3.6": {"value": 1.75}, "NOPE": {"value": 1}}"#)],
        ["plans/2024/baselines/gialai.json": baselines("gialai", "{}")],
        ["children/BMT/plans/2024/baselines/x.json": baselines("x", "{}")],
        ["rollup/2024/2024-Q3.json": rollup(figures: #"{"NOPE": {"value": 1, "units": 0, "contributors": []}}"#)],
        ["plans/2024/indicators/DVC-ONLINE-2.json": indicator("DVC-ONLINE"), "plans/2024/indicators/dvc-online.json": indicator("dvc-online"),
         "plans/2024/targets/x.json": target("DVC-ONLINE"), "plans/2024/tasks/x.json": task("1.1"),
         "plans/2024/baselines/BMT.json": baselines("BMT", "{}"), "plans/2024/baselines/x.json": baselines("BMT", "{}"),
         "progress/2024/2024-Q4.json": progress(), "rollup/2024/2024-Q3.json": rollup(), "rollup/2024/2024-Q4.json": rollup(),
         "conflicts/c-1.json": conflict(), "conflicts/c-2.json": conflict(),
         "approvals/BMT/2024-Q3.json": approval(state: "waived", #", "reason": "r""#),
         "approvals/BMT/2024-Q4.json": approval(state: "waived", #", "reason": "r""#)],
    ]

    /// A CSV header and rows for each import, and what each should report.
    static let targetSheets: [String] = [
        "indicator,name,measure,target,max,direction,aggregation,deadline,colour,size\n"
            + ",N,,,,,,,,\n"
            + "bad id,N,percent,50,,,,,,\n"
            + "A,N,weird,50,,,,,,\n"
            + "B,N,percent,\"50,5\",-1,up,avg,soon,,\n"
            + "C,N,percent,1e3,,,,,,\n"
            + "D,N,score,50%,,,,,,\n"
            + "E,N,percent,abc,,,,,,\n"
            + "F,N,percent,123456789012345678901234567890123456789012,,,,,,\n"
            + "G,N,percent,120,,,,,,\n"
            + "H,N,score,-1,,,,,,\n"
            + "I,N,score,3,2,,,,,\n"
            + "J,N,count,-1,,,,,,\n"
            + "K,N,rank,1.5,,,,,,\n"
            + "L,N,boolean,2,,,,,,\n"
            + "G,N,percent,50,,,,,,\n"
            + "g,N,percent,50,,,,,,\n"
            + "M,N,percent,50,,,,,,,x,y\n",
        "indicator,measure,target\nN\tpercent\t50\n",
        "a\tb\tc\nx,y,z\n",
        "name,colour\nx,y\n",
        "indicator,measure\nX,score\n",
    ]

    static let taskSheet =
        "id,content,kind,colour\n" + ",Nội dung,remedy\n" + ",Nội dung,remedy\n" + "1.1,Khác,remedy\n" + "1.1,Khác nữa,remedy\n"
        + "A,Một,remedy\n" + "a,Hai,remedy\n" + "x y,Ba,weird\n" + "z,,remedy\n"

    static let baselineSheet =
        "unit,indicator,value,as_of\n" + ",,1,\n" + "BMT,DVC-ONLINE,,\n" + "bad unit,bad code,1,\n" + "BMT,DVC-ONLINE,1,soon\n" + "BMT,DVC-ONLINE,2,\n"

    static let badCSV: [[UInt8]] = [
        [0xFF, 0xFE, 0x61, 0x00], Array("a,b\n1,".utf8) + [0xFF], Array("a,b\n1,x\"y\n".utf8),
        Array("a,b\n1,\"x\"y\n".utf8), Array("a,b\n1,\"x\n".utf8), [],
    ]

    // MARK: - Types that only a test decodes or encodes

    struct Floating: Codable { var x: Double }
    struct Flag: Codable { var on: Bool }
    struct Pair: Decodable {
        var a: Int, b: Int
        init(from decoder: any Decoder) throws {
            var c = try decoder.unkeyedContainer()
            a = try c.decode(Int.self)
            b = try c.decode(Int.self)
        }
    }
    struct Picky: Decodable {
        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "not what I like")
        }
    }
    struct Explained: Decodable {
        init(from decoder: any Decoder) throws {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: decoder.codingPath, debugDescription: "English",
                    underlyingError: MessageError(message: Message("validation.integer-range", ["literal": "7"]))))
        }
    }

    // MARK: - Everything said

    static func everything() throws -> [Message] {
        var findings: [Finding] = []
        for bytes in notJSON {
            findings += DocumentValidator.validate(bytes: bytes, path: "plans/2024/tasks/x.json").1
        }
        for (path, text) in undecodable {
            findings += DocumentValidator.validate(bytes: Array(text.utf8), path: path).1
        }
        findings += DocumentValidator.validate(bytes: Array("{}".utf8), path: "notes/x.json").1
        for changes in broken { findings += try tree(changes) }
        for sheet in targetSheets { findings += TargetImport.read(Array(sheet.utf8), file: "t.csv", defaults: ["shade": "x"]).findings }
        findings += TargetImport.readIndicators(Array("indicator,measure,target\nX,score,1\n".utf8), file: "i.csv").findings
        findings += TaskImport.read(Array(taskSheet.utf8), file: "k.csv", defaultYear: 2024).findings
        findings += BaselineImport.read(Array(baselineSheet.utf8), file: "b.csv").findings
        findings += BaselineImport.read(Array("unit,x\n".utf8), file: "b.csv").findings
        for bytes in badCSV { findings += TargetImport.read(bytes, file: "t.csv").findings }
        for (type, text) in [(Floating.self as any Decodable.Type, #"{"x": 1}"#), (Flag.self, #"{"on": 1}"#), (Pair.self, "[1]"),
                             (Picky.self, "1"), (Explained.self, "1"), (Flag.self, #"{"on": true, "off": false}"#)] {
            findings += CanonicalJSON.decode(type, from: try JSONParser.parse(text), file: "t.json").1
        }
        let required = [ImportColumn("code", required: true)]
        findings += ImportSheet.open(Array("x\n1\n".utf8), file: "c.csv", columns: required, what: .targets).findings
        var messages = findings.map(\.message)
        let encodings: [() throws -> Void] = [
            { _ = try CanonicalJSON.encode(Floating(x: 1)) }, { _ = try CanonicalJSON.encode(Decimal.nan) },
            { _ = try JSONEncoder().encode(JSONValue.number("1e999", at: .unknown)) },
        ]
        for encode in encodings {
            do { try encode() } catch let error as PlanModelError { messages.append(error.message) } catch {}
        }
        let kinds: [JSONValue] = [.null(at: .unknown), .bool(true, at: .unknown), .number("1", at: .unknown), .string("s", at: .unknown),
                                  .array([], at: .unknown), .object([], at: .unknown)]
        messages += kinds.map { Message("validation.type-mismatch", ["expected": .message($0.kindName), "found": .message(describeFound($0))]) }
        do { _ = try JSONParser.parse("[1,]") } catch { messages.append(PlanModelError.syntax(error).message) }
        messages.append(Message("validation.severity", ["text": "fatal"]))
        return messages
    }

    static func codes(in message: Message) -> Set<String> {
        message.arguments.values.reduce(into: [message.code]) { $0.formUnion(codes(in: $1)) }
    }

    static func codes(in value: Message.Value) -> Set<String> {
        switch value {
        case .term(let code): return [code]
        case .message(let message): return codes(in: message)
        case .list(let values, _): return values.reduce(into: []) { $0.formUnion(codes(in: $1)) }
        default: return []
        }
    }

    // MARK: - Tests

    @Test func everyFindingIsInTheCatalogueInBothLanguages() throws {
        let messages = try Self.everything()
        #expect(messages.count > 200)
        for message in Set(messages) {
            let english = message.rendered(in: .english), vietnamese = message.rendered(in: .vietnamese)
            let pseudo = message.rendered(in: .pseudo)
            #expect(!pseudo.contains("⚠"), "untranslated: \(english)")
            for text in [pseudo, vietnamese] {
                #expect(!text.contains("‹") && !text.contains("«"), "missing argument or code: \(text)")
            }
            #expect(vietnamese != english, "not translated: \(english)")
            #expect(vietnamese == vietnamese.precomposedStringWithCanonicalMapping)
        }
    }

    @Test func everyCodeOfTheSectionIsReached() throws {
        let reached = try Self.everything().reduce(into: Set<String>()) { $0.formUnion(Self.codes(in: $1)) }
        #expect(Set(Catalogue.englishValidation.keys).subtracting(reached).sorted() == [])
    }

    @Test func identifierProblemsReadAsBefore() {
        let ids = ["", "ok", "a/b", "a\\b", "a b", "a\u{7}", "a\u{200B}", "ờ", String(repeating: "a", count: 65), "a..b", ".a", "-a",
                   "7.3.6", "DVC-ONLINE"]
        for id in ids {
            #expect(Identifier.problemMessage(id)?.description == Identifier.problem(id), "\(id)")
        }
    }

    @Test func vietnameseFormatsTheArguments() throws {
        let findings = try Self.tree(["plans/2024/targets/DVC-ONLINE.json": Self.target("DVC-ONLINE", value: "120.5")])
        let message = try #require(findings.first { $0.kind == "range" }).message
        #expect(message.description == "target 120.5 for percent indicator DVC-ONLINE is outside 0–100")
        #expect(message.rendered(in: .vietnamese) == "chỉ tiêu 120,5 của chỉ số tỷ lệ phần trăm DVC-ONLINE nằm ngoài khoảng 0–100")
        let syntax = DocumentValidator.validate(bytes: Array("{\"a\": 1]".utf8), path: "unit.json").1
        #expect(syntax.map { $0.rendered(in: .vietnamese) } == ["unit.json:1:8: lỗi: sau một trường của đối tượng cần có ',' hoặc '}', nhưng gặp ']'"])
        let row = TargetImport.read(Array("indicator,measure,target\nA,percent,\"62,4\"\n".utf8), file: "t.csv").findings
        #expect(row.map { $0.message.rendered(in: .vietnamese) } == [
            "dòng 2: giá trị '62,4' ở cột target dùng dấu phẩy thập phân hoặc dấu phân cách hàng nghìn; hãy viết phần thập phân sau dấu chấm, ví dụ 62.4, và không dùng dấu phân cách hàng nghìn"
        ])
    }
}
