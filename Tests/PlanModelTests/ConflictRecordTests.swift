import Foundation
import Testing
import PlanModel

@Suite struct ConflictRecordTests {
    static let ours = String(repeating: "a", count: 40)
    static let theirs = "0123456789abcdef0123456789ABCDEF01234567"
    static let path = "conflicts/c-1f3a9b20.json"

    static func record(base: JSONValue?, ours: JSONValue?, theirs: JSONValue?, item: String? = "DVC-ONLINE") -> ConflictRecord {
        ConflictRecord(
            id: "c-1f3a9b20", file: "children/ea-tam/progress/2024/2024-Q3.json",
            path: #"$.figures["DVC-ONLINE"].numerator"#, item: item, base: base, ours: ours, theirs: theirs,
            oursCommit: Self.ours, theirsCommit: Self.theirs)
    }

    static func parse(_ text: String) -> JSONValue { try! JSONParser.parse(Array(text.utf8)) }

    func roundTrip(_ record: ConflictRecord) throws -> [UInt8] {
        let bytes = try CanonicalJSON.encode(record)
        let decoded = try CanonicalJSON.decode(ConflictRecord.self, from: bytes, file: Self.path)
        #expect(decoded == record)
        #expect(try CanonicalJSON.encode(decoded) == bytes)
        let (document, findings) = DocumentValidator.validate(bytes: bytes, path: Self.path)
        #expect(findings == [])
        #expect(document == .conflict(record))
        #expect(document?.kind == .conflict)
        return bytes
    }

    @Test func numbersRoundTrip() throws {
        let record = Self.record(
            base: .number("41940", at: .unknown), ours: .number("41950", at: .unknown), theirs: .number("42000.50", at: .unknown))
        let bytes = try roundTrip(record)
        #expect(String(decoding: bytes, as: UTF8.self) == """
            {
              "base": 41940,
              "file": "children/ea-tam/progress/2024/2024-Q3.json",
              "id": "c-1f3a9b20",
              "item": "DVC-ONLINE",
              "ours": 41950,
              "oursCommit": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
              "path": "$.figures[\\"DVC-ONLINE\\"].numerator",
              "schema": 1,
              "theirs": 42000.5,
              "theirsCommit": "0123456789abcdef0123456789ABCDEF01234567"
            }

            """)
        // The number is normalised on construction: 42000.50 is 42000.5.
        #expect(record.theirs == .number("42000.5", at: .unknown))
    }

    @Test func stringsRoundTrip() throws {
        let record = Self.record(
            base: .string("Sở Nội vụ", at: .unknown), ours: .string("Sở Tư pháp", at: .unknown),
            theirs: .string("Văn phòng UBND tỉnh", at: .unknown), item: "1.1")
        _ = try roundTrip(record)
    }

    @Test func objectsRoundTripRegardlessOfLocationsAndOrder() throws {
        // As a merge would find them: parsed, with locations, keys in file order.
        let base = Self.parse(#"{"numerator": 41940, "denominator": 58818}"#)
        let ours = Self.parse("{\n  \"value\": 71.30,\n  \"note\": \"Cổng DVC\"\n}")
        let theirs = Self.parse(#"{"numerator": 1000, "denominator": 2000, "note": ["a", null, true]}"#)
        #expect(ours.location == SourceLocation(line: 1, column: 1))
        let record = Self.record(base: base, ours: ours, theirs: theirs)
        let bytes = try roundTrip(record)
        let decoded = try CanonicalJSON.decode(ConflictRecord.self, from: bytes, file: Self.path)
        #expect(decoded.ours?.sameValue(ours) == true)
        #expect(decoded.ours != ours)  // `==` still sees locations, order and spelling
        #expect(decoded.theirs?.sameValue(theirs) == true)
        #expect(decoded.base?.sameValue(theirs) == false)
        #expect(decoded.ours?["value"] == .number("71.3", at: .unknown))
        #expect(decoded.ours?.location == .unknown)
    }

    @Test func nilSidesAreOmittedAndNullIsKept() throws {
        let added = Self.record(base: nil, ours: nil, theirs: .number("1.0696", at: .unknown), item: nil)
        let bytes = try roundTrip(added)
        let text = String(decoding: bytes, as: UTF8.self)
        #expect(!text.contains("\"base\"") && !text.contains("\"ours\"") && !text.contains("\"item\""))
        let nulled = Self.record(base: .null(at: .unknown), ours: nil, theirs: nil)
        let nullText = String(decoding: try roundTrip(nulled), as: UTF8.self)
        #expect(nullText.contains("\"base\": null"))
        let decoded = try CanonicalJSON.decode(ConflictRecord.self, from: Array(nullText.utf8), file: Self.path)
        #expect(decoded.base == .null(at: .unknown) && decoded.ours == nil)
    }

    @Test func mutatedSidesAreNormalisedToo() {
        var record = Self.record(base: nil, ours: nil, theirs: nil)
        record.ours = Self.parse(#"{"b": 1.50, "a": 2}"#)
        #expect(record.ours == Self.parse(#"{"a": 2, "b": 1.5}"#).canonicalised())
    }

    @Test func stableIDs() {
        let id = ConflictRecord.makeID(
            file: "progress/2024/2024-Q3.json", path: #"$.figures["DVC-ONLINE"].numerator"#,
            oursCommit: Self.ours, theirsCommit: Self.theirs)
        #expect(id.count == 10 && id.hasPrefix("c-") && Identifier.isValid(id))
        #expect(id.dropFirst(2).allSatisfy { "0123456789abcdef".contains($0) })
        #expect(id == ConflictRecord.makeID(
            file: "progress/2024/2024-Q3.json", path: #"$.figures["DVC-ONLINE"].numerator"#,
            oursCommit: Self.ours.uppercased(), theirsCommit: Self.theirs))
        #expect(id != ConflictRecord.makeID(
            file: "progress/2024/2024-Q3.json", path: #"$.figures["DVC-ONLINE"].denominator"#,
            oursCommit: Self.ours, theirsCommit: Self.theirs))
        // FNV-1a of "" "" "" "" (four NUL bytes), computed by hand.
        #expect(ConflictRecord.makeID(file: "", path: "", oursCommit: "", theirsCommit: "") == Self.fnv([0, 0, 0, 0]))
    }

    static func fnv(_ bytes: [UInt8]) -> String {
        var hash: UInt32 = 0x811C9DC5
        for byte in bytes { hash = (hash ^ UInt32(byte)) &* 0x0100_0193 }
        let hex = String(hash, radix: 16)
        return "c-" + String(repeating: "0", count: 8 - hex.count) + hex
    }

    @Test func paths() {
        #expect(DocumentKind.classify(path: "conflicts/c-1f3a9b20.json") == .conflict)
        #expect(DocumentPath("conflicts/c-1f3a9b20.json")?.name == "c-1f3a9b20")
        #expect(DocumentKind.classify(path: "children/ea-tam/conflicts/c-1f3a9b20.json") == nil)
        #expect(DocumentKind.classify(path: "conflicts/2024/c-1f3a9b20.json") == nil)
    }

    @Test func rules() throws {
        var bad = Self.record(base: nil, ours: nil, theirs: nil, item: "a b")
        bad.file = "../outside.json"
        bad.path = "figures.DVC"
        bad.oursCommit = "abc"
        let findings = DocumentValidator.validate(bytes: try CanonicalJSON.encode(bad), path: "conflicts/c-00000000.json").1
        #expect(Set(findings.map(\.path)) == ["$.id", "$.file", "$.path", "$.item", "$.oursCommit"])
        #expect(findings.first { $0.path == "$.id" }?.kind == "file-name")
        #expect(ConflictRecord.fileProblem("/etc/passwd") != nil)
        #expect(ConflictRecord.fileProblem("a//b.json") != nil)
        #expect(ConflictRecord.fileProblem("children/ea-tam/unit.json") == nil)
    }

    @Test func treeWarnsAboutConflictsUnderChildren() throws {
        let unit = Unit(id: "daklak", name: "Đắk Lắk", level: "province")
        let child = Unit(id: "BMT", name: "Buôn Ma Thuột", level: "district", parent: "daklak")
        let record = try CanonicalJSON.encode(Self.record(base: nil, ours: nil, theirs: nil))
        let findings = TreeValidator.validate(files: [
            ("unit.json", try CanonicalJSON.encode(unit)),
            ("children/BMT/unit.json", try CanonicalJSON.encode(child)),
            (Self.path, record),
            ("children/BMT/conflicts/c-1f3a9b20.json", record),
        ])
        #expect(findings.map(\.file) == ["children/BMT/conflicts/c-1f3a9b20.json"])
        #expect(findings.first?.severity == .warning)
        #expect(findings.first?.message.description.contains("never under children/") == true)
    }

    @Test func foundationCodersCarryEmbeddedValues() throws {
        let record = Self.record(
            base: nil, ours: Self.parse(#"{"value": 71.3, "tags": ["a", true, null]}"#), theirs: .string("x", at: .unknown))
        let data = try JSONEncoder().encode(record)
        let back = try JSONDecoder().decode(ConflictRecord.self, from: data)
        #expect(back.ours?.sameValue(record.ours!) == true)
        #expect(back.theirs == record.theirs && back.base == nil)
    }
}
