import Testing
import PlanModel

@Suite struct FindingTests {
    @Test(arguments: [
        (Finding(severity: .error, kind: "type", message: "expected a number, found a string", file: "a.json", line: 3, column: 5, path: "$.value"),
         "a.json:3:5: error: expected a number, found a string (at $.value)"),
        (Finding(severity: .warning, kind: "not-canonical", message: "m", file: "a.json"), "a.json: warning: m"),
        (Finding(severity: .info, kind: "x", message: "m", file: "a.json", line: 7), "a.json:7: info: m"),
        (Finding(severity: .error, kind: "x", message: "m", file: "b.json", path: "$.cooperating[2]"), "b.json: error: m (at $.cooperating[2])"),
    ])
    func descriptionFormat(finding: Finding, expected: String) {
        #expect(finding.description == expected)
    }

    @Test func errorsDescribeThemselvesInLowerCase() {
        let syntax = JSONSyntaxError(message: "trailing comma before '}' is not allowed", location: SourceLocation(line: 2, column: 9), offset: 12)
        #expect(PlanModelError.syntax(syntax).description == "invalid JSON at 2:9: trailing comma before '}' is not allowed")
        #expect(PlanModelError.unencodable("x").description == "cannot encode as canonical JSON: x")
    }

    @Test(arguments: [
        ([JSONPath.Component.key("figures"), .key("DVC-ONLINE"), .key("numerator")], "$.figures[\"DVC-ONLINE\"].numerator"),
        ([.key("cooperating"), .index(2)], "$.cooperating[2]"),
        ([.key("figures"), .key("7.3.6")], "$.figures[\"7.3.6\"]"),
        ([.key("a\"b")], "$[\"a\\\"b\"]"),
        ([], "$"),
    ])
    func pathStyle(components: [JSONPath.Component], expected: String) {
        #expect(JSONPath(components).description == expected)
    }
}
