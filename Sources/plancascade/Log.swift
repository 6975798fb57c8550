import ArgumentParser
import Foundation
import PlanModel
import PlanStore

extension PlanCascade {
    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The semantic history: who changed which target, task, rule or figure, when, from what to what.",
            discussion: """
                One line per changed field, newest commit first: date, unit, author, what changed \
                from what to what (a derived target with the rule, parent and base it came from), \
                the commit, and its authority when the tool recorded one (the parent version a pull \
                derived from, the child head a collect merged, a value forced below what was \
                inherited). Children's own commits, reached through collect merges, are listed \
                with their own authors and dates.
                """)

        @Argument(help: "Only changes of this indicator or task.")
        var item: String?

        @Option(help: "Only changes of this unit's documents (the unit itself or a collected descendant).")
        var unit: String?

        @Option(help: "Only commits authored on or after this day, YYYY-MM-DD.")
        var since: String?

        @Option(help: "Only commits authored on or before this day, YYYY-MM-DD.")
        var until: String?

        @Flag(help: "Print {\"schema\": 1, \"changes\": [{commit, author, date, unit, subject, item, field, old, new, summary, …}]}.")
        var json = false

        func validate() throws {
            for (name, value) in [("--since", since), ("--until", until)] {
                if let value, CivilDate(value) == nil { throw ValidationError("\(name) '\(value)' is not a date YYYY-MM-DD") }
            }
        }

        func run() throws {
            try reportingErrors {
                let options = LogQuery.Options(item: item, unit: unit, since: since.flatMap(CivilDate.init), until: until.flatMap(CivilDate.init))
                let entries = try LogQuery(options).run(in: try UnitRepository.open(at: ".", notice: notify, reading: true))
                if json {
                    print(String(decoding: try CanonicalJSON.encode(Envelope(changes: entries)), as: UTF8.self), terminator: "")
                    return
                }
                if entries.isEmpty { print(text("log.no-changes")); return }
                for entry in entries { print(Self.line(entry)) }
            }
        }

        struct Envelope: Encodable {
            let schema = 1
            let changes: [LogQuery.Entry]
        }

        /// `2024-06-17 buon-don Phòng Nội vụ Buôn Đôn: DVC-ONLINE 2024 target 50 → 55 (…) a2f5ae1 [pull from daklak@ee51d60]`.
        static func line(_ entry: LogQuery.Entry) -> String {
            say(Message("log.line", [
                "date": .date(entry.commit.date), "unit": .text(entry.change.unit), "author": .text(entry.commit.author),
                "summary": .message(entry.change.message), "commit": .text(entry.commit.short),
                "authority": entry.commit.authorityMessage.map { .message(Message("log.line.authority", ["authority": .message($0)])) } ?? .text(""),
            ]))
        }
    }
}
