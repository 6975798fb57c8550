import Cascade
import Foundation
import Git
import PlanModel

/// The client `pre-commit` hook: what `git commit` is about to record must be valid, and no
/// staged target may be weaker than what the unit inherited.
public struct PreCommitCheck {
    public init() {}

    /// Error findings for the staged files of the unit's own documents (not `children/`).
    public func run(in repository: UnitRepository) throws -> [Finding] {
        let git = repository.git
        var files: [(path: String, bytes: [UInt8])] = []
        for (path, oid) in try git.stagedFiles() where path.hasSuffix(".json") && !path.hasPrefix("children/") {
            files.append((path, try git.blob(oid)))
        }
        files.sort { $0.path < $1.path }
        var findings = TreeValidator.validate(files: files).filter { $0.severity == .error }
        let broken = Set(findings.map(\.file))
        var indicators: [String: Indicator] = [:]
        for file in files where DocumentPath(file.path)?.kind == .indicator && !broken.contains(file.path) {
            if let indicator = try? CanonicalJSON.decode(Indicator.self, from: file.bytes, file: file.path) {
                indicators["\(DocumentPath(file.path)?.year ?? 0)/\(indicator.code)"] = indicator
            }
        }
        for file in files where DocumentPath(file.path)?.kind == .target && !broken.contains(file.path) {
            guard let target = try? CanonicalJSON.decode(Target.self, from: file.bytes, file: file.path),
                  let indicator = indicators["\(DocumentPath(file.path)?.year ?? 0)/\(target.indicator)"],
                  let floor = Derivation.strictestFloor(for: target, direction: indicator.direction),
                  Derivation.isBelow(target, floor: floor, direction: indicator.direction) else { continue }
            findings.append(Finding(
                severity: .error, kind: "below-inherited",
                message: .untranslated("target \(target.indicator) \(target.value) is weaker than the \(floor) inherited by rule \(target.provenance?.rule ?? "") of \(target.provenance?.parentUnit ?? "the parent"); "
                    + "raise it, or record it knowingly with `plancascade target set \(target.indicator) \(target.value) --force`"),
                file: file.path, line: nil, column: nil, path: "$.value"))
        }
        return findings
    }
}
