@testable import Git
import PlanModel
@testable import PlanStore
import Testing

/// The one type that writes and reads the tool's commit trailers.
@Suite struct CommitTrailersTests {
    static let a = Oid(hex: String(repeating: "ab", count: 20))!
    static let b = Oid(hex: String(repeating: "cd", count: 20))!

    /// Each kind of commit the tool writes: the message as the code before `CommitTrailers`
    /// wrote it byte for byte, and the message built now.
    static let kinds: [(name: String, old: String, new: String)] = [
        ("init", "Initialise unit lak (UBND huyện Lắk)\n\nLevel: district\nParent-Unit: daklak\n",
         CommitTrailers.initialise(level: "district", parent: "daklak").message("Initialise unit lak (UBND huyện Lắk)")),
        ("init at the top", "Initialise unit daklak (UBND tỉnh)\n\nLevel: province\n",
         CommitTrailers.initialise(level: "province", parent: nil).message("Initialise unit daklak (UBND tỉnh)")),
        ("pull", "Pull targets from daklak (\(a.short))\n\n2024 DVC-ONLINE: added: target 55\n\nParent-Unit: daklak\nParent-Commit: \(a.hex)\n",
         CommitTrailers.pull(parent: "daklak", commit: a).message("Pull targets from daklak (\(a.short))\n\n2024 DVC-ONLINE: added: target 55")),
        ("empty pull", "Pull targets from daklak (\(a.short))\n\nParent-Unit: daklak\nParent-Commit: \(a.hex)\n",
         CommitTrailers.pull(parent: "daklak", commit: a).message("Pull targets from daklak (\(a.short))")),
        ("collect", "Collect lak (\(b.short))\n\n2 new commits from lak: Report 2024-Q3\n\nChild-Unit: lak\nChild-Commit: \(b.hex)\n",
         CommitTrailers.collect(child: "lak", commit: b, acceptedRewrite: nil).message("Collect lak (\(b.short))\n\n2 new commits from lak: Report 2024-Q3")),
        ("accepted rewrite", "Collect lak (\(b.short))\n\n1 new commit from lak: x\n\nChild-Unit: lak\nChild-Commit: \(b.hex)\nAccepted-Rewrite: \(a.hex)\n",
         CommitTrailers.collect(child: "lak", commit: b, acceptedRewrite: a).message("Collect lak (\(b.short))\n\n1 new commit from lak: x")),
        ("forced target", "Set target DVC-ONLINE 2024 to 40 (was 55)\n\nForced-Below-Inherited: 50\n",
         CommitTrailers.targetSet(forcedBelow: "50").message("Set target DVC-ONLINE 2024 to 40 (was 55)")),
        ("target", "Set target DVC-ONLINE 2024 to 60\n", CommitTrailers.targetSet(forcedBelow: nil).message("Set target DVC-ONLINE 2024 to 60")),
        ("approval", "Waive lak 2024-Q3\n\nno online procedures\n\nApproval: waived\n",
         CommitTrailers.approval(state: "waived").message("Waive lak 2024-Q3\n\nno online procedures")),
        ("report", "Report 2024-Q3 of lak: DVC-ONLINE 30/40\n", CommitTrailers.report(replaced: []).message("Report 2024-Q3 of lak: DVC-ONLINE 30/40")),
        ("report again", "Report 2024-Q3 of lak: DVC-ONLINE 35/40\n\nReplaces: DVC-ONLINE 30/40\nReplaces: PAY 2\n",
         CommitTrailers.report(replaced: [("DVC-ONLINE", "30/40"), ("PAY", "2")]).message("Report 2024-Q3 of lak: DVC-ONLINE 35/40")),
        ("publish", "Publish targets of daklak (3 targets)\n\nSource-Commit: \(a.hex)\n",
         CommitTrailers.publish(source: a).message("Publish targets of daklak (3 targets)")),
    ]

    @Test func everyKindIsWrittenByteForByteAsBefore() {
        for kind in Self.kinds { #expect(kind.new == kind.old, "\(kind.name)") }
    }

    @Test func everyKindReadsBackWhatWasWritten() {
        let pull = CommitTrailers(parsing: Self.kinds[2].old)
        #expect(pull.parentUnit == "daklak" && pull.parentCommit == Self.a && pull.isPull)
        #expect(pull == CommitTrailers.pull(parent: "daklak", commit: Self.a))
        let initial = CommitTrailers(parsing: Self.kinds[0].old)
        #expect(initial.last(.level) == "district" && initial.parentUnit == "daklak" && !initial.isPull)
        let collect = CommitTrailers(parsing: Self.kinds[5].old)
        #expect(collect.childUnit == "lak" && collect.childCommitText == Self.b.hex && collect.acceptedRewrite == Self.a.hex)
        #expect(CommitTrailers(parsing: Self.kinds[4].old).acceptedRewrite == nil)
        #expect(CommitTrailers(parsing: Self.kinds[6].old).forcedBelowInherited == "50")
        #expect(CommitTrailers(parsing: Self.kinds[7].old).isEmpty)
        #expect(CommitTrailers(parsing: Self.kinds[8].old).approval == "waived")
        #expect(CommitTrailers(parsing: Self.kinds[11].old).sourceCommit == Self.a.hex)
        #expect(CommitTrailers(parsing: Self.kinds[10].old).values(.replaces) == ["DVC-ONLINE 30/40", "PAY 2"])
        // Every key, written and read back in order.
        var all = CommitTrailers()
        for (index, key) in CommitTrailers.Key.allCases.enumerated() { all.append(key, "value \(index)") }
        let read = CommitTrailers(parsing: all.message("Subject\n\nBody"))
        #expect(read == all)
        for (index, key) in CommitTrailers.Key.allCases.enumerated() { #expect(read.values(key) == ["value \(index)"]) }
    }

    @Test func parsingAgreesWithGitsReadingOfTheLastParagraph() throws {
        let messages = Self.kinds.map(\.old) + [
            "One paragraph only\nParent-Commit: x\n", "", "\n\n", "Subject\n\nParent-Commit:   spaced  \n\n\n",
            "Subject\n\nParent-Commit: first\nParent-Commit: second\nNot a trailer\n",
        ]
        for message in messages {
            let trailers = CommitTrailers(parsing: message)
            for key in CommitTrailers.Key.allCases {
                #expect(trailers.values(key) == Self.gitTrailers(message, key.rawValue), "\(key.rawValue) in \(message.debugDescription)")
            }
        }
    }

    /// `Commit.trailers(_:)` of the Git module, the reading every caller used before.
    static func gitTrailers(_ message: String, _ key: String) -> [String] {
        let commit = Commit(
            oid: a, tree: a, parents: [], author: Signature(name: "a", email: "a@b", time: 0, offsetMinutes: 0),
            committer: Signature(name: "a", email: "a@b", time: 0, offsetMinutes: 0), message: message)
        return commit.trailers(key)
    }
}
