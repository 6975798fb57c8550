import Foundation
import Testing
import PlanModel

@Suite struct JSONParserTests {
    struct Hostile: CustomTestStringConvertible, Sendable {
        let name: String
        let bytes: [UInt8]
        let message: String
        let line: Int
        let column: Int
        var testDescription: String { name }

        init(_ name: String, _ text: String, _ message: String, _ line: Int, _ column: Int) {
            self.init(name, Array(text.utf8), message, line, column)
        }

        init(_ name: String, _ bytes: [UInt8], _ message: String, _ line: Int, _ column: Int) {
            self.name = name
            self.bytes = bytes
            self.message = message
            self.line = line
            self.column = column
        }
    }

    static let hostile: [Hostile] = [
        Hostile("empty", "", "file is empty; expected a JSON value", 1, 1),
        Hostile("whitespace only", "  \n ", "expected a JSON value, found end of input", 2, 2),
        Hostile("BOM", [0xEF, 0xBB, 0xBF] + Array("{}".utf8), "file starts with a byte-order mark; save it as UTF-8 without BOM", 1, 1),
        Hostile("invalid UTF-8 in string", [0x22, 0x61, 0xFF, 0x22], "invalid UTF-8 byte 0xFF in string", 1, 3),
        Hostile("overlong UTF-8", [0x22, 0xC0, 0xAF, 0x22], "invalid UTF-8 byte 0xC0 in string", 1, 2),
        Hostile("UTF-8 surrogate", [0x22, 0xED, 0xA0, 0x80, 0x22], "invalid UTF-8 byte 0xED in string", 1, 2),
        Hostile("truncated UTF-8", [0x22, 0xE1, 0xBB], "invalid UTF-8 byte 0xE1 in string", 1, 2),
        Hostile("invalid UTF-8 outside string", [0x5B, 0xFE, 0x5D], "expected a value, found invalid UTF-8 byte 0xFE", 1, 2),
        Hostile("lone high surrogate", #"["\ud800"]"#, "lone surrogate \\uD800 in string", 1, 3),
        Hostile("lone low surrogate", #"["\uDC00x"]"#, "lone surrogate \\uDC00 in string", 1, 3),
        Hostile("high then non-low", #"["\ud800\u0041"]"#, "lone surrogate \\uD800 in string", 1, 3),
        Hostile("trailing comma in object", "{\"a\": 1,}", "trailing comma before '}' is not allowed", 1, 9),
        Hostile("trailing comma in array", "[1, 2,\n]", "trailing comma before ']' is not allowed", 2, 1),
        Hostile("line comment", "{\n  // note\n  \"a\": 1\n}", "comments are not allowed in JSON", 2, 3),
        Hostile("block comment", "[1 /* x */]", "comments are not allowed in JSON", 1, 4),
        Hostile("NaN", "[NaN]", "NaN and Infinity are not allowed in JSON", 1, 2),
        Hostile("Infinity", "{\"v\": Infinity}", "NaN and Infinity are not allowed in JSON", 1, 7),
        Hostile("-Infinity", "[-Infinity]", "NaN and Infinity are not allowed in JSON", 1, 3),
        Hostile("leading zero", "[012]", "leading zeros are not allowed in numbers", 1, 3),
        Hostile("bare decimal point", "[1.]", "expected a digit after the decimal point, found ']'", 1, 4),
        Hostile("empty exponent", "[1e]", "expected a digit in the exponent, found ']'", 1, 4),
        Hostile("raw newline in string", "[\"a\nb\"]", "unescaped line break U+000A in string; write it as an escape such as \\n, \\t or \\u00XX", 1, 4),
        Hostile("raw tab in string", "\"a\tb\"", "unescaped tab U+0009 in string; write it as an escape such as \\n, \\t or \\u00XX", 1, 3),
        Hostile("bad escape", #"["\x41"]"#, "invalid escape '\\x41' in string; valid escapes are \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX", 1, 3),
        Hostile("short unicode escape", #"["\u12"]"#, "expected 4 hexadecimal digits after \\u, found '\"'", 1, 7),
        Hostile("truncated object", "{\"a\": 1", "expected ',' or '}' after object member, found end of input", 1, 8),
        Hostile("truncated string", "{\"a\": \"xy", "unterminated string (started at 1:7)", 1, 10),
        Hostile("truncated literal", "[tru", "expected a value, found 'tru'", 1, 2),
        Hostile("trailing garbage", "{} x", "unexpected 'x' after the JSON value; a file holds exactly one value", 1, 4),
        Hostile("two values", "1 2", "unexpected '2' after the JSON value; a file holds exactly one value", 1, 3),
        Hostile("wrong closer", "{\"a\": 1]", "expected ',' or '}' after object member, found ']'", 1, 8),
        Hostile("missing colon", "{\"a\" 1}", "expected ':' after object key, found '1'", 1, 6),
        Hostile("unquoted key", "{a: 1}", "expected a string in double quotes as object key, found 'a'", 1, 2),
        Hostile("single quotes", "['a']", "expected a value, found \"'\"; JSON strings use double quotes", 1, 2),
        Hostile("missing array comma", "[1 2]", "expected ',' or ']' after array element, found '2'", 1, 4),
        Hostile("column counts scalars", "{\"tên\": ờ}", "expected a value, found 'ờ'", 1, 9),
        Hostile("control byte outside", "[\u{1}]", "expected a value, found control character U+0001", 1, 2),
        Hostile("too deep", String(repeating: "[", count: 257) + String(repeating: "]", count: 257),
                "arrays and objects are nested deeper than 256 levels", 1, 257),
    ]

    @Test(arguments: hostile)
    func rejectsWithPosition(_ sample: Hostile) {
        #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(sample.bytes) }
        do {
            _ = try JSONParser.parse(sample.bytes)
        } catch {
            #expect(error.message.description == sample.message)
            #expect(error.location == SourceLocation(line: sample.line, column: sample.column))
        }
    }

    @Test func acceptsDepth256() throws {
        let text = String(repeating: "[", count: 256) + String(repeating: "]", count: 256)
        _ = try JSONParser.parse(Array(text.utf8))
    }

    @Test func hundredThousandDeepArrayIsRejectedQuickly() {
        let bytes = [UInt8](repeating: UInt8(ascii: "["), count: 100_000)
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(bytes) }
        }
        #expect(elapsed < .seconds(2))
    }

    @Test func tenMegabyteStringParsesInLinearTime() throws {
        var bytes: [UInt8] = [UInt8(ascii: "["), UInt8(ascii: "\"")]
        bytes += [UInt8](repeating: UInt8(ascii: "a"), count: 10_000_000)
        bytes += Array("ờ\\n\"]".utf8)
        let clock = ContinuousClock()
        var parsed: JSONValue?
        let elapsed = try clock.measure { parsed = try JSONParser.parse(bytes) }
        guard case .array(let items, _)? = parsed, case .string(let s, _) = items[0] else {
            Issue.record("expected an array holding a string")
            return
        }
        #expect(s.utf8.count == 10_000_000 + 4)
        #expect(s.hasSuffix("aờ\n"))
        #expect(elapsed < .seconds(10))
        let rendered = CanonicalJSON.render(parsed!)
        #expect(rendered.count == bytes.count + 5)  // adds "\n  " after "[", "\n" before "]" and the final newline
        #expect(rendered.suffix(10) == Array("aờ\\n\"\n]\n".utf8))
    }

    @Test func arbitraryBytesNeverCrash() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("{}[]\",:0123456789.-eE+tfnul \n\\u\u{FF}".utf8) + [0xC3, 0xA0, 0xED, 0xF4, 0x00]
        for _ in 0..<3000 {
            let count = Int.random(in: 0..<40, using: &generator)
            let bytes = (0..<count).map { _ in alphabet.randomElement(using: &generator)! }
            _ = try? JSONParser.parse(bytes)
        }
        // Truncations of a valid document all fail cleanly.
        let valid = Array("{\"a\": [1, 2.5e3, \"sở \\u00e0\\ud83d\\ude00\"], \"b\": {\"c\": null, \"d\": true}}".utf8)
        for cut in 0..<valid.count {
            #expect(throws: JSONSyntaxError.self) { try JSONParser.parse(Array(valid[..<cut])) }
        }
        #expect((try? JSONParser.parse(valid)) != nil)
    }

    @Test func recordsPositionsAndKeepsLiterals() throws {
        let text = "{\n  \"tên\": \"Đắk Lắk\",\n  \"value\": 13.50,\n  \"list\": [true, null, \"\\ud83d\\ude00\"]\n}\n"
        let value = try JSONParser.parse(Array(text.utf8))
        #expect(value.location == SourceLocation(line: 1, column: 1))
        let members = try #require({ () -> [JSONMember]? in
            if case .object(let m, _) = value { return m } else { return nil }
        }())
        #expect(members.map(\.key) == ["tên", "value", "list"])
        #expect(members[0].keyLocation == SourceLocation(line: 2, column: 3))
        #expect(members[0].value == .string("Đắk Lắk", at: SourceLocation(line: 2, column: 10)))
        #expect(members[1].value == .number("13.50", at: SourceLocation(line: 3, column: 12)))
        guard case .array(let items, _) = members[2].value else {
            Issue.record("list is not an array")
            return
        }
        #expect(items[1] == .null(at: SourceLocation(line: 4, column: 18)))
        #expect(items[2] == .string("😀", at: SourceLocation(line: 4, column: 24)))
    }

    @Test func duplicateKeysAreKeptAndListed() throws {
        let text = "{\n  \"value\": 1,\n  \"x\": {\"a\": 1, \"a\": 2},\n  \"value\": 2\n}"
        let value = try JSONParser.parse(Array(text.utf8))
        let dups = value.duplicateKeys()
        #expect(dups.map(\.member.key) == ["a", "value"])
        #expect(dups.map(\.path) == ["$.x.a", "$.value"])
        #expect(dups[1].first.keyLocation == SourceLocation(line: 2, column: 3))
        #expect(dups[1].member.keyLocation == SourceLocation(line: 4, column: 3))
    }
}
