import ArgumentParser
import Foundation
import PlanModel
import PlanStore

extension PlanCascade {
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check plan files, folders or unit repositories and report every problem.",
            discussion: """
                Each problem is printed as FILE:LINE:COLUMN: severity: message (at JSON path). \
                Checked: JSON syntax, duplicate keys, schema version, field types, unknown fields, \
                ids (no '/', '..', whitespace or control characters), duplicate ids, indicators \
                that are not declared, percentages outside 0–100, scores above their maximum, and \
                whether each file is in canonical form (a warning).

                Exit 0 when no error was found (warnings are allowed), 1 when any error was found.
                """)

        @Argument(help: "Files, folders or repositories to check (default: the repository containing the current directory).")
        var paths: [String] = []

        @Flag(help: "Rewrite valid files that are not in canonical form (in work trees and folders).")
        var fix = false

        @Flag(help: "Print the findings as JSON.")
        var json = false

        func run() throws {
            var findings: [Finding] = []
            var workflow = ValidateWorkflow(fix: fix)
            try reportingErrors { findings = try workflow.run(paths: paths) }
            let errors = findings.filter { $0.severity == .error }.count
            if json {
                print(try FindingsJSON.render(findings), terminator: "")
            } else {
                for file in workflow.fixed { print("\(file): rewritten in canonical form") }
                for finding in findings { print(finding.description) }
                let warnings = findings.count - errors
                if findings.isEmpty {
                    print("valid: no problems found")
                } else {
                    print("\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")")
                }
            }
            if errors > 0 { throw ExitCode(ExitCodes.problemsFound) }
        }
    }
}
