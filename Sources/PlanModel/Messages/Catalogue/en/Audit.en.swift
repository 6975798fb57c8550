// The en catalogue, section "audit": message code → template (see Catalogue.swift).
// Data only: keep codes sorted, one entry a line.
extension Catalogue {
    static let englishAudit: [String: String] = [
        "audit.accepted-rewrite": "{child}'s head {collected}, collected in {merge} on {date}, is no longer in its pushed history ({pushed}); {author} accepted the rewrite in {accepted}",
        "audit.children-not-fetched": "could not fetch the children's pushes from {hub} ({error}); rewritten history was checked against the pushes fetched before",
        "audit.collect-not-in-history": "the collect that brought {unit} is not in this history; its provenances and rollups were not verified",
        "audit.figure.coded": "{code} {figure}",
        "audit.figure.ratio": "{numerator}/{denominator} ({units} units)",
        "audit.figure.value": "{value} ({units} units)",
        "audit.forged-provenance": "{unit}'s {indicator} {year} names parent commit {commit} of {parent}, which no pull of {unit} used; the provenance was written by hand in {setBy} by {author} on {date}",
        "audit.last-set": "{message} (last set in {commit} by {author} on {date})",
        "audit.late-change": "{author} changed {unit}'s {item} of {period} from {old} to {new} on {date}, after the period's deadline {deadline}; the office that received the figures confirms the correction in writing",
        "audit.no-pushed-ref": "no refs/children/{child}/main here, so whether {child}'s collected history was rewritten was not verified; run verify in {unit}'s hub or working clone",
        "audit.none": "none",
        "audit.nothing": "nothing",
        "audit.parent-commit-absent": "{unit}'s {indicator} {year} was derived from {parent}@{commit}, which is not in this repository; run verify in {parent}'s repository, where that commit is",
        "audit.provenance-mismatch": "{unit}'s {indicator} provenance does not match a derivation from {parent}: re-derived {expected}, stored {stored}; the provenance was edited by hand — restore it with `plancascade pull` (a changed value belongs in `plancascade target set`)",
        "audit.provenance-rule-gives-none": "{unit}'s {indicator} claims derivation from {parent}, but that commit's rule gives none: {reason}",
        "audit.provenance-without-target": "{unit}'s {indicator} claims derivation by {rule} from {parent}, but that commit publishes no {indicator} target",
        "audit.rewritten-history": "{child}'s head {collected}, collected in {merge} on {date}, is not in the history {child} pushed since ({pushed}): its history was rewritten; ask its clerk why before `plancascade collect --accept-rewrite`",
        "audit.rollup-mismatch": "{file} stores {actual} but the figures below it give {expected}; a rollup is written only by `plancascade collect` — this one was edited by hand",
        "audit.rollup-written": "{message} in {commit} by {author} on {date} ({summary})",
        "audit.stale-rollup": "{file} ({actual}) no longer matches the figures below it ({expected}) after later commits of {unit}; the next `plancascade collect` recomputes it",
    ]
}
