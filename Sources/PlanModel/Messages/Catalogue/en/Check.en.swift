// The en catalogue, section "check": message code → template (see Catalogue.swift).
// Data only: keep codes sorted, one entry a line.
extension Catalogue {
    static let englishCheck: [String: String] = [:]
}
