// The en catalogue, section "scale": what long commands say about themselves on a large
// hierarchy (verify's summary of information findings), and the command line's refusals of
// option values (see Catalogue.swift).
// Data only: keep codes sorted, one entry a line.
extension Catalogue {
    static let englishScale: [String: String] = [
        "cli.option.bad-date": "{option} '{date}' is not a date YYYY-MM-DD",
        "cli.option.bad-period": "{option} '{text}' is not a period (2024, 2024-H1, 2024-Q3, 2024-10, 2024-11-18)",
        "cli.option.not-one-of": "{option} '{text}' is not one of: {choices}",
        "cli.option.too-many-revisions": "give at most two revisions, the older first",
        "help.verify.all": "List every information finding too (by default, above 20 they are counted by kind after the errors and warnings).",
        "verify.info-kind": "{count} {kind}",
        "verify.info-summary": "and {count} {count|information finding|information findings} (not listed; `plancascade verify --all` lists them): {kinds}",
        "verify.progress.units": "verify: checking the history of {unit}, unit {done} of {total}…",
    ]
}
