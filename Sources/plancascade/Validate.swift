import ArgumentParser
import Foundation
import PlanModel
import PlanStore

extension PlanCascade {
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "validate", 
            abstract: text("help.validate.abstract"),
            discussion: text("help.validate.discussion"))

        @Argument(help: helpText("help.validate.paths"))
        var paths: [String] = []

        @Flag(help: helpText("help.validate.fix"))
        var fix = false

        @Flag(help: helpText("help.validate.json"))
        var json = false

        func run() throws {
            var findings: [Finding] = []
            var workflow = ValidateWorkflow(fix: fix)
            try reportingErrors { findings = try workflow.run(paths: paths) }
            let errors = findings.filter { $0.severity == .error }.count
            if json {
                print(try FindingsJSON.render(findings), terminator: "")
            } else {
                for file in workflow.fixed { print(text("cli.validate.fixed", ["file": .text(file)])) }
                for finding in findings { print(finding.rendered(in: language)) }
                let warnings = findings.count - errors
                if findings.isEmpty {
                    print(text("cli.validate.valid"))
                } else {
                    print(text("cli.validate.summary", ["errors": .count(errors), "warnings": .count(warnings)]))
                }
            }
            if errors > 0 { throw ExitCode(ExitCodes.problemsFound) }
        }
    }
}
