import PlanModel

extension CheckRules {
    /// Targets of `unit` weaker than what the parent assigned them (error `below-assigned`):
    /// the value the parent's rule produced for this unit, or the parent's explicit
    /// assignment (``Derivation/assigned(for:)``). A target also weaker than its inherited
    /// floor is left to ``belowInherited(unit:year:targets:indicators:derived:prefix:)``.
    /// - Parameter prefix: the unit's folder (`""`, `children/<id>/`), for `file`.
    public static func belowAssigned(
        unit: String, year: Int, targets: [String: Target], indicators: [String: Indicator], prefix: String = ""
    ) -> [Finding] {
        targets.sorted { $0.key < $1.key }.compactMap { code, target in
            let direction = indicators[code]?.direction ?? (target.comparator == .atMost ? .lower : .higher)
            guard let provenance = target.provenance, let assigned = Derivation.assigned(for: target),
                  Derivation.isBelow(target, floor: assigned, direction: direction),
                  !Derivation.isWeakerThanInherited(target, direction: direction) else { return nil }
            return Finding(
                .error, .belowAssigned, unit: unit, year: year, indicator: code,
                file: prefix + "plans/\(year)/targets/\(code).json",
                expected: "\(target.comparator.rawValue) \(assigned)", actual: "\(target.comparator.rawValue) \(target.value)",
                message: Message("scope.check.below-assigned", [
                    "indicator": .text(code), "value": .number(target.value), "unit": .text(unit), "assigned": .number(assigned),
                    "rule": .text(provenance.rule), "parent": .text(provenance.parentUnit),
                    "commit": .text(String(provenance.parentCommit.prefix(7))),
                    "command": .text("plancascade target set \(code) \(assigned)"),
                ]))
        }
    }
}
