import Foundation
import PlanModel
import Testing

/// Figures that cannot be wrong silently (issue 14.4) and Exact arithmetic that never traps (issue 15).
@Suite struct FigureRulesTests {
    static let percent = Indicator(code: "DVC-ONLINE", name: "Tỷ lệ hồ sơ trực tuyến", measure: .percent, aggregation: .ratio)
    static let score = Indicator(code: "1.1", name: "Tiêu chí 1.1", measure: .score, aggregation: .sum, maxScore: Exact("1.5"))
    static let count = Indicator(code: "SANG-KIEN", name: "Số sáng kiến", measure: .count, aggregation: .sum)

    static let cases: [(String, Figure, Indicator, [String])] = [
        ("41940/58818 is fine", Figure(numerator: 41940, denominator: 58818), percent, []),
        ("0/0 is no dossiers", Figure(numerator: 0, denominator: 0), percent, []),
        ("5/0 is refused", Figure(numerator: 5, denominator: 0), percent, ["figure.denominator-zero"]),
        ("numerator above denominator", Figure(numerator: 2290, denominator: 1120), percent, ["figure.numerator-above-denominator"]),
        ("negative numerator", Figure(numerator: -1, denominator: 10), percent, ["figure.negative"]),
        ("non-whole numerator", Figure(numerator: Exact("1.12")!, denominator: Exact("2.29")!), percent, ["figure.not-whole", "figure.not-whole"]),
        ("percent above 100", Figure(value: 101), percent, ["figure.percent-range"]),
        ("score at its max", Figure(value: Exact("1.5")), score, []),
        ("score above its max", Figure(value: 2), score, ["figure.above-max-score"]),
        ("negative score", Figure(value: Exact("-0.5")), score, ["figure.negative"]),
        ("whole count", Figure(value: 3), count, []),
        ("count not whole", Figure(value: Exact("2.5")), count, ["figure.not-whole-count"]),
        ("huge numerator", Figure(numerator: Exact("99999999999999999999999999999999999999e127")!, denominator: Exact("99999999999999999999999999999999999999e127")!), percent, ["figure.too-long", "figure.too-long"]),
        ("tiny numerator", Figure(numerator: Exact("1e-100")!, denominator: 1), percent, ["figure.too-long"]),
        ("16 digits", Figure(value: Exact("1234567890123456")), count, ["figure.too-long"]),
        ("15 digits and 6 decimals fit", Figure(value: Exact("123456789012345.123456")), Indicator(code: "X", name: "X", measure: .count, aggregation: .sum), ["figure.not-whole-count"]),
    ]

    @Test(arguments: cases)
    func eachRule(name: String, figure: Figure, indicator: Indicator, expected: [String]) {
        let problems = FigureRules.all(figure, code: indicator.code, indicator: indicator)
        #expect(problems.map(\.message.code).sorted() == expected.sorted(), "\(name)")
        for problem in problems {
            // Each message names the indicator and renders in both languages with every argument.
            for language in [Language.english, .vietnamese] {
                let text = problem.message.rendered(in: language)
                #expect(text.contains(indicator.code) && !text.contains("‹") && !text.contains("«"), "\(name): \(text)")
            }
        }
    }

    @Test func scoreAboveMaximumIsRefusedByValidation() throws {
        let report = ProgressReport(unit: "daklak", period: .month(2024, 11), figures: ["7.3.6": Figure(value: 2)],
                                    reportedBy: "A", reportedAt: Timestamp("2024-12-02T09:00:00+07:00")!)
        var files = try TreeValidatorTests.cleanTree()
        files.append(("progress/2024/2024-11.json", try CanonicalJSON.encode(report)))
        let findings = TreeValidator.validate(files: files)
        #expect(findings.map(\.message.code).contains("figure.above-max-score"), "\(findings)")
    }

    @Test func zeroOverZeroValidatesAndFiveOverZeroDoesNot() throws {
        for (figure, valid) in [(Figure(numerator: 0, denominator: 0), true), (Figure(numerator: 5, denominator: 0), false)] {
            let report = ProgressReport(unit: "daklak", period: .month(2024, 11), figures: ["DVC-ONLINE": figure],
                                        reportedBy: "A", reportedAt: Timestamp("2024-12-02T09:00:00+07:00")!)
            let (document, findings) = DocumentValidator.validate(bytes: try CanonicalJSON.encode(report), path: "progress/2024/2024-11.json")
            #expect((document != nil) == valid, "\(findings)")
        }
    }

    @Test func hugeFiguresAreRefusedAtDecodingAndNeverCrash() throws {
        for text in ["99999999999999999999999999999999999999e127", "1e-100", "-99999999999999999999999999999999999999e127"] {
            let json = """
                {"figures":{"DVC-ONLINE":{"denominator":\(text),"numerator":\(text)}},"period":"2024-11","reportedAt":"2024-12-02T09:00:00+07:00","reportedBy":"A","schema":1,"tasks":{},"unit":"daklak"}

                """
            let (document, findings) = DocumentValidator.validate(bytes: Array(json.utf8), path: "progress/2024/2024-11.json")
            #expect(document == nil)
            #expect(findings.contains { $0.message.description.contains("integer digits") }, "\(findings)")
        }
    }

    @Test func aReportMadeBeforeItsPeriodBeganDoesNotDecode() throws {
        let early = ProgressReport(unit: "daklak", period: .month(2024, 12), figures: ["DVC-ONLINE": Figure(numerator: 1, denominator: 2)],
                                   reportedBy: "A", reportedAt: Timestamp("2024-11-30T23:00:00+07:00")!)
        #expect(FigureRules.check(early).map(\.message.code) == ["figure.period-not-begun"])
        let (document, findings) = DocumentValidator.validate(bytes: try CanonicalJSON.encode(early), path: "progress/2024/2024-12.json")
        #expect(document == nil)
        #expect(findings.contains { $0.message.description.contains("before the period began") }, "\(findings)")
        var onTime = early
        onTime.reportedAt = Timestamp("2024-12-01T00:10:00+07:00")!
        #expect(DocumentValidator.validate(bytes: try CanonicalJSON.encode(onTime), path: "progress/2024/2024-12.json").0 != nil)
    }

    @Test func provisionalWhileThePeriodRuns() {
        var report = ProgressReport(unit: "daklak", period: .month(2026, 12), reportedBy: "A", reportedAt: Timestamp("2026-12-01T09:00:00+07:00")!)
        #expect(report.isProvisional)
        #expect(report.isProvisional(on: CivilDate("2026-12-31")!))
        #expect(!report.isProvisional(on: CivilDate("2027-01-01")!))
        report.reportedAt = Timestamp("2027-01-02T09:00:00+07:00")!
        #expect(!report.isProvisional)
    }
}

@Suite struct ExactSafetyTests {
    static let extremes: [String] = [
        "99999999999999999999999999999999999999e127", "-99999999999999999999999999999999999999e127", "1e-128", "-1e-128",
        "1e-100", "12345678901234567890123456789012345678e-128", "1", "0", "58818", "0.000001", "1e127", "3e-50",
    ]

    @Test func noOperationTrapsOnAnyValueADocumentCanHold() {
        let values = Self.extremes.map { Exact($0)! }
        for a in values {
            for b in values {
                _ = a + b
                _ = a - b
                _ = a * b
                _ = a.multiplied(by: b)
                _ = a.divided(by: b)
                if b != .zero { _ = a / b }
                _ = Exact.quotient(a * 100, b, scale: 20)
                _ = Exact.quotient(a, b, scale: 4)
                _ = (a * b).description
                _ = Figure(numerator: a, denominator: b).ratio
                _ = Figure(numerator: a, denominator: b).effectiveValue
            }
        }
    }

    @Test func overflowSaturatesAndIsReported() {
        let big = Exact("99999999999999999999999999999999999999e127")!
        #expect(big.multiplied(by: big) == nil)
        #expect(big * big == Exact.greatestMagnitude)
        #expect(big * -big == -Exact.greatestMagnitude)
        #expect((big + big + big + big + big) == Exact.greatestMagnitude)
    }

    @Test func underflowIsZeroOrRounded() {
        let tiny = Exact("1e-100")!
        #expect(tiny * tiny == .zero)
        #expect(tiny / 1 == .zero)  // 20 decimals
        #expect(tiny.multiplied(by: 100) == Exact("1e-98"))
        #expect(Exact("6e-65")!.multiplied(by: Exact("1e-64")!) == Exact("1e-128"))
    }

    @Test func ordinaryArithmeticIsUnchanged() {
        #expect(Exact.quotient(Exact(41940) * Exact("1.5")!, 58818, scale: 4) == Exact("1.0696"))
        #expect(Exact.quotient(Exact(42970) * 100, 60858, scale: 2) == Exact("70.61"))
        #expect(Exact(1) / Exact(3) == Exact("0.33333333333333333333"))
        #expect(Exact("0.1")! * Exact("0.2")! == Exact("0.02"))
        #expect(Exact.quotient(Exact("123456789012345")! * 100, Exact("123456789012346")!, scale: 20) != nil)
    }
}
