// The en catalogue, section "commands": message code → template (see Catalogue.swift).
// Data only: keep codes sorted, one entry a line.
extension Catalogue {
    static let englishCommands: [String: String] = [:]
}
