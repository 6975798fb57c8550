import Cascade
import PlanModel
import Testing

/// Parses JSON text for the merge tests (nil stays nil: "no document on that side").
private func mj(_ text: String?) -> JSONValue? {
    guard let text else { return nil }
    do {
        return try JSONParser.parse(text)
    } catch {
        fatalError("bad JSON in test: \(error) in \(text)")
    }
}

/// "Kế hoạch" precomposed (NFC) and decomposed (NFD).
private let keHoachNFC = "K\u{1EBF} ho\u{1EA1}ch"
private let keHoachNFD = "Ke\u{0302}\u{0301} hoa\u{0323}ch"

@Suite("JSON three-way merge")
struct JSONMergeTests {
    struct Conflict: Sendable {
        let path: String
        let base: String?
        let ours: String?
        let theirs: String?
        init(_ path: String, base: String?, ours: String?, theirs: String?) {
            self.path = path
            self.base = base
            self.ours = ours
            self.theirs = theirs
        }
        var field: FieldConflict { FieldConflict(path: path, base: mj(base), ours: mj(ours), theirs: mj(theirs)) }
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let base: String?
        let ours: String?
        let theirs: String?
        let merged: String?
        let conflicts: [Conflict]
        init(
            _ name: String, base: String?, ours: String?, theirs: String?, merged: String?,
            conflicts: [Conflict] = []
        ) {
            self.name = name
            self.base = base
            self.ours = ours
            self.theirs = theirs
            self.merged = merged
            self.conflicts = conflicts
        }
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        .init(
            "different fields merge", base: #"{"a": 1, "b": 2, "c": 3}"#, ours: #"{"a": 10, "b": 2, "c": 3}"#,
            theirs: #"{"a": 1, "b": 20, "c": 3}"#, merged: #"{"a": 10, "b": 20, "c": 3}"#),
        .init(
            "same field, same value", base: #"{"a": 1, "b": 2}"#, ours: #"{"a": 10, "b": 2}"#,
            theirs: #"{"a": 10, "b": 2}"#, merged: #"{"a": 10, "b": 2}"#),
        .init(
            "same field, different values", base: #"{"a": 1, "b": 2}"#, ours: #"{"a": 10, "b": 2}"#,
            theirs: #"{"a": 11, "b": 20}"#, merged: #"{"a": 10, "b": 20}"#,
            conflicts: [.init("$.a", base: "1", ours: "10", theirs: "11")]),
        .init(
            "different nested fields merge",
            base: #"{"figures": {"A": {"numerator": 1, "denominator": 4}, "B": {"value": 3}}}"#,
            ours: #"{"figures": {"A": {"numerator": 2, "denominator": 4}, "B": {"value": 3}}}"#,
            theirs: #"{"figures": {"A": {"numerator": 1, "denominator": 4}, "B": {"value": 5}}}"#,
            merged: #"{"figures": {"A": {"numerator": 2, "denominator": 4}, "B": {"value": 5}}}"#),
        .init(
            "same nested leaf conflicts",
            base: #"{"figures": {"DVC-ONLINE": {"numerator": 41000, "denominator": 58818}}}"#,
            ours: #"{"figures": {"DVC-ONLINE": {"numerator": 41940, "denominator": 58818}}}"#,
            theirs: #"{"figures": {"DVC-ONLINE": {"numerator": 41950, "denominator": 58900}}}"#,
            merged: #"{"figures": {"DVC-ONLINE": {"numerator": 41940, "denominator": 58900}}}"#,
            conflicts: [
                .init(#"$.figures["DVC-ONLINE"].numerator"#, base: "41000", ours: "41940", theirs: "41950")
            ]),
        .init(
            "keys added on different sides", base: #"{"a": 1}"#, ours: #"{"a": 1, "x": {"v": 1}}"#,
            theirs: #"{"a": 1, "y": [2]}"#, merged: #"{"a": 1, "x": {"v": 1}, "y": [2]}"#),
        .init(
            "same key added with the same value", base: #"{}"#, ours: #"{"note": "x"}"#, theirs: #"{"note": "x"}"#,
            merged: #"{"note": "x"}"#),
        .init(
            "same key added with different scalars", base: #"{}"#, ours: #"{"note": "x"}"#,
            theirs: #"{"note": "y"}"#, merged: #"{"note": "x"}"#,
            conflicts: [.init("$.note", base: nil, ours: #""x""#, theirs: #""y""#)]),
        .init(
            "same key added with different objects is one conflict, not merged against an empty base",
            base: #"{"figures": {}}"#, ours: #"{"figures": {"X": {"numerator": 1}}}"#,
            theirs: #"{"figures": {"X": {"denominator": 2}}}"#, merged: #"{"figures": {"X": {"numerator": 1}}}"#,
            conflicts: [.init(#"$.figures.X"#, base: nil, ours: #"{"numerator": 1}"#, theirs: #"{"denominator": 2}"#)]),
        .init(
            "removed on one side, unchanged on the other", base: #"{"a": 1, "b": {"c": 2}}"#, ours: #"{"a": 1}"#,
            theirs: #"{"a": 1, "b": {"c": 2}}"#, merged: #"{"a": 1}"#),
        .init(
            "unchanged on ours, removed on theirs", base: #"{"a": 1, "b": 2}"#, ours: #"{"a": 1, "b": 2}"#,
            theirs: #"{"a": 1}"#, merged: #"{"a": 1}"#),
        .init(
            "removed on both sides", base: #"{"a": 1, "b": 2}"#, ours: #"{"a": 1}"#, theirs: #"{"a": 1}"#,
            merged: #"{"a": 1}"#),
        .init(
            "removed on ours, changed on theirs", base: #"{"a": 1, "b": 2}"#, ours: #"{"a": 1}"#,
            theirs: #"{"a": 1, "b": 3}"#, merged: #"{"a": 1}"#,
            conflicts: [.init("$.b", base: "2", ours: nil, theirs: "3")]),
        .init(
            "changed on ours, removed on theirs", base: #"{"a": 1, "b": 2}"#, ours: #"{"a": 1, "b": 3}"#,
            theirs: #"{"a": 1}"#, merged: #"{"a": 1, "b": 3}"#,
            conflicts: [.init("$.b", base: "2", ours: "3", theirs: nil)]),
        .init(
            "nested object removed on ours, its field changed on theirs",
            base: #"{"figures": {"A": {"numerator": 1, "denominator": 4}, "B": {"value": 3}}}"#,
            ours: #"{"figures": {"B": {"value": 3}}}"#,
            theirs: #"{"figures": {"A": {"numerator": 2, "denominator": 4}, "B": {"value": 3}}}"#,
            merged: #"{"figures": {"B": {"value": 3}}}"#,
            conflicts: [
                .init(
                    "$.figures.A", base: #"{"numerator": 1, "denominator": 4}"#, ours: nil,
                    theirs: #"{"numerator": 2, "denominator": 4}"#)
            ]),
        .init(
            "null is a value, distinct from absent", base: #"{"a": 1}"#, ours: #"{"a": null}"#, theirs: #"{}"#,
            merged: #"{"a": null}"#, conflicts: [.init("$.a", base: "1", ours: "null", theirs: nil)]),
        .init(
            "document deleted on ours, changed on theirs", base: #"{"a": 1}"#, ours: nil, theirs: #"{"a": 2}"#,
            merged: nil, conflicts: [.init("$", base: #"{"a": 1}"#, ours: nil, theirs: #"{"a": 2}"#)]),
        .init(
            "document changed on ours, deleted on theirs", base: #"{"a": 1}"#, ours: #"{"a": 2}"#, theirs: nil,
            merged: #"{"a": 2}"#, conflicts: [.init("$", base: #"{"a": 1}"#, ours: #"{"a": 2}"#, theirs: nil)]),
        .init("document deleted on theirs only", base: #"{"a": 1}"#, ours: #"{"a": 1}"#, theirs: nil, merged: nil),
        .init("document deleted on both sides", base: #"{"a": 1}"#, ours: nil, theirs: nil, merged: nil),
        .init("no document anywhere", base: nil, ours: nil, theirs: nil, merged: nil),
        .init("document added on theirs only", base: nil, ours: nil, theirs: #"{"a": 1}"#, merged: #"{"a": 1}"#),
        .init(
            "same document added on both sides", base: nil, ours: #"{"a": 1, "b": [1, 2]}"#,
            theirs: #"{"b": [1, 2], "a": 1.0}"#, merged: #"{"a": 1, "b": [1, 2]}"#),
        .init(
            "different documents added on both sides conflict at $", base: nil, ours: #"{"a": 1}"#,
            theirs: #"{"b": 2}"#, merged: #"{"a": 1}"#,
            conflicts: [.init("$", base: nil, ours: #"{"a": 1}"#, theirs: #"{"b": 2}"#)]),
        .init(
            "arrays are atomic, even string sets", base: #"{"cooperating": ["Sở Nội vụ"]}"#,
            ours: #"{"cooperating": ["Sở Nội vụ", "Sở Tư pháp"]}"#,
            theirs: #"{"cooperating": ["Sở Nội vụ", "Công an tỉnh"]}"#,
            merged: #"{"cooperating": ["Sở Nội vụ", "Sở Tư pháp"]}"#,
            conflicts: [
                .init(
                    "$.cooperating", base: #"["Sở Nội vụ"]"#, ours: #"["Sở Nội vụ", "Sở Tư pháp"]"#,
                    theirs: #"["Sở Nội vụ", "Công an tỉnh"]"#)
            ]),
        .init(
            "an array changed on one side is taken whole", base: #"{"indicators": ["A", "B"], "n": 1}"#,
            ours: #"{"indicators": ["A", "B"], "n": 2}"#, theirs: #"{"indicators": ["B", "A", "C"], "n": 1}"#,
            merged: #"{"indicators": ["B", "A", "C"], "n": 2}"#),
        .init(
            "arrays of objects are atomic too", base: #"{"l": [{"a": 1}, {"b": 1}]}"#,
            ours: #"{"l": [{"a": 2}, {"b": 1}]}"#, theirs: #"{"l": [{"a": 1}, {"b": 2}]}"#,
            merged: #"{"l": [{"a": 2}, {"b": 1}]}"#,
            conflicts: [
                .init("$.l", base: #"[{"a": 1}, {"b": 1}]"#, ours: #"[{"a": 2}, {"b": 1}]"#, theirs: #"[{"a": 1}, {"b": 2}]"#)
            ]),
        .init(
            "numbers compare by exact value: 55 and 55.0 agree", base: #"{"value": 50}"#, ours: #"{"value": 55}"#,
            theirs: #"{"value": 55.0}"#, merged: #"{"value": 55}"#),
        .init(
            "a number rewritten as 5.5e1 is unchanged", base: #"{"value": 55, "lead": "A"}"#,
            ours: #"{"value": 5.5e1, "lead": "A"}"#, theirs: #"{"value": 55, "lead": "B"}"#,
            merged: #"{"value": 55, "lead": "B"}"#),
        .init(
            "13.5 and 13.50 agree, 13.5 and 13.6 do not", base: #"{"x": 1, "y": 1}"#,
            ours: #"{"x": 13.5, "y": 13.5}"#, theirs: #"{"x": 13.50, "y": 13.6}"#, merged: #"{"x": 13.5, "y": 13.5}"#,
            conflicts: [.init("$.y", base: "1", ours: "13.5", theirs: "13.6")]),
        .init(
            "a number and a string of it differ", base: #"{"v": 1}"#, ours: #"{"v": 2}"#, theirs: #"{"v": "2"}"#,
            merged: #"{"v": 2}"#, conflicts: [.init("$.v", base: "1", ours: "2", theirs: #""2""#)]),
        .init(
            "object changed to a scalar against a field change", base: #"{"t": {"value": 1, "unit": "%"}}"#,
            ours: #"{"t": {"value": 2, "unit": "%"}}"#, theirs: #"{"t": "exempt"}"#,
            merged: #"{"t": {"value": 2, "unit": "%"}}"#,
            conflicts: [
                .init(
                    "$.t", base: #"{"value": 1, "unit": "%"}"#, ours: #"{"value": 2, "unit": "%"}"#,
                    theirs: #""exempt""#)
            ]),
        .init(
            "scalar changed to different objects on both sides", base: #"{"t": 1}"#, ours: #"{"t": {"a": 1}}"#,
            theirs: #"{"t": {"b": 1}}"#, merged: #"{"t": {"a": 1}}"#,
            conflicts: [.init("$.t", base: "1", ours: #"{"a": 1}"#, theirs: #"{"b": 1}"#)]),
        .init(
            "root arrays are atomic", base: "[1]", ours: "[2]", theirs: "[3]", merged: "[2]",
            conflicts: [.init("$", base: "[1]", ours: "[2]", theirs: "[3]")]),
        .init(
            "member order does not matter", base: #"{"a": 1, "b": {"x": 1, "y": 2}}"#,
            ours: #"{"b": {"y": 2, "x": 1}, "a": 1}"#, theirs: #"{"a": 2, "b": {"x": 1, "y": 2}}"#,
            merged: #"{"a": 2, "b": {"x": 1, "y": 2}}"#),
        .init(
            "conflicts are listed in canonical key order, with quoted and escaped keys",
            base: #"{"z": 1, "a b": 1, "q\"\\": {"n": 1}, "ok": 1}"#,
            ours: #"{"z": 2, "a b": 2, "q\"\\": {"n": 2}, "ok": 1}"#,
            theirs: #"{"z": 3, "a b": 3, "q\"\\": {"n": 3}, "ok": 2}"#,
            merged: #"{"z": 2, "a b": 2, "q\"\\": {"n": 2}, "ok": 2}"#,
            conflicts: [
                .init(#"$["a b"]"#, base: "1", ours: "2", theirs: "3"),
                .init(#"$["q\"\\"].n"#, base: "1", ours: "2", theirs: "3"),
                .init("$.z", base: "1", ours: "2", theirs: "3"),
            ]),
        .init(
            "NFD rewrite of an unchanged string is no change", base: #"{"title": "\#(keHoachNFC)", "n": 1}"#,
            ours: #"{"title": "\#(keHoachNFD)", "n": 1}"#, theirs: #"{"title": "\#(keHoachNFC) 2025", "n": 1}"#,
            merged: #"{"title": "\#(keHoachNFC) 2025", "n": 1}"#),
        .init(
            "the same text in NFC and NFD on both sides agrees", base: #"{"title": "x"}"#,
            ours: #"{"title": "\#(keHoachNFC)"}"#, theirs: #"{"title": "\#(keHoachNFD)"}"#,
            merged: #"{"title": "\#(keHoachNFC)"}"#),
        .init(
            "NFC and NFD spellings of a key are one key", base: #"{"\#(keHoachNFC)": 1, "n": 1}"#,
            ours: #"{"\#(keHoachNFD)": 1, "n": 2}"#, theirs: #"{"\#(keHoachNFC)": 5, "n": 1}"#,
            merged: #"{"\#(keHoachNFC)": 5, "n": 2}"#),
    ]

    @Test("merges", arguments: cases)
    func merges(_ c: Case) {
        let result = JSONMerge.merge(base: mj(c.base), ours: mj(c.ours), theirs: mj(c.theirs))
        #expect(
            JSONMerge.sameValue(result.merged, mj(c.merged)),
            "merged \(render(result.merged)) expected \(render(mj(c.merged)))")
        #expect(result.conflicts == c.conflicts.map(\.field))
        #expect(result.conflicts.map(\.path) == c.conflicts.map(\.path))
        #expect(result.isClean == c.conflicts.isEmpty)
    }

    @Test("is symmetric: swapping sides swaps ours and theirs", arguments: cases)
    func symmetric(_ c: Case) {
        let forward = JSONMerge.merge(base: mj(c.base), ours: mj(c.ours), theirs: mj(c.theirs))
        let backward = JSONMerge.merge(base: mj(c.base), ours: mj(c.theirs), theirs: mj(c.ours))
        #expect(
            backward.conflicts
                == forward.conflicts.map { FieldConflict(path: $0.path, base: $0.base, ours: $0.theirs, theirs: $0.ours) }
        )
        if forward.isClean { #expect(JSONMerge.sameValue(forward.merged, backward.merged)) }
    }

    @Test("apply() sets each side's value at every conflict path", arguments: cases.filter { !$0.conflicts.isEmpty })
    func applyRoundTrips(_ c: Case) throws {
        let result = JSONMerge.merge(base: mj(c.base), ours: mj(c.ours), theirs: mj(c.theirs))
        try #require(!result.isClean)
        var allTheirs = result.merged
        for conflict in result.conflicts {
            let path = try JSONMerge.parsePath(conflict.path)
            #expect(path.description == conflict.path)
            // Ours is already there: applying it changes nothing.
            let keptOurs = try JSONMerge.apply(conflict.ours, at: conflict.path, in: result.merged)
            #expect(JSONMerge.sameValue(keptOurs, result.merged))
            for side in [conflict.theirs, conflict.base] {
                let resolved = try JSONMerge.apply(side, at: conflict.path, in: result.merged)
                #expect(JSONMerge.sameValue(resolved?.node(at: path), side), "at \(conflict.path)")
            }
            allTheirs = try JSONMerge.apply(conflict.theirs, at: conflict.path, in: allTheirs)
        }
        // Settling every conflict for theirs gives what the merge gives from theirs' side.
        let fromTheirs = JSONMerge.merge(base: mj(c.base), ours: mj(c.theirs), theirs: mj(c.ours))
        #expect(JSONMerge.sameValue(allTheirs, fromTheirs.merged), "\(render(allTheirs))")
    }

    private func render(_ value: JSONValue?) -> String {
        value.map { String(decoding: CanonicalJSON.render($0), as: UTF8.self) } ?? "nil"
    }
}

@Suite("JSON merge: Unicode normalisation")
struct JSONMergeUnicodeTests {
    @Test("the parser keeps NFD as written; merge equality and canonical output treat it as NFC")
    func nfdIsKeptButEqual() throws {
        #expect(Array(keHoachNFC.unicodeScalars) != Array(keHoachNFD.unicodeScalars))
        let nfd = try JSONParser.parse(#""\#(keHoachNFD)""#)
        guard case .string(let text, _) = nfd else {
            Issue.record("not a string: \(nfd)")
            return
        }
        // Not normalised by the parser…
        #expect(Array(text.unicodeScalars) == Array(keHoachNFD.unicodeScalars))
        // …but equal for the merge, and rendered as NFC.
        #expect(JSONMerge.sameValue(nfd, .string(keHoachNFC, at: .unknown)))
        #expect(CanonicalJSON.render(nfd) == Array(#""\#(keHoachNFC)""#.utf8) + [0x0A])
        #expect(!JSONMerge.sameValue(nfd, .string("Ke hoach", at: .unknown)))
    }

    @Test("an NFD-only rewrite merged with a real change renders the change in NFC")
    func mergedBytesAreNFC() throws {
        let base = Array(#"{"name": "\#(keHoachNFC)"}"#.utf8)
        let ours = Array(#"{"name": "\#(keHoachNFD)", "year": 2025}"#.utf8)
        let theirs = Array(#"{"name": "\#(keHoachNFD)"}"#.utf8)
        let (bytes, conflicts) = try JSONMerge.mergeBytes(base: base, ours: ours, theirs: theirs)
        #expect(conflicts.isEmpty)
        #expect(bytes == Array("{\n  \"name\": \"\(keHoachNFC)\",\n  \"year\": 2025\n}\n".utf8))
    }
}

@Suite("JSON merge: sameValue")
struct JSONMergeSameValueTests {
    struct Pair: Sendable, CustomTestStringConvertible {
        let a: String?
        let b: String?
        let same: Bool
        var testDescription: String { "\(a ?? "nil") vs \(b ?? "nil")" }
    }

    static let pairs: [Pair] = [
        .init(a: nil, b: nil, same: true),
        .init(a: nil, b: "null", same: false),
        .init(a: "null", b: "null", same: true),
        .init(a: "true", b: "true", same: true),
        .init(a: "true", b: "false", same: false),
        .init(a: "55", b: "55.0", same: true),
        .init(a: "55", b: "5.5e1", same: true),
        .init(a: "-0", b: "0", same: true),
        .init(a: "55", b: "55.01", same: false),
        .init(a: "0.1", b: "0.10000000000000000001", same: false),
        // Beyond 38 digits Exact gives up; the literals compare as text.
        .init(a: "1234567890123456789012345678901234567890", b: "1234567890123456789012345678901234567890", same: true),
        .init(a: "1234567890123456789012345678901234567890", b: "1234567890123456789012345678901234567891", same: false),
        .init(a: #""a""#, b: #""a ""#, same: false),
        .init(a: "[1, 2]", b: "[2, 1]", same: false),
        .init(a: "[1, 2]", b: "[1, 2, 2]", same: false),
        .init(a: "[1, 2]", b: "[1.0, 2]", same: true),
        .init(a: #"{"a": 1, "b": 2}"#, b: #"{"b": 2, "a": 1}"#, same: true),
        .init(a: #"{"a": 1}"#, b: #"{"a": 1, "b": 2}"#, same: false),
        .init(a: #"{"a": 1}"#, b: #"{"b": 1}"#, same: false),
        .init(a: #"{"a": null}"#, b: "{}", same: false),
        .init(a: "{}", b: "[]", same: false),
        .init(a: "1", b: #""1""#, same: false),
    ]

    @Test("compares values, not locations or text", arguments: pairs)
    func compares(_ p: Pair) {
        #expect(JSONMerge.sameValue(mj(p.a), mj(p.b)) == p.same)
        #expect(JSONMerge.sameValue(mj(p.b), mj(p.a)) == p.same)
    }

    @Test("locations are ignored; JSONValue's own == does not")
    func locations() throws {
        let parsed = try JSONParser.parse("\n\n  {\"a\": [1]}")
        let built = JSONValue.object(
            [JSONMember(key: "a", value: .array([.number("1", at: .unknown)], at: .unknown))], at: .unknown)
        #expect(parsed != built)
        #expect(JSONMerge.sameValue(parsed, built))
        #expect(
            FieldConflict(path: "$", base: nil, ours: parsed, theirs: nil)
                == FieldConflict(path: "$", base: nil, ours: built, theirs: nil))
        #expect(
            FieldConflict(path: "$", base: nil, ours: parsed, theirs: nil)
                != FieldConflict(path: "$", base: parsed, ours: built, theirs: nil))
    }
}

@Suite("JSON merge: apply and paths")
struct JSONMergeApplyTests {
    static let keys = [
        "plain", "_x1", "DVC-ONLINE", "a b", "1abc", "", #"q"uote"#, #"back\slash"#, #"\""#, #"x"]"#, "[0]",
        ".", "Sở Nội vụ", "line\nbreak", "$",
    ]

    @Test("paths written by JSONPath parse back", arguments: keys)
    func pathRoundTrip(_ key: String) throws {
        let path = JSONPath([.key("figures"), .key(key), .index(12), .key(key), .index(0)])
        let parsed = try JSONMerge.parsePath(path.description)
        #expect(parsed == path)
        #expect(parsed.description == path.description)
    }

    @Test("$ parses to the empty path")
    func root() throws {
        #expect(try JSONMerge.parsePath("$") == JSONPath())
    }

    struct BadPath: Sendable, CustomTestStringConvertible {
        let path: String
        let reason: String
        var testDescription: String { "'\(path)'" }
    }

    static let badPaths: [BadPath] = [
        .init(path: "", reason: "a path starts with '$'"),
        .init(path: "figures.A", reason: "a path starts with '$'"),
        .init(path: "$.", reason: "does not start with a digit"),
        .init(path: "$.1a", reason: "does not start with a digit"),
        .init(path: "$..a", reason: "does not start with a digit"),
        .init(path: "$.figures.DVC-ONLINE", reason: "'-' cannot appear in a .key"),
        .init(path: "$a", reason: "expected '.key'"),
        .init(path: "$[", reason: "expected an index or a quoted key"),
        .init(path: "$[]", reason: "expected an index or a quoted key"),
        .init(path: "$[-1]", reason: "expected an index or a quoted key"),
        .init(path: "$[01]", reason: "invalid index '01'"),
        .init(path: "$[99999999999999999999]", reason: "invalid index"),
        .init(path: "$[1", reason: "expected ']'"),
        .init(path: #"$["a"#, reason: "unterminated key"),
        .init(path: #"$["a""#, reason: "expected ']'"),
        .init(path: #"$["a\n"]"#, reason: #"only \" and \\ are escapes"#),
        .init(path: "$['a']", reason: "expected an index or a quoted key"),
    ]

    @Test("malformed paths are refused with a reason", arguments: badPaths)
    func badPath(_ b: BadPath) {
        #expect {
            _ = try JSONMerge.parsePath(b.path)
        } throws: { error in
            guard case .invalidPath(let path, let reason) = error as? JSONMergeError else { return false }
            return path == b.path && reason.contains(b.reason)
        }
    }

    struct Edit: Sendable, CustomTestStringConvertible {
        let name: String
        let document: String?
        let path: String
        let value: String?
        let result: String?
        var testDescription: String { name }
    }

    static let edits: [Edit] = [
        .init(name: "replace a leaf", document: #"{"a": {"b": 1}}"#, path: "$.a.b", value: "2", result: #"{"a": {"b": 2}}"#),
        .init(name: "add a key", document: #"{"a": {}}"#, path: #"$.a["new key"]"#, value: "[1]", result: #"{"a": {"new key": [1]}}"#),
        .init(name: "remove a key", document: #"{"a": 1, "b": 2}"#, path: "$.b", value: nil, result: #"{"a": 1}"#),
        .init(name: "remove a missing key", document: #"{"a": 1}"#, path: "$.b", value: nil, result: #"{"a": 1}"#),
        .init(name: "replace an element", document: #"{"l": [1, 2, 3]}"#, path: "$.l[1]", value: "9", result: #"{"l": [1, 9, 3]}"#),
        .init(name: "remove an element", document: #"{"l": [1, 2, 3]}"#, path: "$.l[0]", value: nil, result: #"{"l": [2, 3]}"#),
        .init(name: "inside an element", document: #"{"l": [{"a": 1}]}"#, path: "$.l[0].a", value: "2", result: #"{"l": [{"a": 2}]}"#),
        .init(name: "replace the document", document: #"{"a": 1}"#, path: "$", value: "[]", result: "[]"),
        .init(name: "delete the document", document: #"{"a": 1}"#, path: "$", value: nil, result: nil),
        .init(name: "create a deleted document", document: nil, path: "$", value: #"{"a": 1}"#, result: #"{"a": 1}"#),
        .init(
            name: "escaped key", document: #"{"q\"\\": {"n": 1}}"#, path: #"$["q\"\\"].n"#, value: "2",
            result: #"{"q\"\\": {"n": 2}}"#),
        .init(
            name: "an NFD path finds an NFC key", document: #"{"\#(keHoachNFC)": 1}"#, path: #"$["\#(keHoachNFD)"]"#,
            value: "2", result: #"{"\#(keHoachNFC)": 2}"#),
        .init(
            name: "a repeated key is set once and its repeats dropped", document: #"{"a": 1, "b": 0, "a": 2}"#,
            path: "$.a", value: "3", result: #"{"a": 3, "b": 0}"#),
    ]

    @Test("sets and removes values", arguments: edits)
    func edit(_ e: Edit) throws {
        let result = try JSONMerge.apply(mj(e.value), at: e.path, in: mj(e.document))
        #expect(JSONMerge.sameValue(result, mj(e.result)))
        if case .object(let members, _)? = result {
            #expect(Set(members.map(\.key)).count == members.count, "no repeated keys left")
        }
    }

    struct Missing: Sendable, CustomTestStringConvertible {
        let document: String?
        let path: String
        let at: String
        let reason: String
        var testDescription: String { "\(path) in \(document ?? "nil")" }
    }

    static let missing: [Missing] = [
        .init(document: #"{"a": {}}"#, path: "$.a.b.c", at: "$.a.b", reason: "$.a has no member 'b'"),
        .init(document: #"{"l": [1]}"#, path: "$.l[1]", at: "$.l[1]", reason: "index 1 is out of range; $.l has 1 elements"),
        .init(document: #"{"a": 1}"#, path: "$.a.b", at: "$.a.b", reason: "$.a is a number, not an object"),
        .init(document: #"{"a": {}}"#, path: "$.a[0]", at: "$.a[0]", reason: "$.a is an object, not an array"),
        .init(document: nil, path: "$.a", at: "$", reason: "there is no value at $"),
    ]

    @Test("a path that leads nowhere is refused", arguments: missing)
    func notFound(_ m: Missing) {
        #expect(throws: JSONMergeError.pathNotFound(m.at, reason: m.reason)) {
            _ = try JSONMerge.apply(.null(at: .unknown), at: m.path, in: mj(m.document))
        }
    }
}

@Suite("JSON merge: bytes")
struct JSONMergeBytesTests {
    @Test("output is canonical even from non-canonical input")
    func canonical() throws {
        let base = Array(#"{"value":50,"lead":"A","figures":{"B":{"value":1}}}"#.utf8)
        let ours = Array(#"{"lead":"A","value":55.0,"figures":{"B":{"value":1}}}"#.utf8)
        let theirs = Array("{\n    \"value\": 50, \"lead\": \"B\", \"figures\": {\"B\": {\"value\": 1.50}}\n}".utf8)
        let (bytes, conflicts) = try JSONMerge.mergeBytes(base: base, ours: ours, theirs: theirs)
        #expect(conflicts.isEmpty)
        let out = try #require(bytes)
        #expect(CanonicalJSON.isCanonical(out))
        #expect(
            String(decoding: out, as: UTF8.self) == """
                {
                  "figures": {
                    "B": {
                      "value": 1.5
                    }
                  },
                  "lead": "B",
                  "value": 55
                }

                """)
    }

    @Test("conflicts come back with the canonical bytes holding ours")
    func conflictBytes() throws {
        let (bytes, conflicts) = try JSONMerge.mergeBytes(
            base: Array(#"{"a": 1}"#.utf8), ours: Array(#"{"a": 2}"#.utf8), theirs: Array(#"{"a": 3}"#.utf8))
        #expect(bytes == Array("{\n  \"a\": 2\n}\n".utf8))
        #expect(
            conflicts == [
                FieldConflict(
                    path: "$.a", base: .number("1", at: .unknown), ours: .number("2", at: .unknown),
                    theirs: .number("3", at: .unknown))
            ])
    }

    @Test("a deleted file comes back as nil")
    func deleted() throws {
        let (bytes, conflicts) = try JSONMerge.mergeBytes(base: Array("{}".utf8), ours: nil, theirs: Array("{}".utf8))
        #expect(bytes == nil)
        #expect(conflicts.isEmpty)
    }

    @Test("invalid JSON names the side", arguments: [JSONMergeSide.base, .ours, .theirs])
    func invalid(_ side: JSONMergeSide) {
        let good = Array(#"{"a": 1}"#.utf8)
        let bad = Array(#"{"a": 1,}"#.utf8)
        #expect {
            _ = try JSONMerge.mergeBytes(
                base: side == .base ? bad : good, ours: side == .ours ? bad : good,
                theirs: side == .theirs ? bad : good)
        } throws: { error in
            guard case .invalidJSON(let named, let syntax) = error as? JSONMergeError else { return false }
            return named == side && syntax.location == SourceLocation(line: 1, column: 9)
                && (error as? JSONMergeError)?.description.hasPrefix("\(side): 1:9: ") == true
        }
    }

    @Test("repeated keys are refused, naming the side", arguments: [JSONMergeSide.base, .ours, .theirs])
    func duplicate(_ side: JSONMergeSide) {
        let good = Array(#"{"a": {"b": 1}}"#.utf8)
        let bad = Array(#"{"a": {"b": 1, "b": 2}}"#.utf8)
        #expect(
            throws: JSONMergeError.duplicateKey(
                side: side, key: "b", path: "$.a.b", location: SourceLocation(line: 1, column: 16))
        ) {
            _ = try JSONMerge.mergeBytes(
                base: side == .base ? bad : good, ours: side == .ours ? bad : good,
                theirs: side == .theirs ? bad : good)
        }
    }
}
