// The en catalogue, section "audit": message code → template (see Catalogue.swift).
// Data only: keep codes sorted, one entry a line.
extension Catalogue {
    static let englishAudit: [String: String] = [:]
}
