// The en catalogue, section "maintain": keeping object stores compact (`plancascade
// maintain`, and the consolidation after every transfer) (see Catalogue.swift).
// Data only: keep codes sorted, one entry a line.
extension Catalogue {
    static let englishMaintain: [String: String] = [
        "cli.maintain.compact": "{what} {place}: already compact ({packs} {packs|pack|packs}, {loose} {loose|loose object|loose objects}); nothing to do",
        "cli.maintain.done": "{what} {place}: {packs} {packs|pack|packs} and {loose} {loose|loose object|loose objects} → {packs-after} {packs-after|pack|packs} and {loose-after} {loose-after|loose object|loose objects}; nothing was lost (`git fsck` checks it)",
        "cli.root.line.maintain": "keep the repository and its hubs compact",
        "help.maintain.abstract": "Keep the repository compact: roll its small packs and loose objects into one.",
        "help.maintain.all": "Roll every pack and loose object into a single pack (packs marked .keep stay).",
        "help.maintain.discussion": "Every collect, pull, sync and push to a hub on this machine adds one pack of objects; the tool rolls the small ones together by itself after each of them, so that each pack left holds at least twice the objects of all smaller ones (as `git repack --geometric=2 -d`). Run it in a working clone, or in a bare hub's folder; it is safe while others push and fetch. A hub on a git server is kept compact by the server itself (`git gc --auto`).",
        "help.maintain.hubs": "Also the clone's hubs (origin and parent) that are folders on this machine.",
        "maintain.failed": "cannot roll up the object store ({detail}); nothing was removed: run `git fsck` there, and `plancascade maintain` again once it is clean",
        "term.maintain.clone": "Working clone",
        "term.maintain.hub": "Hub",
    ]
}
