import Foundation
import Testing
import PlanModel

@Suite struct CanonicalJSONTests {
    @Test func rendersTheHouseFormat() throws {
        let value = try JSONParser.parse(
            #"{"b":[1,"x",[],{}],"a":{"z":null,"y":true},"é":13.50,"E":"a/b","ab":1e2}"#)
        let expected = """
            {
              "E": "a/b",
              "a": {
                "y": true,
                "z": null
              },
              "ab": 100,
              "b": [
                1,
                "x",
                [],
                {}
              ],
              "é": 13.5
            }

            """
        #expect(String(decoding: CanonicalJSON.render(value), as: UTF8.self) == expected)
    }

    @Test func escapesOnlyWhatMustBeEscaped() throws {
        let value = JSONValue.string("q\" b\\ n\n t\t r\r b\u{8} f\u{C} nul\u{0} us\u{1F} / ờ 😀", at: .unknown)
        let text = String(decoding: CanonicalJSON.render(value), as: UTF8.self)
        #expect(text == "\"q\\\" b\\\\ n\\n t\\t r\\r b\\b f\\f nul\\u0000 us\\u001f / ờ 😀\"\n")
        #expect(!text.contains("\\/"))
    }

    @Test func normalisesToNFC() throws {
        let decomposed = "Ho\u{0302}\u{0300}i"  // "Hồi" written with combining marks
        #expect(decomposed.unicodeScalars.count == 5)
        let bytes = try CanonicalJSON.encode([decomposed: decomposed])
        let composed = "Hồi"
        #expect(bytes == Array("{\n  \"\(composed)\": \"\(composed)\"\n}\n".utf8))
        #expect(String(decoding: bytes, as: UTF8.self).unicodeScalars.filter { $0 == "\u{0302}" }.isEmpty)
    }

    @Test func sortsKeysByUTF8Bytes() throws {
        let bytes = try CanonicalJSON.encode(["b": 1, "B": 2, "á": 3, "a": 4, "_": 5, "aa": 6])
        let keys = String(decoding: bytes, as: UTF8.self).split(separator: "\n").dropFirst().dropLast()
            .map { $0.split(separator: ":")[0].trimmingCharacters(in: .whitespaces) }
        #expect(keys == ["\"B\"", "\"_\"", "\"a\"", "\"aa\"", "\"b\"", "\"á\""])
    }

    @Test func encodingIsStable() throws {
        let first = try CanonicalJSON.encode(Fixtures.progress)
        let second = try CanonicalJSON.encode(Fixtures.progress)
        #expect(first == second)
        #expect(CanonicalJSON.isCanonical(first))
        #expect(first.last == 0x0A && first.dropLast().last != 0x0A)
    }

    @Test func encodesDocumentsExactly() throws {
        let text = String(decoding: try CanonicalJSON.encode(Fixtures.scoreIndicator), as: UTF8.self)
        #expect(
            text == """
                {
                  "aggregation": "sum",
                  "code": "7.3.6",
                  "direction": "higher",
                  "group": "7.3",
                  "maxScore": 1.5,
                  "measure": "score",
                  "name": "Tỷ lệ hồ sơ TTHC được xử lý trực tuyến",
                  "schema": 1
                }

                """)
    }

    @Test func omitsNilOptionalsAndWritesIntegers() throws {
        let plan = Plan(number: "1/KH", title: "T", year: 2024)
        let text = String(decoding: try CanonicalJSON.encode(plan), as: UTF8.self)
        #expect(text == "{\n  \"basis\": [],\n  \"number\": \"1/KH\",\n  \"schema\": 1,\n  \"title\": \"T\",\n  \"year\": 2024\n}\n")
    }

    @Test func refusesFloatingPoint() {
        #expect(throws: PlanModelError.self) { try CanonicalJSON.encode(["x": 0.1]) }
    }

    @Test(arguments: [
        ("{\n  \"a\": 1\n}\n", true),
        ("{\n  \"a\": 1\n}", false),
        ("{\n  \"a\": 1\n}\n\n", false),
        ("{\"a\": 1}\n", false),
        ("{\n  \"b\": 1,\n  \"a\": 2\n}\n", false),
        ("{\n  \"a\": 1.50\n}\n", false),
        ("{\n  \"a\": \"\\/\"\n}\n", false),
        ("{\n  \"a\": \"Ho\u{0302}\u{0300}i\"\n}\n", false),
        ("{\n    \"a\": 1\n}\n", false),
        ("{\n  \"a\" : 1\n}\n", false),
        ("[]\n", true),
        ("nope", false),
    ])
    func detectsCanonicalBytes(text: String, canonical: Bool) {
        #expect(CanonicalJSON.isCanonical(Array(text.utf8)) == canonical)
    }
}
