import ArgumentParser
import Foundation
import PlanModel
import PlanStore

extension PlanCascade {
    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "log", 
            abstract: text("help.log.abstract"),
            discussion: text("help.log.discussion"))

        @Argument(help: helpText("help.log.item"))
        var item: String?

        @Option(help: helpText("help.log.unit"))
        var unit: String?

        @Option(help: helpText("help.log.since"))
        var since: String?

        @Option(help: helpText("help.log.until"))
        var until: String?

        @Flag(help: helpText("help.log.json"))
        var json = false

        func validate() throws {
            for (name, value) in [("--since", since), ("--until", until)] {
                if let value, CivilDate(value) == nil { throw ValidationError(text("cli.option.bad-date", ["option": .text(name), "date": .text(value)])) }
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
