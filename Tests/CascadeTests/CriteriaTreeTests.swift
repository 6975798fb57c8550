import Cascade
import Foundation
import PlanModel
import Testing

@Suite("CriteriaTree: the PAR Index score tree")
struct CriteriaTreeTests {
    static func score(_ code: String, max: String?) -> Indicator {
        Indicator(code: code, name: code, measure: .score, aggregation: .sum, maxScore: max.map(x))
    }

    static func indicators(_ list: [(String, String?)]) -> [String: Indicator] {
        Dictionary(uniqueKeysWithValues: list.map { ($0.0, score($0.0, max: $0.1)) })
    }

    // 003 Phụ lục 7.3.6 and 3.4.1–3.4.3 (rules 36, 37).
    @Test(arguments: [
        ("41940", "58818", "1.5", "1.0696"),
        ("101835", "102337", "1.5", "1.4926"),  // the document prints 1.4925 (rule 37)
        ("17310", "17747", "1.5", "1.4631"),
        ("195371", "195579", "1", "0.9989"),
        ("1", "3", "1", "0.3333"),
        ("2", "3", "1", "0.6667"),
        ("1", "8", "0.001", "0.0001"),  // 0.000125 rounds half-up
        ("0", "58818", "1.5", "0"),
    ])
    func ratioTimesMaxScore(numerator: String, denominator: String, max: String, expected: String) {
        let figure = Figure(numerator: x(numerator), denominator: x(denominator))
        let score = CriteriaTree.score(of: figure, maxScore: x(max))
        #expect(score == x(expected))
        #expect(score?.description == expected)
    }

    @Test func ratioWithoutMaxScoreOrWithZeroDenominatorHasNoScore() {
        #expect(CriteriaTree.score(of: Figure(numerator: 1, denominator: 2), maxScore: nil) == nil)
        #expect(CriteriaTree.score(of: Figure(numerator: 1, denominator: 0), maxScore: 1) == nil)
        #expect(CriteriaTree.score(of: Figure(), maxScore: 1) == nil)
        #expect(CriteriaTree.score(of: Figure(value: x("0.5")), maxScore: nil) == x("0.5"))
    }

    @Test func parentsSumTheirChildrenUnlessGivenAFigure() {
        let indicators = Self.indicators([
            ("7", "13.5"), ("7.3", "6"), ("7.3.6", "1.5"), ("7.3.7", "1.5"), ("7.1.2", "1"), ("8", "16.5"),
            ("8.4", "1.5"), ("DVC-ONLINE", nil),
        ])
        let scores = CriteriaTree.scores(
            figures: [
                "7.3.6": Figure(numerator: 41940, denominator: 58818),
                "7.3.7": Figure(value: x("0.7908")),
                "7.1.2": Figure(value: x("0.5")),  // 7.1 is not declared: counts towards 7
                "8": Figure(value: x("12.8273")),  // given: wins over its children
                "8.4": Figure(value: x("0.5")),
                "9.1": Figure(value: 1),  // not declared: ignored
            ],
            indicators: indicators)
        #expect(scores == [
            "7.3.6": x("1.0696"), "7.3.7": x("0.7908"), "7.3": x("1.8604"), "7.1.2": x("0.5"),
            "7": x("2.3604"), "8": x("12.8273"), "8.4": x("0.5"),
        ])
    }

    @Test func onlyScoreIndicatorsTakePart() {
        var indicators = Self.indicators([("1", "9.5"), ("1.1", "1.5")])
        indicators["1.2"] = Indicator(code: "1.2", name: "1.2", measure: .percent, aggregation: .ratio)
        let scores = CriteriaTree.scores(
            figures: ["1.1": Figure(value: x("1.4741")), "1.2": Figure(value: 80)], indicators: indicators)
        #expect(scores == ["1.1": x("1.4741"), "1": x("1.4741")])
        #expect(CriteriaTree.scores(figures: [:], indicators: indicators) == [:])
    }

    @Test func parentLookup() {
        let codes: Set<String> = ["7", "7.3", "7.3.6", "DVC-ONLINE"]
        #expect(CriteriaTree.parent(of: "7.3.6", among: codes) == "7.3")
        #expect(CriteriaTree.parent(of: "7.3", among: codes) == "7")
        #expect(CriteriaTree.parent(of: "7.1.2", among: codes) == "7")
        #expect(CriteriaTree.parent(of: "7", among: codes) == nil)
        #expect(CriteriaTree.parent(of: "DVC-ONLINE", among: codes) == nil)
    }

    // MARK: - The seed tables

    static let seedFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/seed-data")

    static func table(_ name: String) -> CSVTable? {
        guard let data = try? Data(contentsOf: seedFolder.appendingPathComponent(name)) else { return nil }
        return try? CSVTable.parse(Array(data))
    }

    /// The rows of a seed table as dictionaries keyed by column name.
    static func rows(_ table: CSVTable) -> [[String: String]] {
        table.records.map { Dictionary(uniqueKeysWithValues: zip(table.header, $0.cells)) }
    }

    /// 003 Phụ lục (Quảng Trị, PAR Index 2023): only criteria that lost points are listed,
    /// plus the 8 fields and criterion 8.1. The listed leaves are fed as assessed scores;
    /// every listed row with listed descendants (the 8 fields and 8.1) is derived. A
    /// criterion that is not listed kept its maximum, so each derived row also gets one
    /// leaf `<code>.unlisted` worth its maximum minus its listed children's maxima.
    @Test(.enabled(if: table("quangtri-2023-par-deductions.csv") != nil,
                   "../shared/seed-data/quangtri-2023-par-deductions.csv not found next to the package; skipped"))
    func quangTri2023AssessedScoresSumTo86_2482() throws {
        let table = try #require(Self.table("quangtri-2023-par-deductions.csv"))
        #expect(table.problems == [])
        let rows = Self.rows(table)
        #expect(rows.count == 54)
        var indicators: [String: Indicator] = [:]
        var assessed: [String: Exact] = [:]
        for row in rows {
            let code = try #require(row["code"])
            indicators[code] = Self.score(code, max: row["max_score"])
            assessed[code] = x(try #require(row["assessed_score"]))
        }
        let codes = Set(indicators.keys)
        var children: [String: [String]] = [:]
        for code in codes {
            if let parent = CriteriaTree.parent(of: code, among: codes) { children[parent, default: []].append(code) }
        }
        var figures: [String: Figure] = [:]
        for code in codes where children[code] == nil {
            figures[code] = Figure(value: assessed[code]!)  // a leaf, or a field listed without criteria
        }
        for (code, kids) in children {
            let rest = indicators[code]!.maxScore! - kids.reduce(Exact.zero) { $0 + indicators[$1]!.maxScore! }
            if rest != 0 {
                indicators[code + ".unlisted"] = Self.score(code + ".unlisted", max: rest.description)
                figures[code + ".unlisted"] = Figure(value: rest)
            }
        }
        #expect(Set(children.keys) == ["1", "2", "3", "4", "5", "6", "7", "8", "8.1"])

        let scores = CriteriaTree.scores(figures: figures, indicators: indicators)
        for (code, _) in children {
            #expect(figures[code] == nil)
            #expect(scores[code] == assessed[code], "derived \(code)")
        }
        let fields = (1...8).map(String.init)
        let total = fields.reduce(Exact.zero) { $0 + scores[$1]! }
        #expect(total == x("86.2482"))
        #expect(total.description == "86.2482")
        let maximum = fields.reduce(Exact.zero) { $0 + indicators[$1]!.maxScore! }
        #expect(maximum == 100)
        #expect(total - maximum == x("-13.7518"))

        // 7.3.6 given as its counts gives the same score; 3.4.1 as counts gives the exact
        // 1.4926 rather than the printed 1.4925 (rule 37), so the total moves by 0.0001.
        figures["7.3.6"] = Figure(numerator: 41940, denominator: 58818)
        #expect(CriteriaTree.scores(figures: figures, indicators: indicators)["7"] == x("10.3956"))
        figures["3.4.1"] = Figure(numerator: 101835, denominator: 102337)
        let recounted = CriteriaTree.scores(figures: figures, indicators: indicators)
        #expect(recounted["3"] == x("12.4546"))
        #expect(fields.reduce(Exact.zero) { $0 + recounted[$1]! } == x("86.2483"))
    }

    /// 000 Phụ lục I (Đắk Lắk 2024 targets): the full tree; leaf targets sum to every
    /// criterion and field target and to the total 91.65 (rule 40).
    @Test(.enabled(if: table("daklak-2024-par-sipas-targets.csv") != nil,
                   "../shared/seed-data/daklak-2024-par-sipas-targets.csv not found next to the package; skipped"))
    func dakLak2024TargetsSumTo91_65() throws {
        let table = try #require(Self.table("daklak-2024-par-sipas-targets.csv"))
        let rows = Self.rows(table)
        var indicators: [String: Indicator] = [:]
        var targets: [String: Exact] = [:]
        for row in rows {
            let code = try #require(row["code"])
            indicators[code] = Self.score(code, max: row["max_score"])
            targets[code] = x(try #require(row["target_2024"]))
        }
        let codes = Set(indicators.keys)
        let parents = Set(codes.compactMap { CriteriaTree.parent(of: $0, among: codes) })
        let figures = Dictionary(uniqueKeysWithValues: codes.subtracting(parents).map { ($0, Figure(value: targets[$0]!)) })
        let scores = CriteriaTree.scores(figures: figures, indicators: indicators)
        for parent in parents { #expect(scores[parent] == targets[parent], "derived \(parent)") }
        #expect((1...8).map(String.init).reduce(Exact.zero) { $0 + scores[$1]! } == x("91.65"))
    }
}
