// The en catalogue, section "integrity": history that cannot be forged and damage reported
// where it is needed (see Catalogue.swift). Data only: keep codes sorted, one entry a line.
extension Catalogue {
    static let englishIntegrity: [String: String] = [
        "cli.collect.repaired": "Fetched again from the hub: object {object} of {child} ({needed}) was damaged in this clone",
        "damage.needed.commit": "{ref} (a commit of its history)",
        "damage.needed.file": "{ref} → {path}",
        "damage.repair.child": "then run `plancascade collect` again: it fetches a damaged child object again from the hub; if the hub's copy is damaged too, ask {child}'s clerk to run `plancascade push` again",
        "damage.repair.own": "then move the damaged file that `git fsck` names out of .git/objects and fetch again from the hub (`git fetch origin`); if the hub's copy is damaged too, push main again from a clerk's clone whose `git fsck` is clean",
        "damage.repair.parent": "then move the damaged file that `git fsck` names out of .git/objects and run `plancascade pull` to fetch the parent's published targets again",
        "error.git-damaged-at": "{function} failed: {detail}; object {object}, needed by {needed}, is missing or damaged (a crash or a full disk can leave one). Run `git fsck` to list what is damaged; {repair}",
        "history.edited-collected": "{unit}'s commit {commit} ({author}, dated {date}: “{summary}”) changed {files}, which only a collect of {child} writes: what {child} had pushed was edited in {unit}, and a figure edited there is nobody's report; a correction belongs in {child}'s own `plancascade report` — ask {unit}'s clerk why",
        "notice.index-rebuilt": "{root}: the index was cut short (a power cut can leave it so); it was written again from main {commit}",
        "term.kind.edited-collected": "edited-collected",
        "workflow.collect.damaged": "object {object}, needed by {needed}, is damaged in this clone and the hub {hub} could not give it again intact ({error}); nothing of {child}'s push was collected — ask {child}'s clerk to run `plancascade push` again, and run `git fsck` in the hub",
        "workflow.collect.damaged-at-hub": "{child}'s new push could not be fetched from the hub {hub} ({ref}: {error}) while the other children's could: an object of it is likely missing or damaged there; nothing of it was collected — ask {child}'s clerk to run `plancascade push` again, and run `git fsck` in the hub",
        "workflow.collect.no-hub": "this repository has no hub (remote origin) to fetch it from",
        "workflow.collect.not-at-hub": "the hub's {ref} does not hold it",
    ]
}
