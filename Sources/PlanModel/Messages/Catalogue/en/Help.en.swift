// The en catalogue, section "help": message code → template (see Catalogue.swift).
// Data only: keep codes sorted, one entry a line.
extension Catalogue {
    static let englishHelp: [String: String] = [:]
}
