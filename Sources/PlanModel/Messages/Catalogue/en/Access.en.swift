// The en catalogue, section "access": logging in to a hub and trusting it — credentials,
// SSH host keys, HTTPS certificates (see Catalogue.swift). Data only: keep codes sorted,
// one entry a line.
extension Catalogue {
    static let englishAccess: [String: String] = [
        "access.ca.file": "the CA file {file}",
        "access.ca.system": "the system's CA certificates",
        "access.ca-unreadable": "{setting} names {path}, which cannot be read; correct the path or the file's permissions, then run the command again",
        "access.certificate-untrusted": "the HTTPS certificate of {hub} does not verify against {ca}: refused, as anyone could answer in the hub's place. If the province runs its own CA, give its certificate file with `git config --global http.sslCAInfo <ca.pem>` (or `http.<hub URL>.sslCAInfo`, or the GIT_SSL_CAINFO variable); reach the hub by the host name its certificate names, not by an IP address",
        "access.credentials-rejected": "{hub} refused the credentials of {user} (tried: {tried}): the password or token is wrong, expired or not allowed on this hub. A credential helper that gave them was told to forget them; run the command again to give new ones, or ask the hub's administrator to check the account",
        "access.host-changed": "the SSH host key of {host} ({type} {fingerprint}) is not the one {file}:{line} holds for it: refused. The hub may have been reinstalled, or someone may be answering in its place. Ask the hub's administrator for its fingerprint; only if it is {fingerprint}, remove the old line (`ssh-keygen -R '{name}'`), trust the new key with `{keyscan} >> ~/.ssh/known_hosts` and run the command again",
        "access.host-unknown": "the SSH host key of {host} is in no known_hosts file ({files}): {type} key {fingerprint}. Refused, as anyone could answer in the hub's place. Compare the fingerprint with the one the hub's administrator gives you (`ssh-keygen -lf` of the server's host key); if they are the same, trust it with `{keyscan} >> ~/.ssh/known_hosts` and run the command again",
        "access.host-unknown-type": "the SSH host key of {host} is of type {type} ({fingerprint}), and the known_hosts files ({files}) list only {types} keys for it: refused. Compare the fingerprint with the one the hub's administrator gives you; if they are the same, add it with `{keyscan} >> ~/.ssh/known_hosts` and run the command again",
        "access.no-credentials": "{hub} asks for a user name and password, and none was found (tried: {tried}). Give them in one of three ways: a git credential helper (`git config --global credential.helper store`, `cache` or libsecret), which keeps them once the hub accepts them; the variables PLANCASCADE_USERNAME and PLANCASCADE_PASSWORD (a token may be the password) for a script; or run the command at a terminal, where it asks for them",
        "access.no-credentials.ssh": "{hub} asks for an SSH login, and no key was found or accepted (tried: {tried}). Load your key into ssh-agent (`ssh-add ~/.ssh/id_ed25519`), keep it as ~/.ssh/id_ed25519, id_ecdsa or id_rsa, or name it with `git config plancascade.sshKey <path>`; the hub's administrator must list its public key (the .pub file) for your account",
        "access.outcome.needs-passphrase": "{source} (needs its passphrase and there is no terminal to ask: load it into ssh-agent)",
        "access.outcome.offered": "{source}",
        "access.outcome.rejected": "{source} (refused)",
        "access.outcome.unavailable": "{source} (none)",
        "access.source.agent": "ssh-agent",
        "access.source.environment": "PLANCASCADE_PASSWORD",
        "access.source.helper": "credential helper `{helper}`",
        "access.source.key": "key {path}",
        "access.source.prompt": "a prompt at the terminal",
        "access.source.url": "the URL given",
        "access.tried.nothing": "nothing",
        "access.verification-disabled": "{setting} would switch certificate checks off for {hub}: PlanCascade never does, as anyone could then answer in the hub's place. Remove it (`git config --unset http.sslVerify`, or unset GIT_SSL_NO_VERIFY) and give the hub's CA certificate with `git config http.sslCAInfo <ca.pem>` instead",
    ]
}
