// The en catalogue, section "validation": message code → template (see Catalogue.swift).
// Data only: keep codes sorted, one entry a line.
extension Catalogue {
    static let englishValidation: [String: String] = [:]
}
