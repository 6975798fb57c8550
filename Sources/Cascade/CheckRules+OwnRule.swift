import PlanModel

extension Finding.Kind {
    /// A target set (with `--force`) weaker than what the unit's own year-on-year rule gives
    /// over its own figure of the previous year (issue 17 part 5; warning).
    public static let belowOwnRule: Finding.Kind = "below-own-rule"
}

extension CheckRules {
    /// Targets of `unit` weaker than what their own year-on-year rule gave (``YearOnYear``,
    /// warning `below-own-rule`): 002 II.4 "cao hơn năm 2023 tối thiểu 0,1 điểm" over the
    /// unit's own 2023 figure, lowered afterwards with `--force`.
    /// - Parameter prefix: the unit's folder (`""`, `children/<id>/`), for `file`.
    public static func belowOwnRule(
        unit: String, year: Int, targets: [String: Target], indicators: [String: Indicator], prefix: String = ""
    ) -> [Finding] {
        targets.sorted { $0.key < $1.key }.compactMap { code, target in
            guard let versus = target.versus, let indicator = indicators[code] else { return nil }
            let strict: Comparator? = versus.rule == YearOnYearRule.higher.description
                ? (indicator.direction == .higher ? .above : .below) : nil
            guard Derivation.isWeaker(target.value, comparator: target.comparator, than: versus.derived,
                                      floorComparator: strict, direction: indicator.direction) else { return nil }
            let floor = Target(indicator: code, value: versus.derived, comparator: strict ?? Comparator(direction: indicator.direction))
            return Finding(
                .warning, .belowOwnRule, unit: unit, year: year, indicator: code,
                file: prefix + "plans/\(year)/targets/\(code).json", expected: floor.condition, actual: target.condition,
                message: Message("comparison.check.below-own-rule", versus.messageArguments.merging([
                    "indicator": .text(code), "unit": .text(unit), "value": .text(target.condition), "floor": .text(floor.condition),
                    "command": .text("plancascade target set \(code) --versus-previous \(versus.rule) --year \(year)"),
                ]) { _, new in new }))
        }
    }
}
