// The en catalogue, section "hub": what a hub's pre-receive hook decides by the hub's own
// policy (pushers.json, policy.json) and how it is installed (see Catalogue.swift).
// Data only: keep codes sorted, one entry a line.
extension Catalogue {
    static let englishHub: [String: String] = [
        "hook.cannot-check": "the hub cannot check this push, so it refuses it: {problem}",
        "hook.clerk-writes-child": "{ref}: {user} pushes as one of {unit}'s own clerks (pushers.json maps {user} to no child), who write main and targets; only {child}'s own pushers write refs/children/{child}/, whoever its commits name — {child}'s clerk pushes with `plancascade push` (if {user} does push for {child}, the hub's administrator maps \"{user}\": \"{child}\" in pushers.json)",
        "hook.declined-hint": " — the hub's hook refused it for the reasons below; correct them in new commits and push again",
        "hook.install.owner": "belongs to another user, and libgit2 (like git) refuses to open a repository someone else owns; run the command as that user (`sudo -u <owner> plancascade hooks install …`), or trust the exact path with `git config --global --add safe.directory {path}` (libgit2 ignores `*`)",
        "hook.lowered-by-merge": "{ref} {commit} ({author}): the merge writes {path} with {indicator} {value}, below the {floor} inherited, which neither side of the merge had; this hub refuses lowered targets (policy.json \"lowered-targets\": \"refuse\") — redo the merge keeping {indicator} at least {floor}",
        "hook.lowered-policy": "{ref} {commit} ({author}): {path} lowers {indicator} to {value}, below the {floor} inherited, and this hub refuses lowered targets (policy.json \"lowered-targets\": \"refuse\"; a Forced-Below-Inherited: trailer does not change that); raise it to at least {floor} in a new commit and push again, or ask the parent to lower its target",
        "hook.policy.bad-field": "\"{field}\" must be {expected}",
        "hook.policy.invalid": "is not a hub policy: {problem}; the hub's administrator corrects it (README, \"Hosting hubs\") — until then the hub refuses every push",
        "hook.policy.not-json": "it is not one JSON object",
        "hook.policy.unknown-field": "\"{field}\" is not a policy field (schema, lowered-targets, clerks)",
        "hook.policy.unreadable": "the account the server runs the hook as cannot read it",
        "hook.pushers.invalid": "is not a table of authenticated users and unit ids ({\"schema\": 1, \"pushers\": {\"<user>\": \"<unit-id>\"}}); the hub's administrator corrects it — until then the hub refuses every authenticated push",
        "hook.unknown-user": "the authenticated user '{user}' is neither mapped to a unit in the hub's pushers.json nor one of the clerks of {unit} that its policy.json lists; the hub's administrator adds \"{user}\": \"<unit-id>\" to pushers.json, or \"{user}\" to \"clerks\" in policy.json",
    ]
}
