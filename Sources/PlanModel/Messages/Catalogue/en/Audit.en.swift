// The en catalogue, section "audit": message code → template (see Catalogue.swift).
// Data only: keep codes sorted, one entry a line.
extension Catalogue {
    static let englishAudit: [String: String] = [
        "audit.children-not-fetched": "could not fetch the children's pushes from {hub} ({error}); rewritten history was checked against the pushes fetched before",
    ]
}
