import Foundation
import Testing
import PlanModel

@Suite struct RoundTripTests {
    func roundTrip<T: Codable & Equatable>(_ value: T, file: String) throws {
        let bytes = try CanonicalJSON.encode(value)
        let decoded = try CanonicalJSON.decode(T.self, from: bytes, file: file)
        #expect(decoded == value)
        #expect(try CanonicalJSON.encode(decoded) == bytes)
        let (document, findings) = DocumentValidator.validate(bytes: bytes, path: file)
        #expect(findings == [])
        #expect(document != nil)
    }

    @Test func unit() throws { try roundTrip(Fixtures.unit, file: "unit.json") }
    @Test func plan() throws { try roundTrip(Fixtures.plan, file: "plans/2024/plan.json") }
    @Test func indicator() throws {
        try roundTrip(Fixtures.indicator, file: "plans/2024/indicators/DVC-ONLINE.json")
        try roundTrip(Fixtures.scoreIndicator, file: "plans/2024/indicators/7.3.6.json")
    }
    @Test func target() throws { try roundTrip(Fixtures.target, file: "plans/2024/targets/DVC-ONLINE.json") }
    @Test func task() throws { try roundTrip(Fixtures.task, file: "plans/2024/tasks/1.1.json") }
    @Test func progress() throws { try roundTrip(Fixtures.progress, file: "progress/2024/2024-Q3.json") }

    @Test func documentEnumRoundTrips() throws {
        let documents: [(Document, String)] = [
            (.unit(Fixtures.unit), "children/BMT/unit.json"),
            (.task(Fixtures.task), "children/BMT/plans/2024/tasks/1.1.json"),
        ]
        let unitForChild = Document.unit(Unit(id: "BMT", name: "Buôn Ma Thuột", level: "district", parent: "daklak"))
        for (document, path) in documents + [(unitForChild, "children/BMT/unit.json")] {
            let bytes = try document.encoded()
            let (decoded, findings) = DocumentValidator.validate(bytes: bytes, path: path)
            if case .unit(let u) = document, u.id != "BMT" {
                #expect(findings.map(\.kind) == ["file-name"])
            } else {
                #expect(decoded == document)
                #expect(findings == [])
            }
        }
    }

    @Test func foundationCodersAgreeOnTheValues() throws {
        let data = try JSONEncoder().encode(Fixtures.target)
        let back = try JSONDecoder().decode(Target.self, from: data)
        #expect(back == Fixtures.target)
        let newer = #"{"schema": 2, "id": "x", "name": "X", "level": "commune"}"#
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Unit.self, from: Data(newer.utf8)) }
    }

    @Test func schemaVersionIsOneAndDefault() {
        #expect(PlanModel.schemaVersion == 1)
        #expect(Fixtures.unit.schema == PlanModel.schemaVersion)
        let severity: Severity = .warning
        #expect(severity == Finding.Severity.warning && Severity.error < .warning)
    }

    @Test func figureRatio() {
        let figure = Figure(numerator: 41940, denominator: 58818)
        #expect((figure.ratio! * Exact("1.5")!).rounded(scale: 4) == Exact("1.0696")!)
        #expect(figure.effectiveValue!.rounded(scale: 2) == Exact("71.3")!)
        #expect(Figure(value: 80).effectiveValue == 80)
        #expect(Figure(numerator: 1, denominator: 0).ratio == nil)
    }

    @Test func indicatorDirectionDefaultsFromMeasure() throws {
        let json = #"{"schema": 1, "code": "PAR-RANK", "name": "Thứ hạng", "measure": "rank", "aggregation": "latest"}"#
        let indicator = try CanonicalJSON.decode(Indicator.self, from: Array(json.utf8), file: "i.json")
        #expect(indicator.direction == .lower)
        #expect(Comparator(direction: indicator.direction) == .atMost)
    }
}
