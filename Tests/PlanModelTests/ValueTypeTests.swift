import Testing
import PlanModel

@Suite struct CivilDateTests {
    @Test(arguments: ["2024-02-29", "2024-06-20", "2000-02-29", "1999-12-31", "9999-12-31"])
    func acceptsRealDates(text: String) {
        #expect(CivilDate(text)?.description == text)
    }

    @Test(arguments: [
        "2024-02-30", "2023-02-29", "1900-02-29", "2024-13-01", "2024-00-10", "2024-04-31",
        "2024-6-20", "20/6/2024", "2024-06-20T00:00", "", "0000-01-01", "2024-06-2x",
    ])
    func rejectsImpossibleDates(text: String) {
        #expect(CivilDate(text) == nil)
    }

    @Test func ordersChronologically() {
        #expect(CivilDate("2024-06-17")! < CivilDate("2024-06-20")!)
        #expect(CivilDate("2023-12-31")! < CivilDate("2024-01-01")!)
        #expect(CivilDate("1970-01-02")!.daysSinceEpoch == 1)
    }
}

@Suite struct TimestampTests {
    @Test(arguments: [
        "2024-11-18T09:30:00+07:00", "2024-11-18T02:30:00Z", "2024-11-18T02:30:00.250Z",
        "2024-11-18T23:59:59-05:30",
    ])
    func acceptsISO8601(text: String) {
        #expect(Timestamp(text)?.description == text)
    }

    @Test(arguments: [
        "2024-11-18", "2024-11-18T09:30:00", "2024-11-18 09:30:00Z", "2024-11-18T24:00:00Z",
        "2024-02-30T09:30:00Z", "2024-11-18T09:30:00+0700", "2024-11-18T09:30:00.Z", "x",
        "2024-11-18T09:30:00Zjunk",
    ])
    func rejectsOthers(text: String) {
        #expect(Timestamp(text) == nil)
    }

    @Test func comparesByInstant() {
        let hanoi = Timestamp("2024-11-18T09:30:00+07:00")!
        let utcEarlier = Timestamp("2024-11-18T02:00:00Z")!
        let utcLater = Timestamp("2024-11-18T03:00:00Z")!
        #expect(utcEarlier < hanoi && hanoi < utcLater)
        #expect(hanoi.secondsSinceEpoch == Timestamp("2024-11-18T02:30:00Z")!.secondsSinceEpoch)
    }
}

@Suite struct PeriodTests {
    @Test(arguments: [
        ("2024", "2024-01-01", "2024-12-31"), ("2024-H1", "2024-01-01", "2024-06-30"),
        ("2024-H2", "2024-07-01", "2024-12-31"), ("2024-Q1", "2024-01-01", "2024-03-31"),
        ("2024-Q3", "2024-07-01", "2024-09-30"), ("2024-02", "2024-02-01", "2024-02-29"),
        ("2024-10", "2024-10-01", "2024-10-31"), ("2024-11-18", "2024-11-18", "2024-11-18"),
    ])
    func parsesAndSpans(text: String, start: String, end: String) throws {
        let period = try #require(Period(text))
        #expect(period.description == text)
        #expect(period.year == 2024)
        #expect(period.start.description == start)
        #expect(period.end.description == end)
    }

    @Test(arguments: ["2024-Q5", "2024-Q0", "2024-H3", "2024-13", "2024-1", "24", "2024-q1", "2024-02-30", "", "2024-"])
    func rejectsMalformed(text: String) {
        #expect(Period(text) == nil)
    }

    @Test func ordersByEndThenLength() {
        let sorted = ["2024", "2024-H2", "2024-Q4", "2024-12", "2024-12-31", "2024-Q1", "2024-01"]
            .compactMap(Period.init).sorted().map(\.description)
        #expect(sorted == ["2024-01", "2024-Q1", "2024-12-31", "2024-12", "2024-Q4", "2024-H2", "2024"])
    }
}

@Suite struct IdentifierTests {
    @Test(arguments: ["7.3.6", "DVC-ONLINE", "daklak", "BMT", "so-noi-vu", "a_b", "1.3.1", String(repeating: "x", count: 64)])
    func validIDs(id: String) {
        #expect(Identifier.problem(id) == nil)
    }

    @Test(arguments: [
        ("", "is empty"), ("a/b", "contains '/'"), ("a..b", "contains '..'"), ("..", "contains '..'"),
        ("a b", "contains whitespace"), ("a\tb", "contains whitespace"), ("a\u{1}b", "contains a control character"),
        ("sở", "contains 'ở' which is not an ASCII letter, digit, '.', '-' or '_'"),
        ("Đắk", "contains 'Đ' which is not an ASCII letter, digit, '.', '-' or '_'"),
        (".hidden", "starts with '.'"), ("-x", "starts with '-'"), ("a\\b", "contains '\\'"),
        (String(repeating: "x", count: 65), "is 65 characters long; at most 64 are allowed"),
    ])
    func invalidIDsSayWhy(id: String, reason: String) {
        #expect(Identifier.problem(id) == reason)
    }
}
