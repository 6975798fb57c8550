import Foundation
import PlanModel
import Testing

/// Numbers and periods as Vietnamese offices and English write them (issue 14.3).
@Suite struct NumberInputTests {
    /// (typed, kind, English result, Vietnamese result): a number, or the code of the refusal.
    static let cases: [(String, NumberInput.Kind, String, String)] = [
        ("41940", .count, "41940", "41940"),
        ("1.120", .count, "input.number.ambiguous-count", "1120"),  // never silently 1.12
        ("1.120", .value, "1.12", "1120"),
        ("1,120", .count, "1120", "input.number.ambiguous-count"),
        ("41,5", .value, "41.5", "41.5"),                            // only a decimal comma reads it
        ("41,5", .count, "input.number.not-whole", "input.number.not-whole"),
        ("62.4", .value, "62.4", "62.4"),                            // only a decimal point reads it
        ("86,2482", .value, "86.2482", "86.2482"),
        ("41.940,5", .value, "41940.5", "41940.5"),
        ("41,940.5", .value, "41940.5", "41940.5"),
        ("1.120.500", .count, "1120500", "1120500"),
        ("1,120,500", .count, "1120500", "1120500"),
        ("41 940", .count, "41940", "41940"),
        ("0,5", .value, "0.5", "0.5"),
        ("0.500", .value, "0.5", "0.5"),
        ("62,4%", .value, "62.4", "62.4"),
        ("0", .count, "0", "0"),
        ("-5", .count, "-5", "-5"),                                  // read; FigureRules refuses it
        ("1e-100", .value, "input.number.not-a-number", "input.number.not-a-number"),
        ("99999999999999999999999999999999999999e127", .count, "input.number.not-a-number", "input.number.not-a-number"),
        ("1234567890123456", .count, "input.number.too-long", "input.number.too-long"),
        ("1.1234567", .value, "input.number.too-long", "input.number.too-long"),
        ("12,34,5", .value, "input.number.not-a-number", "input.number.not-a-number"),
        ("", .value, "input.number.empty", "input.number.empty"),
        ("abc", .value, "input.number.not-a-number", "input.number.not-a-number"),
    ]

    @Test(arguments: cases)
    func readsAsEachLanguageWrites(input: String, kind: NumberInput.Kind, english: String, vietnamese: String) {
        for (language, expected) in [(Language.english, english), (.vietnamese, vietnamese)] {
            switch NumberInput.parse(input, as: kind, language: language) {
            case .success(let value):
                #expect(value.description == expected, "\(input) in \(language)")
            case .failure(let problem):
                #expect(problem.message.code == expected, "\(input) in \(language): \(problem)")
            }
        }
    }

    @Test func anAmbiguousCountShowsBothReadings() throws {
        guard case .failure(let problem) = NumberInput.parse("1.120", as: .count, language: .english) else {
            Issue.record("1.120 must be refused as a count in English")
            return
        }
        let english = problem.message.rendered(in: .english)
        #expect(english.contains("1.12") && english.contains("1120"), "\(english)")
        let vietnamese = problem.message.rendered(in: .vietnamese)
        #expect(vietnamese.contains("1,12") && vietnamese.contains("1.120"), "\(vietnamese)")
        #expect(!english.contains("‹") && !vietnamese.contains("‹"))
    }
}

@Suite struct PeriodInputTests {
    static let cases: [(String, String, String)] = [
        ("2024-11", "2024-11", "2024-11"),
        ("11/2024", "2024-11", "2024-11"),
        ("T11/2024", "2024-11", "2024-11"),
        ("Tháng 11/2024", "2024-11", "2024-11"),
        ("tháng 11 năm 2024", "2024-11", "2024-11"),
        ("Tha\u{0301}ng 11/2024", "2024-11", "2024-11"),  // NFD as some keyboards type it
        ("Q3/2024", "2024-Q3", "2024-Q3"),
        ("Quý III/2024", "2024-Q3", "2024-Q3"),
        ("quý 3 năm 2024", "2024-Q3", "2024-Q3"),
        ("Quý IV 2024", "2024-Q4", "2024-Q4"),
        ("Năm 2024", "2024", "2024"),
        ("2024", "2024", "2024"),
        ("6 tháng đầu năm 2024", "2024-H1", "2024-H1"),
        ("H2/2024", "2024-H2", "2024-H2"),
        ("2024-11-18", "2024-11-18", "2024-11-18"),
        ("18/11/2024", "2024-11-18", "2024-11-18"),
        ("ngày 18/11/2024", "2024-11-18", "2024-11-18"),
        ("01/02/2024", "input.period.ambiguous-day", "2024-02-01"),
        ("2024-11-18..2024-11-27", "2024-11-18..2024-11-27", "2024-11-18..2024-11-27"),
        ("18/11/2024-27/11/2024", "2024-11-18..2024-11-27", "2024-11-18..2024-11-27"),
        ("18/11–27/11/2024", "2024-11-18..2024-11-27", "2024-11-18..2024-11-27"),
        ("18-27/11/2024", "2024-11-18..2024-11-27", "2024-11-18..2024-11-27"),
        ("từ ngày 28/12/2024 đến ngày 06/01/2025", "input.period.ambiguous-day", "2024-12-28..2025-01-06"),  // 6 January or 1 June
        ("từ ngày 28/12/2024 đến ngày 2025-01-06", "2024-12-28..2025-01-06", "2024-12-28..2025-01-06"),
        ("18/11/2024-30/11/2024", "input.period.window-length", "input.period.window-length"),
        ("13/2024", "input.period.unknown", "input.period.unknown"),
        ("Q5/2024", "input.period.unknown", "input.period.unknown"),
        ("hôm qua", "input.period.unknown", "input.period.unknown"),
    ]

    @Test(arguments: cases)
    func readsEverySpelling(input: String, english: String, vietnamese: String) {
        for (language, expected) in [(Language.english, english), (.vietnamese, vietnamese)] {
            switch PeriodInput.parse(input, language: language) {
            case .success(let parsed): #expect(parsed.description == expected, "\(input) in \(language)")
            case .failure(let problem): #expect(problem.message.code == expected, "\(input) in \(language): \(problem)")
            }
        }
    }

    @Test func anAmbiguousDayShowsBothReadings() {
        guard case .failure(let problem) = PeriodInput.parse("01/02/2024", language: .english) else {
            Issue.record("01/02/2024 must be refused in English")
            return
        }
        #expect(problem.description.contains("2024-02-01") && problem.description.contains("2024-01-02"))
    }

    @Test func theCanonicalParserStaysCanonical() {
        #expect(Period("11/2024") == nil)
        #expect(Period("Tháng 11/2024") == nil)
        #expect(Period("2024-11") == .month(2024, 11))
    }

    @Test func periodsKnowWhetherTheyHaveBegunAndAreRunning() {
        let month = Period.month(2026, 12)
        #expect(!month.hasBegun(by: CivilDate("2026-11-30")!))
        #expect(month.hasBegun(by: CivilDate("2026-12-01")!))
        #expect(month.isRunning(on: CivilDate("2026-12-01")!))
        #expect(!month.isRunning(on: CivilDate("2027-01-01")!))
    }
}

@Suite struct NearestCodesTests {
    @Test func suggestsTheUnitsOwnCodes() {
        let codes = ["DVC-ONLINE", "TT-ONLINE", "E-RESULT", "1.1", "1.2"]
        #expect(NearestCodes.nearest(to: "DVC-ONLNE", among: codes) == ["DVC-ONLINE"])
        #expect(NearestCodes.nearest(to: "dvc-online", among: codes) == ["DVC-ONLINE"])
        #expect(NearestCodes.nearest(to: "DVC-OLNINE", among: codes) == ["DVC-ONLINE"])
        #expect(NearestCodes.nearest(to: "1.3", among: codes) == ["1.1", "1.2"])
        #expect(NearestCodes.nearest(to: "PAPI", among: codes).isEmpty)
    }
}
