import ArgumentParser
import PlanModel
import PlanStore

extension PlanCascade {
    /// `plancascade plan show | set | report add | report remove`: `plans/<year>/plan.json`.
    struct PlanCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "plan", abstract: text("plandata.help.plan.abstract"), discussion: text("plandata.help.plan.discussion"),
            subcommands: [Show.self, Set.self, Report.self])

        struct YearOption: ParsableArguments {
            @Option(help: helpText("plandata.help.plan.year"))
            var year: Int?
        }

        struct Show: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "show", abstract: text("plandata.help.plan-show.abstract"))

            @OptionGroup var year: YearOption

            @Flag(help: helpText("plandata.help.plan-show.json"))
            var json = false

            func run() throws {
                try reportingErrors {
                    let shown = try PlanWorkflow().show(year: year.year, in: try UnitRepository.open(at: ".", notice: notify, reading: true))
                    if json {
                        print(String(decoding: try CanonicalJSON.encode(shown.plan ?? Plan(number: "", title: "", year: shown.year)), as: UTF8.self), terminator: "")
                        return
                    }
                    guard let plan = shown.plan else {
                        print(text("plandata.cli.no-plan", ["year": .year(shown.year), "file": .text(Layout.planFile(year: shown.year))]))
                        return
                    }
                    print(PlanCommand.render(plan), terminator: "")
                }
            }
        }

        struct Set: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "set", 
                abstract: text("plandata.help.plan-set.abstract"), discussion: text("plandata.help.plan-set.discussion"))

            @OptionGroup var year: YearOption

            @Option(help: helpText("plandata.help.plan-set.cadence"))
            var cadence: String?

            @Option(help: helpText("plandata.help.plan-set.window"))
            var window: String?

            @Flag(name: .customLong("no-cadence"), help: helpText("plandata.help.plan-set.no-cadence"))
            var noCadence = false

            @Flag(name: .customLong("no-window"), help: helpText("plandata.help.plan-set.no-window"))
            var noWindow = false

            @Option(help: helpText("plandata.help.plan-set.number"))
            var number: String?

            @Option(help: helpText("plandata.help.plan-set.title"))
            var title: String?

            @Option(help: helpText("plandata.help.plan-set.issued"))
            var issued: String?

            @Option(name: .customLong("child-plan-deadline"), help: helpText("plandata.help.plan-set.child-plan-deadline"))
            var childPlanDeadline: String?

            func validate() throws {
                if let cadence, ReportingCadence(rawValue: cadence) == nil {
                    throw ValidationError(text("plandata.cli.bad-cadence", [
                        "cadence": .text(cadence), "cadences": .list(ReportingCadence.allCases.map { .text($0.rawValue) })]))
                }
                if let window, DateWindow(window) == nil { throw ValidationError(text("plandata.cli.bad-window", ["window": .text(window)])) }
                for (name, value) in [("--issued", issued), ("--child-plan-deadline", childPlanDeadline)] {
                    if let value, CivilDate(value) == nil { throw ValidationError(text("cli.option.bad-date", ["option": .text(name), "date": .text(value)])) }
                }
                if noCadence && cadence != nil || noWindow && window != nil { throw ValidationError(text("plandata.cli.set-and-clear")) }
            }

            func run() throws {
                try reportingErrors {
                    let edit = PlanWorkflow.Edit(
                        number: number, title: title, issued: issued.flatMap(CivilDate.init), childPlanDeadline: childPlanDeadline.flatMap(CivilDate.init),
                        cadence: cadence.flatMap(ReportingCadence.init), window: window.flatMap(DateWindow.init),
                        clearCadence: noCadence, clearWindow: noWindow)
                    let outcome = try PlanWorkflow().set(year: year.year, edit, in: try UnitRepository.open(at: ".", notice: notify))
                    PlanCommand.printOutcome(outcome)
                }
            }
        }

        struct Report: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "report", 
                abstract: text("plandata.help.plan-report.abstract"), subcommands: [Add.self, Remove.self])

            struct Add: ParsableCommand {
                static let configuration = CommandConfiguration(commandName: "add", 
                    abstract: text("plandata.help.plan-report-add.abstract"), discussion: text("plandata.help.plan-report-add.discussion"))

                @Argument(help: helpText("plandata.help.plan-report-add.id"))
                var id: String

                @Option(help: helpText("plandata.help.plan-report-add.deadline"))
                var deadline: String

                @Option(help: helpText("plandata.help.plan-report-add.name"))
                var name: String?

                @Option(help: helpText("plandata.help.plan-report-add.covers"))
                var covers: String?

                @OptionGroup var year: YearOption

                func validate() throws {
                    if CivilDate(deadline) == nil { throw ValidationError(text("cli.option.bad-date", ["option": .text("--deadline"), "date": .text(deadline)])) }
                    if let covers, DateWindow(covers) == nil { throw ValidationError(text("plandata.cli.bad-window", ["window": .text(covers)])) }
                }

                func run() throws {
                    try reportingErrors {
                        let report = RequiredReport(id: id, name: name, deadline: CivilDate(deadline)!, covers: covers.flatMap(DateWindow.init))
                        let outcome = try PlanWorkflow().addReport(year: year.year, report, in: try UnitRepository.open(at: ".", notice: notify))
                        PlanCommand.printOutcome(outcome)
                    }
                }
            }

            struct Remove: ParsableCommand {
                static let configuration = CommandConfiguration(commandName: "remove", abstract: text("plandata.help.plan-report-remove.abstract"))

                @Argument(help: helpText("plandata.help.plan-report-add.id"))
                var id: String

                @OptionGroup var year: YearOption

                func run() throws {
                    try reportingErrors {
                        let outcome = try PlanWorkflow().removeReport(year: year.year, id: id, in: try UnitRepository.open(at: ".", notice: notify))
                        PlanCommand.printOutcome(outcome)
                    }
                }
            }
        }

        static func printOutcome(_ outcome: PlanWorkflow.Outcome) {
            let file = Layout.planFile(year: outcome.year)
            if let commit = outcome.commit {
                print(text("plandata.cli.committed", ["file": .text(file), "commit": .text(commit.short)]))
            } else {
                print(text("plandata.cli.unchanged", ["file": .text(file)]))
            }
            print(render(outcome.plan), terminator: "")
        }

        /// The plan's fields and its reporting, one per line.
        static func render(_ plan: Plan) -> String {
            var lines = [text("plandata.cli.plan", [
                "year": .year(plan.year),
                "number": plan.number.isEmpty ? .message(Message("plandata.cli.no-number")) : .text(plan.number),
                "title": plan.title.isEmpty ? .message(Message("plandata.cli.no-title")) : .text(plan.title)])]
            if let issued = plan.issued { lines.append(text("plandata.cli.issued", ["date": .date(issued)])) }
            if let deadline = plan.childPlanDeadline { lines.append(text("plandata.cli.child-plan-deadline", ["date": .date(deadline)])) }
            let reporting = plan.reporting ?? Reporting()
            lines.append(text("plandata.cli.cadence", [
                "cadence": reporting.cadence.map { .term("term.cadence.\($0.rawValue)") } ?? .message(Message("plandata.cli.cadence.default"))]))
            lines.append(reporting.window.map { text("plandata.cli.window", ["start": .date($0.start), "end": .date($0.end)]) }
                ?? text("plandata.cli.window.default", ["year": .year(plan.year)]))
            for report in reporting.reports {
                let covers = reporting.covered(by: report, year: plan.year)
                lines.append(text("plandata.cli.report", [
                    "id": .text(report.id), "name": .text(report.name ?? ""), "deadline": .date(report.deadline),
                    "start": .date(covers.start), "end": .date(covers.end)]))
            }
            if let parent = reporting.setBy { lines.append(text("plandata.cli.set-by", ["parent": .text(parent)])) }
            return lines.joined(separator: "\n") + "\n"
        }
    }
}
