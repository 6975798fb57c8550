import PlanModel
import Testing

/// Every finding's message comes from the catalogue: in the pseudo-language no text escapes
/// it (`⚠`), no argument or code is missing (`‹…?›`, `«…»`), and the Vietnamese is not the
/// English.
func expectTranslated(_ findings: [Finding], _ context: String = "", sourceLocation: Testing.SourceLocation = #_sourceLocation) {
    for finding in findings {
        let pseudo = finding.message.rendered(in: .pseudo)
        #expect(!pseudo.contains("⚠"), "\(context) \(finding.kind): untranslated: \(pseudo)", sourceLocation: sourceLocation)
        #expect(!pseudo.contains("‹") && !pseudo.contains("«"), "\(context) \(finding.kind): \(pseudo)", sourceLocation: sourceLocation)
        let vietnamese = finding.message.rendered(in: .vietnamese)
        #expect(vietnamese != finding.message.rendered(in: .english), "\(context) \(finding.kind): \(vietnamese)", sourceLocation: sourceLocation)
        #expect(!vietnamese.contains("‹") && !vietnamese.contains("«"), "\(context) \(finding.kind): \(vietnamese)", sourceLocation: sourceLocation)
    }
}
