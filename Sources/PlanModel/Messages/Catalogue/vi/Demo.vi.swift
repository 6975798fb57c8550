// The vi catalogue, section "demo": message code → template (see Catalogue.swift).
// Data only: keep codes sorted, one entry a line.
extension Catalogue {
    static let vietnameseDemo: [String: String] = [:]
}
