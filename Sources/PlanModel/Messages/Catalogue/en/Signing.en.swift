// The en catalogue, section "signing": signed approvals and commits, the allowed-signers
// file, and what verify says about signatures (see Catalogue.swift).
// Data only: keep codes sorted, one entry a line.
extension Catalogue {
    static let englishSigning: [String: String] = [
        "audit.signature.bad": "{what} ({commit}) carries a signature that does not match it ({detail}): the commit was altered after it was signed, or the signature was copied from another one; ask who pushed it, and do not count it as signed",
        "audit.signature.child-commit": "{child}'s commit “{summary}”",
        "audit.signature.decision": "{unit}'s decision “{summary}”",
        "audit.signature.not-checked": "the signature of {what} ({commit}) could not be checked: {detail}; install ssh-keygen (openssh-client) or gpg and run `plancascade verify` again",
        "audit.signature.other-unit": "{what} ({commit}) is signed with key {key}, which {file} lists for {principals}, not for {unit}: only {unit}'s officials (`<name>@{unit}`) sign for {unit}",
        "audit.signature.unknown-key": "{what} ({commit}) is signed with key {key}, which {file} does not list: if that official may sign for {unit}, add them with `plancascade signer add <name>@{unit} <key.pub>`; otherwise it is not {unit}'s signature",
        "audit.signature.unsigned-child-commit": "{what} is not signed, and {unit} requires {child}'s history to be signed by {child}'s officials (listed in {file}): it may not be {child}'s own work — ask {child}'s clerk whether they made it; {child}'s clerks sign every commit with `git config commit.gpgSign true`",
        "audit.signature.unsigned-decision": "{what} is not signed, and {unit} requires signed decisions ({file} lists its officials): the official sets `git config gpg.format ssh` and `git config user.signingKey <key>`, then reopens and decides again",
        "cli.root.line.signer-add": "list an official who signs for this unit or a child",
        "cli.signer-add.added": "{principal} may now sign: listed in {file} → main {commit}; `plancascade verify` checks their signatures, and so does `git -c gpg.ssh.allowedSignersFile={file} verify-commit <commit>`",
        "cli.signer-add.already": "{principal} is already listed with this key in {file}",
        "help.signer-add.abstract": "List an official who may sign for this unit or one of its children (signers/allowed_signers, git's allowed-signers format).",
        "help.signer-add.discussion": "Example: plancascade signer add nguyen.van.a@buon-don ~/.ssh/id_ed25519.pub. The part after the last @ names the unit the official signs for. Once an official of this unit is listed, its approvals must be signed; once an official of a child is listed, the child's history collected from then on must be signed by the child's officials. The official signs with `git config gpg.format ssh` and `git config user.signingKey <key>`.",
        "help.signer-add.key": "The official's OpenSSH public key file (…/id_ed25519.pub).",
        "help.signer-add.principal": "Who signs: <name>@<unit-id>, the unit being this one or a child.",
        "help.signer.abstract": "Manage the officials who sign for the unit and its children.",
        "signing.cannot-read-key": "cannot read the public key file; give the official's .pub file (ssh-keygen -y -f <private key> prints it)",
        "signing.cannot-run": "cannot sign the commit: {program} cannot run ({reason}); install it, or name it with `git config gpg.program` (gpg) or `git config gpg.ssh.program` (ssh); nothing was committed",
        "signing.failed": "{program} did not sign the commit (status {status}): {output}; check `git config user.signingKey` (a key file, or a public key ssh-agent holds) and that the key is unlocked; nothing was committed",
        "signing.no-ssh-key": "commit.gpgSign is set with gpg.format=ssh, but no key is named: set `git config user.signingKey <key file or public key>`; nothing was committed",
        "signing.not-a-public-key": "is not an OpenSSH public key (a line like `ssh-ed25519 AAAA… name`); give the official's .pub file, never the private key",
        "signing.principal-form": "is not <name>@<unit-id>; the part after the last @ names the unit the official signs for ({known}), and the name has no spaces, commas, quotes or wildcards",
        "signing.principal-unit": "names unit {unit}, which is neither this unit nor one of its children ({known}); record the child first with `plancascade child add`",
        "signing.unknown-format": "gpg.format is {format}, which git does not know (openpgp, ssh or x509); nothing was committed",
        "term.argument.principal": "principal",
        "term.argument.public-key": "public key",
        "term.kind.bad-signature": "bad-signature",
        "term.kind.unknown-signer": "unknown-signer",
        "term.kind.unsigned": "unsigned",
    ]
}
