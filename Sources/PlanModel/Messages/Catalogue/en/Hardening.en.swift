// The en catalogue, section "hardening": what reading commands say of a collected unit whose
// files do not decode, and OpenPGP officials (see Catalogue.swift). Data only: keep codes
// sorted, one entry a line.
extension Catalogue {
    static let englishHardening: [String: String] = [
        "hardening.cli.signer-add.gpg-added": "{principal} may now sign with OpenPGP: listed in {file} → main {commit}; `plancascade verify` matches their good signatures (gpg's VALIDSIG) against it; `git verify-commit` checks them in the auditor's keyring",
        "hardening.cli.signer-add.key-or-gpg": "give either the official's OpenSSH public key file or --gpg <fingerprint>, not both",
        "hardening.cli.signer-add.valid-before-gpg": "--valid-before goes with --gpg (for an ssh key, add valid-before=\"YYYYMMDD\" to its line in signers/allowed_signers)",
        "hardening.help.signer-add.gpg": "List an OpenPGP official instead: the fingerprint of their primary key, as `gpg --fingerprint` shows it (signers/openpgp).",
        "hardening.help.signer-add.valid-before": "With --gpg: signatures made on or after this day (YYYYMMDD or YYYY-MM-DD) no longer count (a retired official).",
        "hardening.invalid-unit": "{problem}; {unit} is shown as invalid and counted in no total. If a commit of this clone edited the file (`plancascade check` names it: edited-collected), undo it with `git revert <commit>`; otherwise ask {unit}'s clerk to correct the file (`plancascade validate`) and push, then run `plancascade collect`",
        "hardening.invalid-unit.plan": "{problem}; {unit} is shown as invalid (its reports are still counted in the totals). If a commit of this clone edited the file (`plancascade check` names it: edited-collected), undo it with `git revert <commit>`; otherwise ask {unit}'s clerk to correct the file (`plancascade validate`) and push, then run `plancascade collect`",
        "hardening.invalid-unit.short": "not counted in any total: {problem}",
        "hardening.signature.openpgp-other-unit": "{what} ({commit}) is signed with OpenPGP key {key}, which {pgpfile} lists for {listed}, not for {unit}: only {unit}'s officials (`<name>@{unit}`) sign for {unit}",
        "hardening.signature.openpgp-unlisted": "{what} ({commit}) is signed with OpenPGP key {key} ({principals}), good in this keyring, but neither {file} nor {pgpfile} lists it for {unit} (or its listing ended before the signature): `plancascade signer add <name>@{unit} --gpg {key}` lists it",
        "hardening.signing.not-a-fingerprint": "is not an OpenPGP fingerprint: give the 40 (or 64) hex digits of the primary key, as `gpg --fingerprint <key>` shows them (spaces may be left in)",
        "term.state.invalid": "invalid",
    ]
}
