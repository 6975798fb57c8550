import Cascade
import PlanModel
import Testing

@Suite("Rollup: totals up the hierarchy")
struct RollupTests {
    static let period = Period("2024-Q3")!
    static let when = Timestamp("2024-10-05T09:30:00+07:00")!

    static func report(_ unit: String, _ figures: [String: Figure]) -> ProgressReport {
        ProgressReport(unit: unit, period: period, figures: figures, reportedBy: "Văn thư", reportedAt: when)
    }

    static func ind(_ code: String, _ measure: Measure, _ aggregation: Aggregation, max: String? = nil) -> Indicator {
        Indicator(code: code, name: code, measure: measure, aggregation: aggregation, maxScore: max.map(x))
    }

    static let indicators: [String: Indicator] = Dictionary(
        uniqueKeysWithValues: [
            ind("DVC-ONLINE", .percent, .ratio),
            ind("HO-SO", .count, .sum),
            ind("SIPAS", .percent, .mean),
            ind("XEP-HANG", .rank, .latest),
            ind("TRE-HAN-MIN", .count, .min),
            ind("TRE-HAN-MAX", .count, .max),
            ind("7.3.6", .score, .ratio, max: "1.5"),
        ].map { ($0.code, $0) })

    /// A leaf unit's rollup: its own report only.
    static func leaf(_ unit: String, _ figures: [String: Figure]) -> Rollup {
        Rollup.compute(unit: unit, period: period, own: report(unit, figures), children: [:], indicators: indicators)
    }

    static func rollup(_ unit: String, own: [String: Figure]?, children: [Rollup]) -> Rollup {
        Rollup.compute(
            unit: unit, period: period, own: own.map { report(unit, $0) },
            children: Dictionary(uniqueKeysWithValues: children.map { ($0.unit, $0) }), indicators: indicators)
    }

    @Test func ratioIsTheRatioOfSumsNeverAMeanOfPercentages() throws {
        let a = Self.leaf("xa-a", ["DVC-ONLINE": Figure(numerator: 41940, denominator: 58818)])
        let b = Self.leaf("xa-b", ["DVC-ONLINE": Figure(numerator: 1000, denominator: 2000)])
        let district = Self.rollup("huyen", own: ["DVC-ONLINE": Figure(numerator: 0, denominator: 0)], children: [a, b])
        let figure = try #require(district.figures["DVC-ONLINE"])
        #expect(figure.numerator == 42940)
        #expect(figure.denominator == 60818)
        // 42940 / 60818 = 70.6041…%, while the mean of 71.30% and 50% would be 60.65%.
        #expect(figure.value == x("70.6"))
        #expect(figure.units == 3)
        #expect(figure.contributors == ["huyen", "xa-a", "xa-b"])
        #expect(a.figures["DVC-ONLINE"] == RollupFigure(
            numerator: 41940, denominator: 58818, value: x("71.3"), units: 1, contributors: ["xa-a"]))
        #expect(district.unit == "huyen" && district.period == Self.period)
    }

    @Test func scoreRatioShowsTheScore() throws {
        // 003 Phụ lục 7.3.6: 41,940 / 58,818 × 1.5 = 1.0696 points.
        let a = Self.leaf("xa-a", ["7.3.6": Figure(numerator: 40000, denominator: 50000)])
        let b = Self.leaf("xa-b", ["7.3.6": Figure(numerator: 1940, denominator: 8818)])
        let province = Self.rollup("tinh", own: nil, children: [a, b])
        #expect(province.figures["7.3.6"] == RollupFigure(
            numerator: 41940, denominator: 58818, value: x("1.0696"), units: 2, contributors: ["xa-a", "xa-b"]))
    }

    @Test func allZeroDenominatorsKeepTheSumsButShowNoValue() {
        let r = Self.leaf("xa-a", ["DVC-ONLINE": Figure(numerator: 0, denominator: 0)])
        #expect(r.figures["DVC-ONLINE"] == RollupFigure(numerator: 0, denominator: 0, value: nil, units: 1, contributors: ["xa-a"]))
    }

    @Test func aRatioGivenAsABareValueIsSkipped() {
        let a = Self.leaf("xa-a", ["DVC-ONLINE": Figure(value: 80)])
        #expect(a.figures["DVC-ONLINE"] == nil)
        let b = Self.leaf("xa-b", ["DVC-ONLINE": Figure(numerator: 1, denominator: 4)])
        let district = Self.rollup("huyen", own: ["DVC-ONLINE": Figure(value: 90)], children: [a, b])
        #expect(district.figures["DVC-ONLINE"] == RollupFigure(
            numerator: 1, denominator: 4, value: 25, units: 1, contributors: ["xa-b"]))
    }

    /// Province over 2 districts over 3 communes: the same totals as one flat pass over
    /// all five reports.
    @Test func nestedEqualsFlat() throws {
        let reports: [String: [String: Figure]] = [
            "xa-1": ["DVC-ONLINE": Figure(numerator: 41940, denominator: 58818), "HO-SO": Figure(value: 58818),
                     "SIPAS": Figure(value: x("81.57")), "TRE-HAN-MIN": Figure(value: 3), "TRE-HAN-MAX": Figure(value: 3)],
            "xa-2": ["DVC-ONLINE": Figure(numerator: 1000, denominator: 2000), "HO-SO": Figure(value: 2000),
                     "SIPAS": Figure(value: x("90.1")), "TRE-HAN-MIN": Figure(value: 0), "TRE-HAN-MAX": Figure(value: 0)],
            "xa-3": ["DVC-ONLINE": Figure(numerator: 17310, denominator: 17747), "HO-SO": Figure(value: 17747),
                     "SIPAS": Figure(value: x("77.2")), "TRE-HAN-MIN": Figure(value: 12), "TRE-HAN-MAX": Figure(value: 12)],
            "huyen-a": ["DVC-ONLINE": Figure(numerator: 101835, denominator: 102337), "HO-SO": Figure(value: 102337),
                        "SIPAS": Figure(value: x("81.54")), "TRE-HAN-MIN": Figure(value: 7), "TRE-HAN-MAX": Figure(value: 7)],
            "huyen-b": ["DVC-ONLINE": Figure(numerator: 195371, denominator: 195579), "HO-SO": Figure(value: 195579),
                        "SIPAS": Figure(value: x("81.58")), "TRE-HAN-MIN": Figure(value: 1), "TRE-HAN-MAX": Figure(value: 1)],
        ]
        let communes = ["xa-1", "xa-2", "xa-3"].map { Self.leaf($0, reports[$0]!) }
        let a = Self.rollup("huyen-a", own: reports["huyen-a"], children: [communes[0], communes[1]])
        let b = Self.rollup("huyen-b", own: reports["huyen-b"], children: [communes[2]])
        let province = Self.rollup("tinh", own: nil, children: [a, b])

        let all = reports.values
        func sum(_ code: String, _ part: (Figure) -> Exact?) -> Exact {
            all.reduce(Exact.zero) { $0 + (part($1[code]!) ?? 0) }
        }
        let ids = reports.keys.sorted()
        let n = sum("DVC-ONLINE", \.numerator), d = sum("DVC-ONLINE", \.denominator)
        #expect(province.figures["DVC-ONLINE"] == RollupFigure(
            numerator: n, denominator: d, value: Exact.quotient(n * 100, d, scale: 2), units: 5, contributors: ids))
        #expect(n == 357456 && d == 376481)
        #expect(province.figures["HO-SO"] == RollupFigure(value: sum("HO-SO", \.value), units: 5, contributors: ids))
        let sipas = sum("SIPAS", \.value)
        #expect(sipas == x("411.99"))
        #expect(province.figures["SIPAS"] == RollupFigure(
            numerator: sipas, denominator: 5, value: x("82.398"), units: 5, contributors: ids))
        #expect(province.figures["TRE-HAN-MIN"] == RollupFigure(value: 0, units: 5, contributors: ids))
        #expect(province.figures["TRE-HAN-MAX"] == RollupFigure(value: 12, units: 5, contributors: ids))
        // A mean of the districts' means would weigh huyen-b's one commune like huyen-a's two.
        let meanOfMeans = (a.figures["SIPAS"]!.value! + b.figures["SIPAS"]!.value!) / 2
        #expect(meanOfMeans != x("82.398"))
        #expect(a.figures["SIPAS"]!.units == 3 && b.figures["SIPAS"]!.units == 2)
    }

    @Test func meanWeighsByUnitsAndStaysExactAcrossLevels() throws {
        // 1/3 cannot be written exactly; the parts can, so the next level is still exact.
        let a = Self.leaf("xa-a", ["SIPAS": Figure(value: 1)])
        let b = Self.leaf("xa-b", ["SIPAS": Figure(value: 0)])
        let c = Self.leaf("xa-c", ["SIPAS": Figure(value: 0)])
        let district = Self.rollup("huyen", own: nil, children: [a, b, c])
        let third = try #require(district.figures["SIPAS"])
        #expect(third.numerator == 1 && third.denominator == 3)
        #expect(third.value == x("0.33333333333333333333"))
        let d = Self.leaf("xa-d", ["SIPAS": Figure(value: 2)])
        let province = Self.rollup("tinh", own: nil, children: [district, d])
        #expect(province.figures["SIPAS"]?.value == x("0.75"))  // (1 + 0 + 0 + 2) / 4
        // A child figure written without its parts stands for `units` equal values.
        var bare = district
        bare.figures["SIPAS"] = RollupFigure(value: 2, units: 3, contributors: ["xa-a", "xa-b", "xa-c"])
        #expect(Self.rollup("tinh", own: nil, children: [bare, d]).figures["SIPAS"]?.value == 2)
    }

    @Test func sumIsExact() throws {
        let a = Self.leaf("xa-a", ["HO-SO": Figure(value: x("0.1"))])
        let district = Self.rollup("huyen", own: ["HO-SO": Figure(value: x("0.2"))], children: [a])
        let figure = try #require(district.figures["HO-SO"])
        #expect(figure.value == x("0.3"))
        let text = String(decoding: try CanonicalJSON.encode(district), as: UTF8.self)
        #expect(text.contains("\"value\": 0.3\n"))
        #expect(figure.numerator == nil && figure.denominator == nil)
    }

    @Test func minAndMax() {
        let children = [("xa-a", "4"), ("xa-b", "-1.5"), ("xa-c", "9.25")].map {
            Self.leaf($0.0, ["TRE-HAN-MIN": Figure(value: x($0.1)), "TRE-HAN-MAX": Figure(value: x($0.1))])
        }
        let district = Self.rollup("huyen", own: ["TRE-HAN-MIN": Figure(value: 2)], children: children)
        #expect(district.figures["TRE-HAN-MIN"] == RollupFigure(
            value: x("-1.5"), units: 4, contributors: ["huyen", "xa-a", "xa-b", "xa-c"]))
        #expect(district.figures["TRE-HAN-MAX"] == RollupFigure(
            value: x("9.25"), units: 3, contributors: ["xa-a", "xa-b", "xa-c"]))
    }

    @Test func latestIsTheUnitsOwnFigureOnly() {
        let a = Self.leaf("xa-a", ["XEP-HANG": Figure(value: 3)])
        #expect(a.figures["XEP-HANG"] == RollupFigure(value: 3, units: 1, contributors: ["xa-a"]))
        let withOwn = Self.rollup("huyen", own: ["XEP-HANG": Figure(value: 4)], children: [a])
        #expect(withOwn.figures["XEP-HANG"] == RollupFigure(value: 4, units: 1, contributors: ["huyen"]))
        let without = Self.rollup("huyen", own: [:], children: [a])
        #expect(without.figures["XEP-HANG"] == nil)
    }

    @Test func onlyIndicatorsTheUnitKnowsAreRolledUp() {
        var child = Self.leaf("xa-a", ["HO-SO": Figure(value: 5)])
        child.figures["LOCAL-ONLY"] = RollupFigure(value: 7, units: 1, contributors: ["xa-a"])
        let district = Self.rollup("huyen", own: ["UNKNOWN": Figure(value: 1)], children: [child])
        #expect(Set(district.figures.keys) == ["HO-SO"])
        #expect(Self.rollup("huyen", own: nil, children: []).figures == [:])
    }

    @Test func ownScoresAreCompletedFromTheTreeBeforeRollingUp() {
        var indicators = Self.indicators
        for (code, max) in [("7", "13.5"), ("7.3", "6"), ("7.3.7", "1.5")] {
            indicators[code] = Self.ind(code, .score, .sum, max: max)
        }
        let figures: [String: Figure] = [
            "7.3.6": Figure(numerator: 41940, denominator: 58818), "7.3.7": Figure(value: x("0.7908")),
        ]
        let r = Rollup.compute(
            unit: "tinh", period: Self.period, own: Self.report("tinh", figures), children: [:], indicators: indicators)
        // 7.3.6 rolls up as a ratio (its own aggregation); the sums come from the tree.
        #expect(r.figures["7.3.6"]?.value == x("1.0696"))
        #expect(r.figures["7.3"] == RollupFigure(value: x("1.8604"), units: 1, contributors: ["tinh"]))
        #expect(r.figures["7"] == RollupFigure(value: x("1.8604"), units: 1, contributors: ["tinh"]))
    }

    @Test func theRollupIsAValidDocument() throws {
        let a = Self.leaf("xa-a", ["DVC-ONLINE": Figure(numerator: 41940, denominator: 58818), "SIPAS": Figure(value: 80)])
        let district = Self.rollup("huyen", own: ["HO-SO": Figure(value: 3)], children: [a])
        let bytes = try CanonicalJSON.encode(district)
        let (document, findings) = DocumentValidator.validate(bytes: bytes, path: "rollup/2024/2024-Q3.json")
        #expect(findings == [])
        #expect(document == .rollup(district))
    }
}
