// The en catalogue, section "web21": a child's decisions carried by bundle with the targets (see Catalogue.swift).
// Data only: keep codes sorted, one entry a line.
extension Catalogue {
    static let englishWeb21: [String: String] = [
        "bundle.approvals-other-child": "the bundle carries the decisions on {named}'s reports ({ref}), not on {unit}'s; nothing was taken in: ask the parent for the bundle made for {unit} (plancascade bundle create --targets --for {unit})",
        "bundle.for-needs-targets": "--for {child} goes with --targets (a report bundle is for the parent, and holds no decisions); run plancascade bundle create --targets --for {child}",
        "bundle.for-not-child": "{child} is not a child of {unit} (its children: {children}); name one of them with --for, or leave --for out to bundle the targets alone",
        "bundle.targets-refs": "the bundle carries {refs}; a bundle of targets carries refs/heads/targets and at most one unit's decisions (refs/heads/approvals/<unit>): ask the parent to make it with plancascade bundle create --targets --for <unit>",
        "cli.bundle.created-targets-for": "Wrote {path}: {unit}'s published targets {commit} and its decisions on {child}'s reports {decisions} ({objects} {objects|object|objects}); carry it to {child}, whose clerk runs: plancascade pull --from <file>",
        "cli.bundle.created-targets-no-decisions": "Wrote {path}: {unit}'s published targets {commit} ({objects} {objects|object|objects}); {unit} has published no decision on {child}'s reports yet (approve or reopen, then plancascade publish); {child} takes the targets in with: plancascade pull --from <file>",
        "help.bundle.create.for": "With --targets: also this child's decisions on its reports (refs/heads/approvals/<child>, written by publish), taken in by its pull --from <file> as a pull from the hub takes them; the file is then for that child only.",
    ]
}
