import Git
import PlanModel
import PlanStore
import Testing

/// Every `PlanStoreError` says itself through the catalogue: the English of before, a
/// Vietnamese text, and nothing missing (no `«code»`, no `‹argument?›`) in any language.
@Suite struct PlanStoreErrorMessageTests {
    static let all: [PlanStoreError] = [
        .noIdentity(missing: "name"), .noIdentity(missing: "email"),
        .badDate(variable: "GIT_AUTHOR_DATE", value: "soon"),
        .notAUnitRepository(path: "/tmp/x"), .alreadyExists(path: "x"),
        .invalidArgument(name: "--level", value: "a b", reason: Message("workflow.child.own-id")),
        .invalidArgument(name: "child id", value: "x", reason: Message("workflow.child.own-id")),
        .invalidDocument(path: "plans/2024/targets/A.json", findings: ["one", "two"]),
        .dirtyWorkTree(paths: ["a", "b", "c", "d", "e", "f"]),
        .concurrentUpdate(reference: "refs/heads/main"),
        .pushRejected(reference: "refs/heads/main", remote: "https://clerk:secret@hub.example/x.git",
                      reason: Message("error.push-reason", ["rejection": .text("non-fast-forward"), "hint": .message(Message("workflow.push.hub-ahead"))]),
                      serverMessages: "  remote: closed\n"),
        .hookDeclined(reference: "refs/children/x/main", remote: "hubs/x.git", problems: [Message("workflow.hook.delete", ["ref": .text("refs/children/x/main")])]),
        .noParent(unit: "x"), .parentNotPublished(url: "hubs/daklak.git"),
        .unknownIndicator(code: "NOPE", year: 2024, known: ["A", "B"]), .unknownIndicator(code: "NOPE", year: nil, known: []),
        .belowInherited(indicator: "DVC-ONLINE", value: "49.5", floor: "50", origin: Message("workflow.origin.parent")),
        .invalidInput(findings: ["f.csv:2: error: bad"]), .noRemotes(unit: "x"),
        .unresolvedConflicts(count: 1), .unresolvedConflicts(count: 3),
        .historyRewritten(child: "ea-nuol", collected: String(repeating: "a", count: 40), pushed: String(repeating: "b", count: 40)),
        .approvalRefused(child: "ea-nuol", period: "2024-Q3", reason: Message("workflow.approval.empty-reason")),
        .git(GitError(code: .generic, message: "unsupported URL protocol", function: "git_remote_fetch")),
        .io(path: "x.csv", reason: Message("error.io.unreadable-file")),
    ]

    @Test func everyErrorRendersCompletelyInEveryLanguage() {
        for error in Self.all {
            for language in Language.allCases {
                let text = error.message.rendered(in: language)
                #expect(!text.contains("«") && !text.contains("‹"), "\(language): \(text)")
                // Only the finding lines other layers hand over as English are marked untranslated.
                let carriesLines = ["error.invalid-document", "error.invalid-input"].contains(error.message.code)
                #expect(!text.contains("⚠") || carriesLines, "\(language): \(text)")
            }
            #expect(error.description == error.message.rendered(in: .english))
            #expect(error.message.rendered(in: .vietnamese) != error.description || error.message.code == "error.io" || error.message.code == "error.git",
                    "\(error.message.code) has no Vietnamese")
        }
    }

    @Test func theEnglishIsWhatItWas() {
        #expect(PlanStoreError.unresolvedConflicts(count: 1).description.hasPrefix("1 merge conflict is unresolved;"))
        #expect(PlanStoreError.unresolvedConflicts(count: 2).description.hasPrefix("2 merge conflicts are unresolved;"))
        #expect(PlanStoreError.dirtyWorkTree(paths: ["a", "b", "c", "d", "e", "f"]).description
            == "the work tree has uncommitted changes (a, b, c, d, e, …); commit them with `git commit` or discard them with `git checkout -- .` first")
        #expect(PlanStoreError.pushRejected(reference: "refs/heads/main", remote: "https://clerk:secret@hub.example/x.git", reason: "non-fast-forward",
                                            serverMessages: "  remote: closed\n").description
            == "https://clerk:***@hub.example/x.git refused refs/heads/main: non-fast-forward\nremote: closed")
        #expect(PlanStoreError.unknownIndicator(code: "NOPE", year: nil, known: []).description
            == "indicator 'NOPE' is not declared in plans/<year>/indicators/ (none is declared yet); add it with `plancascade import targets <csv>` or pull it from the parent")
        #expect(PlanStoreError.git(GitError(code: .generic, message: "boom", function: "git_x")).description == "git_x failed: boom")
        #expect(PlanStoreError.invalidInput(findings: ["a", "b"]).description == "a\nb\nnothing was committed; correct the rows above and run the command again")
        // A word is the catalogue's, an option is typed as it is.
        let word = PlanStoreError.invalidArgument(name: "child id", value: "x", reason: Message("workflow.child.own-id"))
        #expect(word.description == "child id 'x' is this unit's own id")
        #expect(word.message.rendered(in: .vietnamese) == "mã đơn vị cấp dưới 'x' là mã của chính đơn vị này")
        #expect(PlanStoreError.belowInherited(indicator: "A", value: "49.5", floor: "50", origin: Message("workflow.origin.parent"))
            .message.rendered(in: .vietnamese).hasPrefix("A 49,5 kém hơn mức 50"))
        // A String reason still compiles, marked untranslated.
        #expect(PlanStoreError.io(path: "p", reason: "cannot").message.rendered(in: .pseudo) == "⟦{path}: {reason}⟧".replacingOccurrences(of: "{path}", with: "p").replacingOccurrences(of: "{reason}", with: "⚠cannot"))
    }
}
