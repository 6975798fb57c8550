// The en catalogue, section "export": message code → template (see Catalogue.swift).
// Data only: keep codes sorted, one entry a line.
extension Catalogue {
    static let englishExport: [String: String] = [:]
}
