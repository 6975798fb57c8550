import Cascade
import PlanModel
import Testing

@Suite("Rule parsing")
struct RuleSetTests {
    struct RoundTrip: Sendable, CustomTestStringConvertible {
        let text: String
        let canonical: String
        let valueRule: CascadeRule?
        let exemptions: Set<String>
        var testDescription: String { "'\(text)'" }
    }

    static let roundTrips: [RoundTrip] = [
        .init(text: "floor", canonical: "floor", valueRule: .floor, exemptions: []),
        .init(text: "uplift:5", canonical: "uplift:5", valueRule: .uplift(5), exemptions: []),
        .init(text: "fixed:100", canonical: "fixed:100", valueRule: .fixed(100), exemptions: []),
        .init(text: "improve:0.1", canonical: "improve:0.1", valueRule: .improve(x("0.1")), exemptions: []),
        .init(text: "improve:10", canonical: "improve:10", valueRule: .improve(10), exemptions: []),
        .init(text: "maintain", canonical: "maintain", valueRule: .maintain, exemptions: []),
        .init(text: "rank:-5", canonical: "rank:-5", valueRule: .rank(5), exemptions: []),
        .init(text: "exempt:BDT|TTR", canonical: "exempt:BDT|TTR", valueRule: nil, exemptions: ["BDT", "TTR"]),
        .init(
            text: "uplift:5;exempt:BDT|TTR", canonical: "uplift:5;exempt:BDT|TTR", valueRule: .uplift(5),
            exemptions: ["BDT", "TTR"]),
        .init(
            text: " exempt:TTR | BDT ; UPLIFT: 5.00 ", canonical: "uplift:5;exempt:BDT|TTR",
            valueRule: .uplift(5), exemptions: ["BDT", "TTR"]),
        .init(text: "Maintain;exempt:X1", canonical: "maintain;exempt:X1", valueRule: .maintain, exemptions: ["X1"]),
    ]

    @Test("parses and prints canonically", arguments: roundTrips)
    func roundTrip(_ c: RoundTrip) throws {
        let rules = try RuleSet.parse(c.text).get()
        #expect(rules.valueRule == c.valueRule)
        #expect(rules.exemptions == c.exemptions)
        #expect(rules.description == c.canonical)
        #expect(try RuleSet.parse(rules.description).get() == rules)
    }

    struct Bad: Sendable, CustomTestStringConvertible {
        let text: String
        let error: RuleError
        let message: String
        var testDescription: String { "'\(text)'" }
    }

    static let forms = "floor, uplift:N, fixed:V, improve:N, maintain, rank:-N, exempt:A|B or for:A|B"
    static let bad: [Bad] = [
        .init(text: "uplft:5", error: .unknownRule("uplft:5"), message: "unknown rule 'uplft:5'; expected \(forms)"),
        .init(text: "", error: .empty, message: "empty rule; expected \(forms)"),
        .init(text: "  ", error: .empty, message: "empty rule; expected \(forms)"),
        .init(
            text: "uplift:x", error: .invalidArgument(part: "uplift:x", reason: "'x' is not a number; expected uplift:N"),
            message: "invalid rule 'uplift:x': 'x' is not a number; expected uplift:N"),
        .init(
            text: "uplift", error: .invalidArgument(part: "uplift", reason: "missing number; expected uplift:N"),
            message: "invalid rule 'uplift': missing number; expected uplift:N"),
        .init(
            text: "improve:0,1",
            error: .invalidArgument(
                part: "improve:0,1", reason: "'0,1' is not a number; write decimals with a point, as improve:0.1"),
            message: "invalid rule 'improve:0,1': '0,1' is not a number; write decimals with a point, as improve:0.1"),
        .init(
            text: "uplift:-5",
            error: .invalidArgument(part: "uplift:-5", reason: "the number must not be negative; expected uplift:N"),
            message: "invalid rule 'uplift:-5': the number must not be negative; expected uplift:N"),
        .init(
            text: "fixed:", error: .invalidArgument(part: "fixed:", reason: "missing number; expected fixed:V"),
            message: "invalid rule 'fixed:': missing number; expected fixed:V"),
        .init(
            text: "rank:5",
            error: .invalidArgument(
                part: "rank:5", reason: "write the places to climb with a minus sign, as rank:-5 (lower rank is better)"),
            message: "invalid rule 'rank:5': write the places to climb with a minus sign, as rank:-5 (lower rank is better)"),
        .init(
            text: "rank:-2.5",
            error: .invalidArgument(part: "rank:-2.5", reason: "'-2.5' is not a whole number of places; expected rank:-N"),
            message: "invalid rule 'rank:-2.5': '-2.5' is not a whole number of places; expected rank:-N"),
        .init(
            text: "floor:3", error: .invalidArgument(part: "floor:3", reason: "'floor' takes no argument; write floor"),
            message: "invalid rule 'floor:3': 'floor' takes no argument; write floor"),
        .init(
            text: "uplift:5;fixed:100", error: .conflictingRules("uplift:5", "fixed:100"),
            message: "rule 'fixed:100' conflicts with 'uplift:5': a cell holds at most one of floor, uplift:N, "
                + "fixed:V, improve:N, maintain or rank:-N, plus exempt:A|B"),
        .init(
            text: "exempt:A;exempt:B", error: .duplicateExemption("exempt:B"),
            message: "second exemption 'exempt:B': list all exempt units in one part, as exempt:A|B"),
        .init(
            text: "uplift:5;;exempt:A", error: .emptyPart("uplift:5;;exempt:A"),
            message: "empty part in rule 'uplift:5;;exempt:A'; separate rules with a single ';'"),
        .init(
            text: "exempt:A||B", error: .invalidArgument(part: "exempt:A||B", reason: "empty unit id; expected exempt:A|B"),
            message: "invalid rule 'exempt:A||B': empty unit id; expected exempt:A|B"),
        .init(
            text: "exempt:A/B", error: .invalidArgument(part: "exempt:A/B", reason: "unit id 'A/B' contains '/'"),
            message: "invalid rule 'exempt:A/B': unit id 'A/B' contains '/'"),
        .init(
            text: "uplift:5;bogus", error: .unknownRule("bogus"),
            message: "unknown rule 'bogus'; expected \(forms)"),
    ]

    @Test("rejects with a precise message", arguments: bad)
    func rejects(_ c: Bad) {
        switch RuleSet.parse(c.text) {
        case .success(let rules):
            Issue.record("parsed '\(c.text)' as '\(rules)'")
        case .failure(let error):
            #expect(error.description == c.error.description)  // the reason is a catalogue message; its English is what was written
            #expect(error.description == c.message)
        }
    }

    @Test("exempt passed as a value rule lands in the exemptions")
    func exemptInInit() {
        let rules = RuleSet(valueRule: .exempt(["B", "A"]))
        #expect(rules.valueRule == nil)
        #expect(rules.exemptions == ["A", "B"])
        #expect(rules.effectiveRule == .floor)
        #expect(rules.description == "exempt:A|B")
        #expect(rules.travelling.description == "")
    }
}
