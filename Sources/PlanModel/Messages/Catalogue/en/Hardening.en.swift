// The en catalogue, section "hardening": what reading commands say of a collected unit whose
// files do not decode, and OpenPGP officials (see Catalogue.swift). Data only: keep codes
// sorted, one entry a line.
extension Catalogue {
    static let englishHardening: [String: String] = [
        "hardening.invalid-unit": "{problem}; {unit} is shown as invalid and counted in no total. If a commit of this clone edited the file (`plancascade check` names it: edited-collected), undo it with `git revert <commit>`; otherwise ask {unit}'s clerk to correct the file (`plancascade validate`) and push, then run `plancascade collect`",
        "hardening.invalid-unit.plan": "{problem}; {unit} is shown as invalid (its reports are still counted in the totals). If a commit of this clone edited the file (`plancascade check` names it: edited-collected), undo it with `git revert <commit>`; otherwise ask {unit}'s clerk to correct the file (`plancascade validate`) and push, then run `plancascade collect`",
        "hardening.invalid-unit.short": "not counted in any total: {problem}",
        "term.state.invalid": "invalid",
    ]
}
