// The en catalogue, section "child": what a parent refuses in a child's push (see Catalogue.swift).
// Data only: keep codes sorted, one entry a line.
extension Catalogue {
    static let englishChild: [String: String] = [
        "child.children-not-folder": "{unit}'s {path} is not a folder; a unit's children/ holds one folder per collected child",
        "child.document-too-large": "{child} sends {path} of {size} bytes, more than the {limit} bytes a document may have here; ask {child}'s clerk to remove it and push again (the hub's limit is `git config plancascade.maxDocumentBytes`)",
        "child.edited-collected": "{unit}'s {path} differs from what {id} pushed (collected as {commit}): a collected child's files were edited after the collect; ask {unit}'s clerk to collect {id} again instead of editing its files",
        "child.invalid-document": "{child} sends a document that does not validate: {finding}; ask {child}'s clerk to correct it (`plancascade validate` lists every problem) and push again",
        "child.invented-unit": "{unit}'s {path} is a unit {unit} does not register in its unit.json: an invented unit is never counted; ask {unit}'s clerk to remove {path} and push again",
        "child.never-collected": "{unit}'s {path} was never collected by {unit} from {id}'s own pushes: its figures are nobody's report and are never counted; ask {unit}'s clerk to remove it, then collect {id}",
        "child.push-too-large": "{child} sends more than {limit} bytes of new documents at once, more than a push may bring here; ask {child}'s clerk what was added (the hub's limit is `git config plancascade.maxPushBytes`)",
        "child.refused": "{child}: {reason}; nothing of {child}'s push was collected",
        "child.stray-file": "{unit}'s {path} is a file where only child folders may be; ask {unit}'s clerk to remove it and push again",
        "child.too-deep": "{child} sends {path}, deeper than the {limit} folder levels a unit's folder may have; ask {child}'s clerk to remove it and push again (the hub's limit is `git config plancascade.maxDepth`)",
        "child.too-many-entries": "{child} sends more than {limit} new files and folders at once; ask {child}'s clerk what was added (the hub's limit is `git config plancascade.maxNewEntries`)",
        "hook.child-push-writes-other-ref": "{ref}: a push that writes {child}'s reported history may write nothing else, and this one also writes {ref}; push refs/children/{child}/main alone (the hub's own clerk pushes main and targets separately)",
        "workflow.hook.forged-pull": "{ref} {commit} ({author}): a commit that claims to be a pull is not one: {reason}; its targets are judged as hand edits — push the pull that `plancascade pull` writes",
        "workflow.hook.forged-pull.mismatch": "{path} is not what the targets published as {named} give this unit",
        "workflow.hook.forged-pull.unknown": "it names parent commit {named}, which is not among the targets this hub published",
        "hook.one-child-per-push": "{ref}: one push writes one child's history only, and this one writes {children}'s; each child pushes its own refs/children/<id>/main",
    ]
}
