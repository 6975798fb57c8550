import Testing
import PlanModel

@Suite struct ExactTests {
    @Test func decimalSumsAreExact() {
        #expect(Exact("0.1")! + Exact("0.2")! == Exact("0.3")!)
        #expect(Exact("1.4741")! + Exact("0.0259")! == Exact("1.5")!)
        #expect((Exact("0.1")! + Exact("0.2")!).description == "0.3")
    }

    @Test func ratioTimesWeightRoundsLikeTheSource() {
        // 003: 41,940 / 58,818 × 1.5 = 1.0696 points.
        let points = (Exact(41940) / Exact(58818) * Exact("1.5")!).rounded(scale: 4)
        #expect(points == Exact("1.0696")!)
        #expect(points.description == "1.0696")
    }

    @Test(arguments: [
        ("13.50", "13.5"), ("0.3", "0.3"), ("55", "55"), ("1.0696", "1.0696"), ("-0", "0"),
        ("-0.000", "0"), ("0.0", "0"), ("100.00", "100"), ("1.5e2", "150"), ("15E-1", "1.5"),
        ("-2.50", "-2.5"), ("0.0001", "0.0001"), ("1e-5", "0.00001"), ("120e0", "120"),
        ("00012", "12"), ("12345678901234567890123456789012345678", "12345678901234567890123456789012345678"),
        ("1e100", "1" + String(repeating: "0", count: 100)),
    ])
    func canonicalText(input: String, expected: String) {
        #expect(Exact(input)?.description == expected)
    }

    @Test(arguments: [
        "", "-", ".5", "5.", "1e", "1e+", "+1", "NaN", "nan", "Infinity", "1,5", "1 ", " 1", "0x10",
        "1e400", "1e-400", "123456789012345678901234567890123456789", "1.2.3", "--1",
    ])
    func rejectsUnrepresentableText(input: String) {
        #expect(Exact(input) == nil)
    }

    @Test func thirtyEightDigitsFitThirtyNineDoNot() {
        let d38 = String(repeating: "9", count: 38)
        #expect(Exact(d38)?.description == d38)
        #expect(Exact(d38 + "9") == nil)
        // Trailing zeros are not significant.
        #expect(Exact(d38 + "000")?.description == d38 + "000")
        #expect(Exact("0." + d38)?.description == "0." + d38)
    }

    @Test(arguments: [
        ("1.00005", 4, "1.0001"), ("1.00004", 4, "1"), ("-1.00005", 4, "-1.0001"), ("0.5", 0, "1"),
        ("-0.5", 0, "-1"), ("2.345", 2, "2.35"), ("86.24815", 4, "86.2482"), ("7", 2, "7"),
    ])
    func roundsHalfAwayFromZero(input: String, scale: Int, expected: String) {
        #expect(Exact(input)!.rounded(scale: scale).description == expected)
    }

    @Test func arithmeticAndComparison() {
        let a = Exact("91.65")!, b = Exact("86.2482")!
        #expect((a - b).description == "5.4018")
        #expect((b - a).description == "-5.4018")
        #expect((a * 2).description == "183.3")
        #expect((Exact(1) / Exact(3)).description == "0.33333333333333333333")
        #expect((Exact(2) / Exact(3)).description == "0.66666666666666666667")
        #expect(min(a, b) == b && max(a, b) == a)
        #expect(Exact("-1")! < Exact("0.5")!)
        #expect((-Exact("2.5")!).description == "-2.5")
        #expect(Exact("5")!.isInteger && !Exact("5.5")!.isInteger && Exact("5.0")!.isInteger)
        #expect(Exact("42.0")!.intValue == 42)
    }

    @Test func equalValuesHashEqually() {
        let set: Set<Exact> = [Exact("13.50")!, Exact("13.5")!, Exact("1.35e1")!]
        #expect(set.count == 1)
        #expect(Exact("-0")! == Exact("0")!)
    }
}
