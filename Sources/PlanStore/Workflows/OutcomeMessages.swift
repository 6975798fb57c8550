import PlanModel

/// What a workflow did, said as messages: the command line prints them one a line, the web
/// page shows them after the operation (the same words in both).
extension CollectWorkflow.Outcome {
    public var messages: [Message] {
        var lines: [Message] = []
        for item in collected {
            lines.append(Message("cli.collect.collected", [
                "child": .text(item.child), "head": .text(item.head.short), "count": .count(item.newCommits), "commit": .text(item.merge.short)]))
        }
        for item in rewritten {
            let verb = Message(item.accepted ? "cli.collect.accepted" : "cli.collect.not-collected")
            lines.append(Message("cli.collect.rewritten", [
                "child": .text(item.child), "pushed": .text(item.pushed.short), "collected": .text(item.collected.short), "verb": .message(verb)]))
        }
        for item in repaired {
            lines.append(Message("cli.collect.repaired", [
                "child": .text(item.child), "object": .text(String(item.object.hex.prefix(12))), "needed": .message(item.need.message)]))
        }
        for item in refused {
            lines.append(Message("cli.collect.refused", ["child": .text(item.child), "reason": .message(item.reason)]))
        }
        for child in skipped {
            lines.append(Message("cli.collect.skipped", ["child": .text(child)]))
        }
        if !unchanged.isEmpty { lines.append(Message("cli.collect.unchanged", ["children": .text(unchanged.joined(separator: ", "))])) }
        if collected.isEmpty && rewritten.isEmpty && refused.isEmpty && unchanged.isEmpty && skipped.isEmpty {
            lines.append(Message("cli.collect.none"))
        }
        return lines
    }

    /// Whether a child's push was refused or its rewritten history left out (exit 1).
    public var hasProblems: Bool { !refused.isEmpty || rewritten.contains { !$0.accepted } }
}

extension ApprovalWorkflow.Outcome {
    /// The decision as a person reads it, with what to do next (`push`).
    public var messages: [Message] {
        let what: [String: Message.Value] = ["child": .text(approval.child), "period": .period(approval.period.description)]
        guard let commit else {
            return [Message("cli.approve.already", what.merging([
                "state": .term("cli.approve.state.\(approval.state.rawValue)"), "by": .text(approval.by), "at": .text(approval.at.description)]) { a, _ in a })]
        }
        let done = what.merging(["commit": .text(commit.short), "reason": .text(approval.reason ?? "")]) { a, _ in a }
        var lines: [Message] = []
        switch approval.state {
        case .approved:
            lines.append(Message("cli.approve.approved", done))
            for (file, blob) in approval.files.sorted(by: { $0.key < $1.key }) {
                lines.append(.verbatim("  children/\(approval.child)/\(file) \(blob.prefix(7))"))
            }
        case .waived:
            lines.append(Message("cli.approve.waived", done))
        case .reopened:
            lines.append(Message("cli.approve.reopened", done))
        }
        lines.append(Message("cli.approve.push-it"))
        return lines
    }
}

extension PublishWorkflow.Outcome {
    public var messages: [Message] {
        var lines: [Message] = []
        if let commit {
            lines.append(Message("cli.publish.done", ["targets": .count(targetCount), "tasks": .count(taskCount), "commit": .text(commit.short)]))
        } else {
            lines.append(Message("cli.publish.already", ["commit": .text(targets.short)]))
        }
        if !approvalsPublished.isEmpty {
            lines.append(Message("approvals.published", ["count": .count(approvalsPublished.count), "children": .list(approvalsPublished.map { .text($0) })]))
        }
        if let hub = pushedTo { lines.append(Message("cli.publish.pushed", ["hub": .text(RemoteURL.redacted(hub))])) }
        return lines
    }
}
