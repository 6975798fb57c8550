import Foundation
import PlanModel
import Testing

/// `plans/<year>/plan.json` `reporting` (issue 17 part 6): it round-trips, is absent from a
/// plan that sets none, and every rule holds for a hand-written (a child's pushed) file.
@Suite struct ReportingDocumentTests {
    static let campaign = Reporting(
        cadence: .tenDays, window: DateWindow("2024-11-08..2025-01-06"),
        reports: [RequiredReport(id: "interim", name: "Báo cáo sơ kết 30 ngày", deadline: CivilDate("2024-12-10")!, covers: DateWindow("2024-11-08..2024-12-07")),
                  RequiredReport(id: "final", deadline: CivilDate("2025-01-10")!)],
        setBy: "daklak")

    @Test func reportingRoundTripsAndIsAbsentWhenUnset() throws {
        let plan = Plan(number: "", title: "Kế hoạch Chiến dịch", year: 2024, reporting: Self.campaign)
        let bytes = try CanonicalJSON.encode(plan)
        #expect(try CanonicalJSON.decode(Plan.self, from: bytes, file: "plans/2024/plan.json") == plan)
        let (document, findings) = DocumentValidator.validate(bytes: bytes, path: "plans/2024/plan.json")
        #expect(document != nil && findings.isEmpty, "\(findings)")
        #expect(String(decoding: bytes, as: UTF8.self).contains("\"cadence\": \"10-days\""))
        let plain = String(decoding: try CanonicalJSON.encode(Plan(number: "116/KH-UBND", title: "KH", year: 2024)), as: UTF8.self)
        #expect(!plain.contains("reporting"))
        // The interim report covers the campaign's first 30 days; the final one, by default, the window up to its deadline.
        #expect(Self.campaign.covered(by: Self.campaign.reports[0], year: 2024).description == "2024-11-08..2024-12-07")
        #expect(Self.campaign.covered(by: Self.campaign.reports[1], year: 2024).description == "2024-11-08..2025-01-10")
        #expect(Reporting().covered(by: Self.campaign.reports[1], year: 2024).description == "2024-01-01..2025-01-10")
    }

    struct Hostile: CustomTestStringConvertible, Sendable {
        let reporting: String
        let kind: String
        let path: String
        var testDescription: String { kind + " " + path }
    }

    static let hostile: [Hostile] = [
        Hostile(reporting: #"{"cadence": "weekly", "reports": []}"#, kind: "type", path: "$.reporting.cadence"),
        Hostile(reporting: #"{"cadence": "monthly", "reports": [], "every": 10}"#, kind: "unknown-field", path: "$.reporting.every"),
        Hostile(reporting: #"{"reports": [], "window": {"end": "2024-11-01", "start": "2024-12-01"}}"#, kind: "range", path: "$.reporting.window"),
        Hostile(reporting: #"{"reports": [], "window": {"end": "2020-02-01", "start": "2020-01-01"}}"#, kind: "range", path: "$.reporting.window"),
        Hostile(reporting: #"{"reports": [], "window": {"end": "2024-13-01", "start": "2024-01-01"}}"#, kind: "type", path: "$.reporting.window.end"),
        Hostile(reporting: #"{"reports": [{"deadline": "2024-12-10", "id": "a"}, {"deadline": "2024-12-20", "id": "a"}]}"#, kind: "duplicate-id", path: "$.reporting.reports[1].id"),
        Hostile(reporting: #"{"reports": [{"deadline": "2024-12-10", "id": "../x"}]}"#, kind: "identifier", path: "$.reporting.reports[0].id"),
        Hostile(reporting: #"{"reports": [{"deadline": "2024-10-01", "id": "early"}], "window": {"end": "2025-01-06", "start": "2024-11-08"}}"#, kind: "range", path: "$.reporting.reports[0].deadline"),
        Hostile(reporting: #"{"reports": [{"deadline": "2024-12-10", "id": "a", "name": "  "}]}"#, kind: "range", path: "$.reporting.reports[0].name"),
        Hostile(reporting: #"{"reports": [{"id": "a"}]}"#, kind: "missing-field", path: "$.reporting.reports[0]"),
        Hostile(reporting: #"{"reports": [], "setBy": "a/b"}"#, kind: "identifier", path: "$.reporting.setBy"),
    ]

    @Test(arguments: hostile)
    func aHandWrittenReportingIsRefusedNamingTheField(_ c: Hostile) {
        let text = #"{"number": "", "reporting": "# + c.reporting + #", "schema": 1, "title": "", "year": 2024}"# + "\n"
        let (document, findings) = DocumentValidator.validate(bytes: Array(text.utf8), path: "children/ea-nuol/plans/2024/plan.json")
        #expect(document == nil, "\(findings)")
        let errors = findings.filter { $0.severity == .error }
        #expect(errors.contains { $0.kind.rawValue == c.kind && ($0.path ?? "").hasPrefix(c.path) }, "\(errors.map { "\($0.kind) \($0.path ?? "") \($0.message)" })")
        #expect(errors.allSatisfy { $0.file == "children/ea-nuol/plans/2024/plan.json" })
    }
}
