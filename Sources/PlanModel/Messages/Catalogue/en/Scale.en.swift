// The en catalogue, section "scale": what long commands say about themselves on a large
// hierarchy (verify's summary of information findings) (see Catalogue.swift).
// Data only: keep codes sorted, one entry a line.
extension Catalogue {
    static let englishScale: [String: String] = [
        "help.verify.all": "List every information finding too (by default, above 20 they are counted by kind after the errors and warnings).",
        "verify.info-kind": "{count} {kind}",
        "verify.info-summary": "and {count} {count|information finding|information findings} (not listed; `plancascade verify --all` lists them): {kinds}",
    ]
}
