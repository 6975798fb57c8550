import Foundation
import PlanModel
import Testing
import TestSupport

/// A seeded mutation fuzzer over the JSON and CSV readers (a property-based test that CI runs
/// for a bounded number of cases): starting from the hostile corpus and valid documents,
/// random byte edits never crash or hang a reader; every finding names its file and says
/// something; an accepted document survives a canonical round trip unchanged; an accepted
/// CSV row has valid ids and NFC text. PLANCASCADE_FUZZ_ITERATIONS (default 20,000 per reader)
/// and PLANCASCADE_FUZZ_SEED choose the cases.
@Suite struct FuzzTests {
    static let iterations = Int(ProcessInfo.processInfo.environment["PLANCASCADE_FUZZ_ITERATIONS"] ?? "") ?? 20000
    static let seed = UInt64(ProcessInfo.processInfo.environment["PLANCASCADE_FUZZ_SEED"] ?? "") ?? 20241117

    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Corpus")

    static func seeds(_ folder: String, extra: [String]) throws -> [[UInt8]] {
        let directory = corpus.appendingPathComponent(folder)
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        return try files.map { Array(try Data(contentsOf: directory.appendingPathComponent($0))) } + extra.map { Array($0.utf8) }
    }

    /// Bytes that matter to the readers: structure, quotes, escapes, digits, separators,
    /// line ends, and the lead bytes of UTF-8 sequences (valid and not).
    static let interesting: [UInt8] = Array("{}[]\",:;\\/ \t\r\n0123456789.-+eEuntfalsNI#".utf8) + [0x00, 0x7F, 0xC3, 0xA0, 0xE1, 0xBB, 0xAF, 0xED, 0xA0, 0xF0, 0x9F, 0xFF, 0xFE, 0xEF, 0xBB, 0xBF, 0xCC, 0x81]

    static func mutate(_ input: [UInt8], using random: inout SeededGenerator) -> [UInt8] {
        var bytes = input
        for _ in 0..<Int.random(in: 1...4, using: &random) {
            let at = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &random)
            switch Int.random(in: 0..<6, using: &random) {
            case 0 where !bytes.isEmpty: bytes[at] = interesting.randomElement(using: &random)!
            case 1: bytes.insert(interesting.randomElement(using: &random)!, at: at)
            case 2 where !bytes.isEmpty: bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...8, using: &random)))
            case 3 where !bytes.isEmpty:
                let end = min(bytes.count, at + Int.random(in: 1...16, using: &random))
                bytes.insert(contentsOf: bytes[at..<end], at: Int.random(in: 0...bytes.count, using: &random))
            case 4: bytes = Array(bytes.prefix(at))
            default: bytes.insert(contentsOf: Array("\"ờ\\u00e0\"".utf8), at: at)
            }
        }
        return bytes
    }

    static let validTarget = """
        {
          "comparator": ">=",
          "deadline": "2025-01-06",
          "indicator": "DVC-ONLINE",
          "lead": "Sở Thông tin và Truyền thông",
          "provenance": {"base": 50, "derived": 55, "parentCommit": "0123456789abcdef0123456789abcdef01234567", "parentUnit": "daklak", "rule": "uplift:5"},
          "rule": "uplift:5",
          "schema": 1,
          "value": 55
        }

        """
    static let validReport = """
        {"figures": {"DVC-ONLINE": {"denominator": 58818, "numerator": 41940}, "DVC-PAY": {"value": 12.5}}, "period": "2024-Q3",
         "reportedAt": "2024-10-05T09:30:00+07:00", "reportedBy": "Văn thư", "schema": 1, "tasks": {"T1": "done"}, "unit": "ea-nuol"}

        """

    @Test func jsonReadersHoldTheirPropertiesUnderMutation() throws {
        var random = SeededGenerator(seed: Self.seed)
        let seeds = try Self.seeds("json", extra: [Self.validTarget, Self.validReport])
        let paths = ["plans/2024/targets/DVC-ONLINE.json", "progress/2024/2024-Q3.json", "unit.json", "approvals/ea-nuol/2024-Q3.json"]
        var accepted = 0
        for iteration in 0..<Self.iterations {
            let bytes = Self.mutate(seeds.randomElement(using: &random)!, using: &random)
            let path = paths.randomElement(using: &random)!
            let (document, findings) = DocumentValidator.validate(bytes: bytes, path: path)
            for finding in findings {
                #expect(finding.file == path && !finding.message.description.isEmpty, "case \(iteration): \(finding)")
            }
            guard let document else {
                #expect(findings.containsErrors, "case \(iteration): no document and no error")
                continue
            }
            accepted += 1
            #expect(!findings.containsErrors)
            // Canonical round trip: the same document, and canonical bytes are a fixed point.
            let canonical = try document.encoded()
            let (again, againFindings) = DocumentValidator.validate(bytes: canonical, path: path)
            #expect(again == document, "case \(iteration): round trip changed the document")
            #expect(againFindings.isEmpty, "case \(iteration): canonical bytes have findings \(againFindings)")
            #expect(String(decoding: canonical, as: UTF8.self) == String(decoding: canonical, as: UTF8.self).precomposedStringWithCanonicalMapping)
        }
        #expect(accepted > 0, "no mutation was accepted: the seeds or the mutator are broken")
    }

    @Test func csvImportHoldsItsPropertiesUnderMutation() throws {
        var random = SeededGenerator(seed: Self.seed ^ 0xC5)
        let seeds = try Self.seeds("csv", extra: [
            "code,level,name,max_score,target_2024,lead_agency\r\n1,field,\"Công tác chỉ đạo, điều hành\",9.5,9,Sở Nội vụ\r\n1.1,criterion,Kế hoạch CCHC,1.5,1.5,\r\n",
        ])
        var accepted = 0
        for iteration in 0..<Self.iterations {
            let bytes = Self.mutate(seeds.randomElement(using: &random)!, using: &random)
            let (rows, findings) = TargetImport.read(bytes, file: "sheet.csv", defaults: ["measure": "score"])
            for finding in findings {
                #expect(finding.file == "sheet.csv" && !finding.message.description.isEmpty, "case \(iteration): \(finding)")
                if let line = finding.line { #expect(line >= 1) }
            }
            for row in rows {
                accepted += 1
                #expect(Identifier.problem(row.indicator.code) == nil, "case \(iteration): \(row.indicator.code)")
                #expect(row.indicator.name == row.indicator.name.precomposedStringWithCanonicalMapping)
                #expect(Array(row.indicator.name.utf8) == Array(row.indicator.name.precomposedStringWithCanonicalMapping.utf8), "case \(iteration)")
            }
        }
        #expect(accepted > 0)
    }
}
