import Git
import PlanModel


/// What a parent checks in a child's pushed head before anything of it reaches the parent's
/// tree, index or rollup — the same for `collect` and for the hub's `pre-receive`, with or
/// without the hook, because every child is treated as hostile input:
///
/// - **Bounds** (``ChildPolicy``): no document larger than the limit, no more new bytes or
///   entries than the limit in one go, no path deeper than the limit below its unit's folder.
///   Sizes come from object headers, so an oversized blob is never inflated.
/// - **Layout**: `children/<id>/` only for a unit the child registers in its `unit.json` *and*
///   collected in its own history, holding exactly the tree that unit pushed (the
///   `Child-Commit` of the child's latest collect of it), checked the same way all the way
///   down. A folder a child made up, or a grandchild's figure the child edited after
///   collecting it, is refused: a parent never counts a figure no unit reported.
///
/// Only what differs from the tree accepted before (`known`) is walked.
struct ChildTreeCheck {
    let git: Repository
    let policy: ChildPolicy

    /// The first reason `collect` refuses `child`'s push `head` — an unsafe entry, a bound, an
    /// invalid document, the layout, an approval in force on `main` — nil when it may be
    /// collected. `check` asks the same question of every push not collected yet.
    func refusal(child: String, head: Oid, known: Oid?, main: Oid) throws -> Message? {
        if let problem = try problems(child: child, head: head, known: known).first { return problem }
        if let above = try figureAboveParentMaximum(child: child, head: head, known: known, main: main) { return above }
        return try ApprovalLocks.refusal(of: child, pushed: try git.commit(head).tree, main: main, git: git)
    }

    /// Every problem of `head` as pushed by `child`, an unsafe entry (``TreeSafety``) first;
    /// empty when it may be collected.
    /// - Parameter known: the child's tree as accepted before (collected, or the hub's ref).
    func problems(child: String, head: Oid, known: Oid?) throws -> [Message] {
        let tree = try git.commit(head).tree
        let (unsafe, bounds) = try walk(child: child, tree: tree, known: known)
        if !unsafe.isEmpty { return unsafe.map { Message("workflow.collect.unsafe", ["child": .text(child), "problem": .message($0)]) } }
        var problems = bounds
        guard problems.isEmpty else { return problems }
        if let leak = try credentialsInUnitFile(child: child, tree: tree) { return [leak] }
        if let error = try documentErrors(tree: tree, known: known).first {
            return [Message("child.invalid-document", ["child": .text(child), "finding": .message(error.lineMessage)])]
        }
        try layout(unit: child, head: head, tree: tree, known: known, path: "", into: &problems)
        return problems
    }

    /// A `unit.json` whose `parentHub` holds a password or token: never collected (it would be
    /// copied up the hierarchy), with the masked URL and the fix.
    func credentialsInUnitFile(child: String, tree: Oid) throws -> Message? {
        guard let entry = try git.entry(at: Layout.unitFile, in: tree),
              let document = try? CanonicalJSON.decode(PlanModel.Unit.self, from: try git.blob(entry.oid), file: Layout.unitFile),
              let hub = document.parentHub, RemoteURL.hasCredentials(hub) else { return nil }
        return Message("child.parent-hub-credentials", [
            "child": .text(child), "url": .text(RemoteURL.redacted(hub)), "clean": .text(RemoteURL.withoutCredentials(hub))])
    }

    /// The errors in the documents of the unit whose folder is `tree` (its own files, not
    /// `children/`) that changed since `known` — validated with every rule a commit of the
    /// unit meets, cross-file rules included, reading only the files those rules involve.
    /// Paths are shown under `path` (the unit's folder in the pushed tree).
    func documentErrors(tree: Oid, known: Oid?, path: String = "") throws -> [Finding] {
        var changes: [String: [UInt8]?] = [:]
        for file in try git.changedFiles(from: known, to: tree, skipping: Layout.childrenFolder) where file.hasSuffix(".json") {
            changes[file] = try git.entry(at: file, in: tree).map { try git.blob($0.oid) }
        }
        let errors = try TreeValidator.errors(
            after: changes,
            files: { folder in
                guard let known, let entry = try git.entry(at: folder, in: known), entry.kind == .tree else { return [] }
                return Array(try git.files(in: entry.oid, under: folder).keys)
            },
            read: { file in
                guard let known, let entry = try git.entry(at: file, in: known), entry.kind != .tree else { return nil }
                return try git.blob(entry.oid)
            })
        return errors.map { path.isEmpty ? $0 : $0.prefixed(by: path) }
            .sorted { ($0.file ?? "", $0.description) < ($1.file ?? "", $1.description) }
    }

    /// In one walk of what is new in `tree` since `known`: the entries no tree arriving from
    /// elsewhere may hold (``TreeSafety``), and the sizes, counts and depths over the bounds.
    private func walk(child: String, tree: Oid, known: Oid?) throws -> (unsafe: [Message], bounds: [Message]) {
        var unsafe: [Message] = []
        var problems: [Message] = []
        var bytes = 0, entries = 0
        // (path of the folder, its tree, the same folder accepted before, depth below its unit's folder)
        var pending: [(String, Oid, Oid?, Int)] = [("", tree, known, 0)]
        while let (base, oid, before, depth) = pending.popLast() {
            if oid == before { continue }
            let previous = try before.map { try Dictionary(git.tree($0).map { ($0.name, $0) }) { first, _ in first } } ?? [:]
            let folder = try git.tree(oid)
            let safety = TreeSafety.problems(in: folder, at: base)
            unsafe += safety.problems
            for entry in folder where previous[entry.name]?.oid != entry.oid && !safety.unsafe.contains(entry.name) {
                let path = base + entry.name
                entries += 1
                if entries > policy.maxNewEntries {
                    return (unsafe, [Message("child.too-many-entries", ["child": .text(child), "limit": .count(policy.maxNewEntries)])])
                }
                switch entry.kind {
                case .tree:
                    // `children/<id>/` starts a unit's folder again.
                    let isUnitFolder = base.hasSuffix("children/") && (depth == 1)
                    let below = isUnitFolder ? 0 : depth + 1
                    if below >= policy.maxDepth {
                        problems.append(Message("child.too-deep", [
                            "child": .text(child), "path": .text(Self.shortened(path)), "limit": .count(policy.maxDepth)]))
                        continue
                    }
                    let was = previous[entry.name].flatMap { $0.kind == .tree ? $0.oid : nil }
                    pending.append((path + "/", entry.oid, was, below))
                case .blob, .executable:
                    let size = try git.objectSize(entry.oid)
                    if size > policy.maxDocumentBytes {
                        problems.append(Message("child.document-too-large", [
                            "child": .text(child), "path": .text(path), "size": .count(size), "limit": .count(policy.maxDocumentBytes)]))
                    }
                    bytes += size
                    if bytes > policy.maxPushBytes {
                        problems.append(Message("child.push-too-large", ["child": .text(child), "limit": .count(policy.maxPushBytes)]))
                        return (unsafe, problems)
                    }
                case .symlink, .submodule:
                    break  // TreeSafety names these
                }
            }
        }
        return (unsafe, problems)
    }

    /// `children/` of the unit whose folder is `tree` (its head `head`): only registered,
    /// collected units, each exactly as it pushed, recursively.
    private func layout(unit: String, head: Oid, tree: Oid, known: Oid?, path: String, into problems: inout [Message]) throws {
        guard let folder = try git.entry(at: Layout.childrenFolder, in: tree) else { return }
        let shown = path + Layout.childrenFolder
        guard folder.kind == .tree else {
            problems.append(Message("child.children-not-folder", ["unit": .text(unit), "path": .text(shown)]))
            return
        }
        let before = try known.flatMap { try git.entry(at: Layout.childrenFolder, in: $0) }
        if before?.oid == folder.oid { return }
        let accepted = try before.map { try Dictionary(git.tree($0.oid).map { ($0.name, $0.oid) }) { first, _ in first } } ?? [:]
        let entries = try git.tree(folder.oid).filter { accepted[$0.name] != $0.oid }
        guard !entries.isEmpty else { return }
        let registered: Set<String>
        if let bytes = try git.entry(at: Layout.unitFile, in: tree).map({ try git.blob($0.oid) }),
           let document = try? CanonicalJSON.decode(PlanModel.Unit.self, from: bytes, file: path + Layout.unitFile) {
            registered = Set(document.children.map(\.id))
        } else {
            registered = []
        }
        let collected = try FirstParentTrailers(from: head, in: git).collected
        for entry in entries {
            let folderPath = shown + "/" + entry.name
            guard entry.kind == .tree else {
                problems.append(Message("child.stray-file", ["unit": .text(unit), "path": .text(folderPath)]))
                continue
            }
            guard registered.contains(entry.name) else {
                problems.append(Message("child.invented-unit", ["unit": .text(unit), "path": .text(folderPath), "id": .text(entry.name)]))
                continue
            }
            guard let grandchild = collected[entry.name], git.contains(grandchild) else {
                problems.append(Message("child.never-collected", ["unit": .text(unit), "path": .text(folderPath), "id": .text(entry.name)]))
                continue
            }
            let pushed = try git.commit(grandchild).tree
            guard pushed == entry.oid else {
                problems.append(Message("child.edited-collected", [
                    "unit": .text(unit), "path": .text(folderPath), "id": .text(entry.name), "commit": .text(grandchild.short)]))
                continue
            }
            let knownChild = try known.flatMap { try git.entry(at: Layout.childFolder(entry.name), in: $0) }.flatMap { $0.kind == .tree ? $0.oid : nil }
            if let error = try documentErrors(tree: entry.oid, known: knownChild, path: folderPath + "/").first {
                problems.append(Message("child.invalid-document", ["child": .text(unit), "finding": .message(error.lineMessage)]))
                continue
            }
            try layout(unit: entry.name, head: grandchild, tree: entry.oid, known: knownChild, path: folderPath + "/", into: &problems)
        }
    }

    /// A long path cut to its first folders (a 1,000-level path is not printed whole).
    static func shortened(_ path: String) -> String {
        let parts = path.split(separator: "/")
        guard parts.count > 6 else { return path }
        return parts.prefix(4).joined(separator: "/") + "/…/" + parts.suffix(1).joined()
    }
}
