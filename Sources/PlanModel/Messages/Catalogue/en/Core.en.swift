// The en catalogue, section "core": message code → template (see Catalogue.swift).
// Data only: keep codes sorted, one entry a line.
extension Catalogue {
    static let englishCore: [String: String] = [
        "finding.at-path": "{text} (at {path})",
        "finding.line": "{file}: {severity}: {message}",
        "model.invalid-document": "invalid document: {findings}",
        "model.invalid-json": "invalid JSON at {location}: {detail}",
        "model.unencodable": "cannot encode as canonical JSON: {reason}",
        "notice.checkout-finished": "finished updating the work tree of {root} to {commit}, which an interrupted command left half done",
        "notice.lock-removed": "removed {file}, a lock an interrupted git or plancascade process left in {root}",
        "notice.waiting": "waiting for another plancascade process working in {root}…",
        "term.severity.error": "error",
        "term.severity.info": "info",
        "term.severity.warning": "warning",
        "untranslated": "{text}",
        "verbatim": "{text}",
    ]
}
