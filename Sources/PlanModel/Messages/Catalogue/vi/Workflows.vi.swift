// The vi catalogue, section "workflows": message code → template (see Catalogue.swift).
// Data only: keep codes sorted, one entry a line.
extension Catalogue {
    static let vietnameseWorkflows: [String: String] = [:]
}
