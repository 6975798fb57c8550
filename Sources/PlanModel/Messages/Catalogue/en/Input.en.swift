// The en catalogue, section "input": message code → template (see Catalogue.swift).
// Data only: keep codes sorted, one entry a line.
extension Catalogue {
    static let englishInput: [String: String] = [:]
}
