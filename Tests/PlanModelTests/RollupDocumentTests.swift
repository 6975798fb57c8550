import Testing
import PlanModel

@Suite struct RollupDocumentTests {
    static let rollup = Rollup(
        unit: "daklak", period: Period("2024-Q3")!,
        figures: [
            "DVC-ONLINE": RollupFigure(
                numerator: 42940, denominator: 60818, value: Exact("70.6"), units: 3,
                contributors: ["BMT", "daklak", "ea-tam"]),
            "7.3.6": RollupFigure(value: Exact("1.0696"), units: 1, contributors: ["daklak"]),
            "SIPAS": RollupFigure(numerator: Exact("411.99"), denominator: 5, value: Exact("82.398"), units: 5,
                                  contributors: ["a", "b", "c", "d", "e"]),
        ])

    static let path = "rollup/2024/2024-Q3.json"

    @Test func roundTrips() throws {
        let bytes = try CanonicalJSON.encode(Self.rollup)
        let decoded = try CanonicalJSON.decode(Rollup.self, from: bytes, file: Self.path)
        #expect(decoded == Self.rollup)
        #expect(try CanonicalJSON.encode(decoded) == bytes)
        for path in [Self.path, "children/BMT/children/ea-tam/rollup/2024/2024-Q3.json"] {
            let (document, findings) = DocumentValidator.validate(bytes: bytes, path: path)
            #expect(findings == [])
            #expect(document == .rollup(Self.rollup))
            #expect(document?.kind == .rollup)
        }
        #expect(try Document.rollup(Self.rollup).encoded() == bytes)
    }

    @Test func canonicalText() throws {
        let small = Rollup(
            unit: "huyen", period: .year(2024),
            figures: ["HO-SO": RollupFigure(value: Exact("0.3"), units: 2, contributors: ["huyen", "xa"])])
        let text = String(decoding: try CanonicalJSON.encode(small), as: UTF8.self)
        #expect(text == """
            {
              "figures": {
                "HO-SO": {
                  "contributors": [
                    "huyen",
                    "xa"
                  ],
                  "units": 2,
                  "value": 0.3
                }
              },
              "period": "2024",
              "schema": 1,
              "unit": "huyen"
            }

            """)
    }

    @Test func paths() {
        let path = DocumentPath("children/BMT/rollup/2024/2024-Q3.json")
        #expect(path?.kind == .rollup)
        #expect(path?.unitPath == ["BMT"])
        #expect(path?.year == 2024)
        #expect(path?.name == "2024-Q3")
        #expect(DocumentKind.classify(path: "rollup/2024/2024.json") == .rollup)
        #expect(DocumentKind.classify(path: "rollup/2024.json") == nil)
        #expect(DocumentKind.classify(path: "rollup/24/2024.json") == nil)
        #expect(DocumentKind.classify(path: "rollup/2024/q3/2024-Q3.json") == nil)
    }

    func findings(_ rollup: Rollup, path: String = RollupDocumentTests.path) throws -> [Finding] {
        DocumentValidator.validate(bytes: try CanonicalJSON.encode(rollup), path: path).1
    }

    @Test func fileNameAndYearMustMatchThePeriod() throws {
        let wrongName = try findings(Self.rollup, path: "rollup/2024/2024-Q4.json")
        #expect(wrongName.map(\.kind) == ["file-name"])
        #expect(wrongName.first?.message.description.contains("'2024-Q3.json'") == true)
        let wrongYear = try findings(Self.rollup, path: "rollup/2023/2024-Q3.json")
        #expect(wrongYear.map(\.message.description) == ["period year 2024 does not match its folder for year 2023"])
    }

    @Test func figureRules() throws {
        var bad = Self.rollup
        bad.unit = "bad id"
        bad.figures["x/y"] = RollupFigure(value: 1, units: 1, contributors: ["a"])
        bad.figures["HALF"] = RollupFigure(numerator: 1, value: 1, units: 1, contributors: ["a"])
        bad.figures["NEG"] = RollupFigure(numerator: 1, denominator: -2, units: 1, contributors: ["a"])
        bad.figures["FEW"] = RollupFigure(value: 1, units: 1, contributors: ["a", "b"])
        bad.figures["DUP"] = RollupFigure(value: 1, units: 2, contributors: ["a", "a"])
        let found = try findings(bad)
        #expect(found.count == 6)
        #expect(Set(found.map(\.path)) == [
            "$.unit", #"$.figures["x/y"]"#, "$.figures.HALF", "$.figures.NEG.denominator", "$.figures.FEW.units",
            "$.figures.DUP.contributors[1]",
        ])
        #expect(found.allSatisfy { $0.severity == .error })
    }

    @Test func treeChecksUnitAndIndicators() throws {
        let unit = Unit(id: "daklak", name: "Đắk Lắk", level: "province")
        let indicator = Indicator(code: "DVC-ONLINE", name: "DVC", measure: .percent, aggregation: .ratio)
        var rollup = Self.rollup
        rollup.figures["7.3.6"] = nil
        rollup.figures["SIPAS"] = nil
        var files: [(path: String, bytes: [UInt8])] = [
            ("unit.json", try CanonicalJSON.encode(unit)),
            ("plans/2024/indicators/DVC-ONLINE.json", try CanonicalJSON.encode(indicator)),
            (Self.path, try CanonicalJSON.encode(rollup)),
        ]
        #expect(TreeValidator.validate(files: files) == [])
        files[2].bytes = try CanonicalJSON.encode(Self.rollup)
        #expect(TreeValidator.validate(files: files).map(\.kind) == ["unknown-indicator", "unknown-indicator"])
        rollup.unit = "gialai"
        files[2].bytes = try CanonicalJSON.encode(rollup)
        let wrong = TreeValidator.validate(files: files)
        #expect(wrong.map(\.message.description) == ["rollup is for unit 'gialai' but sits in the folder of unit 'daklak'"])
        files.append(("rollup/2024/notes.json", Array("{}\n".utf8)))
        #expect(TreeValidator.validate(files: files).contains { $0.kind == "type" || $0.kind == "missing-field" || $0.kind == "schema" })
    }
}

@Suite struct ExactQuotientTests {
    @Test(arguments: [
        ("62910", "58818", 4, "1.0696"),  // 41,940 × 1.5 / 58,818 (003 Phụ lục 7.3.6)
        ("152752.5", "102337", 4, "1.4926"),  // 101,835 × 1.5 / 102,337 (rule 37)
        ("1", "8", 2, "0.13"), ("1", "8", 3, "0.125"), ("-1", "8", 2, "-0.13"), ("1", "-8", 2, "-0.13"),
        ("-1", "-8", 2, "0.13"), ("2", "3", 0, "1"), ("1", "3", 20, "0.33333333333333333333"),
        ("4294000", "60818", 2, "70.6"), ("0", "7", 2, "0"), ("150", "1", -2, "200"), ("149", "1", -2, "100"),
    ])
    func roundsHalfAwayFromZeroOnTheExactQuotient(dividend: String, divisor: String, scale: Int, expected: String) {
        #expect(Exact.quotient(Exact(dividend)!, Exact(divisor)!, scale: scale)?.description == expected)
    }

    @Test func noDoubleRounding() {
        // 0.000049999999999999999999 / 1 sits just below the half at 4 places even though `/`
        // (20 places) would round it to 0.00005.
        let tricky = Exact("0.000049999999999999999999")!
        #expect((tricky / 1).description == "0.00005")
        #expect(Exact.quotient(tricky, 1, scale: 4) == 0)
        #expect(Exact.quotient(1, 0, scale: 2) == nil)
    }
}
