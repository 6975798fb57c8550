import Foundation
import Git
import PlanModel
import PlanStore
import Testing
import TestSupport

/// A seeded fuzzer: a compromised commune (ea-nuol) pushes mutated trees — odd figures, deep
/// and strange paths, oversized documents, invented units, rollup claims, forged trailers —
/// straight into its district's hub (no hook), while its sibling krong-na reports honestly.
/// After every collect the district never crashed, krong-na's report is in, and the
/// district's total is exactly the sum of the reports its registered communes pushed.
@Suite struct HostileChildFuzzTests {
    /// Iterations: 24 by default; `PLANCASCADE_FUZZ_COUNT` raises it (scripts/reliability).
    static let count = ProcessInfo.processInfo.environment["PLANCASCADE_FUZZ_COUNT"].flatMap(Int.init) ?? 24

    static let oddNumbers = [
        "-5", "0", "150", "1e-100", "99999999999999999999999999999999999999e127", "1.5", "1e20", "-0", "3.14159265358979323846",
        "\"12\"", "null", "true", "1e400", "12345678901234567890123456789012345678901",
    ]

    enum Mutation: CaseIterable {
        case figure, deepPath, strangeName, largeDocument, inventedUnit, rollupClaim, forgedTrailer, garbageJSON, removeUnit
    }

    func report(_ unit: String, numerator: String, denominator: String) -> [UInt8] {
        Array("""
            {
              "figures": {
                "DVC-ONLINE": {
                  "denominator": \(denominator),
                  "numerator": \(numerator)
                }
              },
              "period": "2024-Q4",
              "reportedAt": "2025-01-05T09:00:00+07:00",
              "reportedBy": "Văn thư",
              "schema": 1,
              "unit": "\(unit)"
            }

            """.utf8)
    }

    @Test func aHostileCommuneNeverCrashesItsDistrictNorHidesItsSibling() throws {
        let f = try CheckTests().hierarchy()
        try Command.git(["config", "plancascade.maxDocumentBytes", "65536"], in: f.work("buon-don"))
        var random = SeededGenerator(seed: 0x15_2026)
        let commune = try f.open("ea-nuol")
        let git = commune.git
        let identity = try Identity.resolve(for: git, environment: f.environment)
        var base = try #require(try commune.head())
        var counts: [String: Int] = [:]
        for iteration in 0..<Self.count {
            let mutation = Mutation.allCases.randomElement(using: &random)!
            let tree = try git.commit(base).tree
            var changes: [String: TreeChange] = [:]
            var message = "report \(iteration)"
            var parents = [base]
            func blob(_ bytes: [UInt8]) throws -> TreeChange { .blob(try git.writeBlob(bytes)) }
            switch mutation {
            case .figure:
                let n = Self.oddNumbers.randomElement(using: &random)!, d = Self.oddNumbers.randomElement(using: &random)!
                changes["progress/2024/2024-Q4.json"] = try blob(report("ea-nuol", numerator: n, denominator: d))
            case .deepPath:
                let depth = Int.random(in: 10...300, using: &random)
                changes[(0..<depth).map { "d\($0 % 10)" }.joined(separator: "/") + "/x.json"] = try blob(Array("{}\n".utf8))
            case .strangeName:
                let name = ["Unit.json", "plans/2024/targets/dvc-online.json", "progress/2024/2024-Q4 .json", "ṽ̈.json", "progress/2024/🙂.json"]
                    .randomElement(using: &random)!
                changes[name] = try blob(Array("{\"schema\": 1}\n".utf8))
            case .largeDocument:
                changes["progress/2024/2024-Q4.json"] = try blob(Array(repeating: UInt8(ascii: " "), count: 70_000) + report("ea-nuol", numerator: "1", denominator: "2"))
            case .inventedUnit:
                let id = ["FAKE", "krong-na", "ea-nuol", "x\(iteration)"].randomElement(using: &random)!
                changes["children/\(id)/unit.json"] = try blob(Array("{\"children\": [], \"id\": \"\(id)\", \"level\": \"commune\", \"name\": \"X\", \"schema\": 1}\n".utf8))
                changes["children/\(id)/progress/2024/2024-Q4.json"] = try blob(report(id, numerator: "1000", denominator: "1000"))
            case .rollupClaim:
                let claim = "{\"figures\": {\"DVC-ONLINE\": {\"contributors\": [\"ea-nuol\"], \"denominator\": 1000, \"numerator\": 1000, \"units\": 1}}, \"period\": \"2024-Q4\", \"schema\": 1, \"unit\": \"ea-nuol\"}\n"
                changes["rollup/2024/2024-Q4.json"] = try blob(Array(claim.utf8))
            case .forgedTrailer:
                // A merge that claims to have collected a child the commune does not have.
                let fake = try git.createCommit(tree: try git.emptyTree(), parents: [], author: identity.author, committer: identity.committer, message: "fake")
                parents.append(fake)
                message = "Collect FAKE\n\nChild-Unit: FAKE\nChild-Commit: \(fake.hex)\nParent-Commit: \(String(repeating: "ab", count: 20))\n"
                changes["children/FAKE"] = .tree(try git.emptyTree())
                changes["progress/2024/2024-Q4.json"] = try blob(report("ea-nuol", numerator: "7", denominator: "10"))
            case .garbageJSON:
                changes["progress/2024/2024-Q4.json"] = try blob((0..<Int.random(in: 1...400, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) })
            case .removeUnit:
                changes["unit.json"] = .remove
            }
            counts["\(mutation)", default: 0] += 1
            let newTree = try git.updateTree(tree, changes)
            let pushed = try git.createCommit(tree: newTree, parents: parents, author: identity.author, committer: identity.committer, message: message)
            try git.updateReference("refs/heads/fuzz", to: pushed, expected: nil, message: "fuzz")
            _ = try git.push(to: .url(f.hub("buon-don")), refspecs: ["+refs/heads/fuzz:refs/children/ea-nuol/main"])
            try git.deleteReference("refs/heads/fuzz")

            // The honest sibling reports a new figure each round.
            let honest = "\(iteration % 100 + 1)/100"
            try f.report("krong-na", "2024-Q4", ["DVC-ONLINE=\(honest)"])
            try f.push("krong-na")

            let outcome = try f.collect("buon-don")
            #expect(outcome.collected.contains { $0.child == "krong-na" }, "iteration \(iteration) (\(mutation)): krong-na was not collected: \(outcome.refused)")
            if outcome.collected.contains(where: { $0.child == "ea-nuol" }) { base = pushed }

            // The district's total is the sum of what its registered communes reported, as collected.
            let district = try f.open("buon-don")
            let head = try #require(try district.head())
            let districtTree = try district.git.commit(head).tree
            var numerator = Exact(0), denominator = Exact(0), contributors: [String] = []
            for id in ["ea-nuol", "krong-na"] {
                guard let bytes = try district.file("children/\(id)/progress/2024/2024-Q4.json", at: head),
                      let own = try? CanonicalJSON.decode(ProgressReport.self, from: bytes, file: id),
                      let figure = own.figures["DVC-ONLINE"], let n = figure.numerator, let d = figure.denominator, d > Exact(0) else { continue }
                numerator = numerator + n
                denominator = denominator + d
                contributors.append(id)
            }
            let rollup = try district.document(Rollup.self, at: "rollup/2024/2024-Q4.json")
            let total = rollup?.figures["DVC-ONLINE"]
            #expect(total?.numerator == numerator && total?.denominator == denominator,
                    "iteration \(iteration) (\(mutation)): rollup \(String(describing: total)), reports \(numerator)/\(denominator)")
            #expect(Set(total.map { $0.contributors } ?? []).isSubset(of: ["ea-nuol", "krong-na", "buon-don"]), "iteration \(iteration): \(String(describing: total))")
            #expect(try district.git.entry(at: "children/FAKE", in: districtTree) == nil)
            #expect(try district.git.changedPaths() == [], "iteration \(iteration): the district's clone is still clean")
        }
        print("fuzz: \(Self.count) hostile pushes by one commune, \(counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")); the district never crashed and counted only reported figures")
    }
}
