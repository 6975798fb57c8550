import PlanModel
import Testing

/// `reorg/<id>.json`: a decision received from a parent is hostile input like any document.
@Suite struct ReorganisationDocumentTests {
    static let valid = """
        {
          "basis": "Nghị quyết số 1660/NQ-UBTVQH15 ngày 16/6/2025",
          "changes": [
            {
              "action": "moves",
              "from": "buon-don",
              "level": "commune",
              "name": "Xã Ea Wer",
              "to": "daklak",
              "unit": "ea-wer"
            }
          ],
          "decidedBy": "daklak",
          "effective": "2025-07-01",
          "hubs": {
            "daklak": "/srv/hubs/daklak.git"
          },
          "id": "2025-07-01-move-ea-wer",
          "kind": "move",
          "schema": 1
        }

        """

    @Test func aValidDecisionRoundTripsByteForByte() throws {
        let path = "reorg/2025-07-01-move-ea-wer.json"
        #expect(DocumentKind.classify(path: path) == .reorganisation)
        let (document, findings) = DocumentValidator.validate(bytes: Array(Self.valid.utf8), path: path)
        #expect(findings.isEmpty, "\(findings.map(\.description))")
        guard case .reorganisation(let decision)? = document else {
            Issue.record("not a decision")
            return
        }
        #expect(decision.effective == CivilDate("2025-07-01"))
        #expect(decision.change(of: "ea-wer")?.to == "daklak")
        #expect(try CanonicalJSON.encode(decision) == Array(Self.valid.utf8))
    }

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let replace: String
        let with: String
        let kind: String
        let message: String
        var testDescription: String { name }
    }

    @Test(arguments: [
        Case(name: "empty basis", replace: "Nghị quyết số 1660/NQ-UBTVQH15 ngày 16/6/2025", with: " ", kind: "missing-field", message: "'basis' is empty"),
        Case(name: "move without from", replace: "\"from\": \"buon-don\",", with: "", kind: "missing-field", message: "a 'moves' change of ea-wer needs 'from'"),
        Case(name: "same parent", replace: "\"to\": \"daklak\"", with: "\"to\": \"buon-don\"", kind: "range", message: "ea-wer moves from buon-don to buon-don"),
        Case(name: "bad unit id", replace: "\"unit\": \"ea-wer\"", with: "\"unit\": \"../ea-wer\"", kind: "identifier", message: "'../ea-wer'"),
        Case(name: "file name", replace: "\"id\": \"2025-07-01-move-ea-wer\"", with: "\"id\": \"other\"", kind: "file-name", message: "other"),
        Case(name: "unknown action", replace: "\"action\": \"moves\"", with: "\"action\": \"annexes\"", kind: "type", message: "\"moves\""),
    ])
    func hostileDecisionsAreRefused(_ c: Case) {
        let text = Self.valid.replacingOccurrences(of: c.replace, with: c.with)
        let (document, findings) = DocumentValidator.validate(bytes: Array(text.utf8), path: "reorg/2025-07-01-move-ea-wer.json")
        #expect(document == nil)
        let errors = findings.filter { $0.severity == .error }
        #expect(errors.contains { $0.kind.rawValue == c.kind && $0.message.description.contains(c.message) },
                "\(errors.map { "\($0.kind): \($0.message)" })")
    }
}
