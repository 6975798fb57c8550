/// One year's score indicators and their targets, with the files they were read from.
struct CriteriaFiles {
    var indicators: [String: (Indicator, DocumentValidator.Checked)] = [:]
    var targets: [String: (Target, DocumentValidator.Checked)] = [:]
}

extension UnitCheck {
    /// A parent criterion whose maximum or target disagrees with the sum of its children's
    /// (warning `tree-sum`; 000 Phụ lục I: "every criterion with sub-criteria and every
    /// field equals the sum of its children, for both max and target"). Compared only when
    /// the parent and every child have one; a parent listed with only some of its children
    /// (003 lists only the criteria that lost points) is a warning too, to be looked at.
    mutating func checkCriteriaSums(_ year: CriteriaFiles) {
        let codes = Set(year.indicators.keys)
        for (parent, children) in CriteriaCodes.children(among: codes).sorted(by: { $0.key < $1.key }) {
            let (indicator, indicatorFile) = year.indicators[parent]!
            let maxima = children.compactMap { year.indicators[$0]?.0.maxScore }
            if let max = indicator.maxScore, maxima.count == children.count {
                let sum = maxima.reduce(Exact.zero, +)
                if sum != max {
                    report("tree-sum", Message("comparison.validation.max-sum", [
                        "code": .text(parent), "max": .number(max), "sum": .number(sum), "children": .list(children.map { .text($0) }),
                    ]), in: indicatorFile, at: JSONPath().appending(key: "maxScore"), severity: .warning)
                }
            }
            let targets = children.compactMap { year.targets[$0]?.0 }.filter { $0.comparator == .atLeast }
            if let (target, targetFile) = year.targets[parent], target.comparator == .atLeast, targets.count == children.count {
                let sum = targets.reduce(Exact.zero) { $0 + $1.value }
                if sum != target.value {
                    report("tree-sum", Message("comparison.validation.target-sum", [
                        "code": .text(parent), "target": .number(target.value), "sum": .number(sum),
                        "children": .list(children.map { .text($0) }),
                    ]), in: targetFile, at: JSONPath().appending(key: "value"), severity: .warning)
                }
            }
        }
    }

    /// A `between` target has its other end (`bound`) and no other target has one; the
    /// other end is within what the indicator can hold, like the value.
    mutating func checkBand(_ target: Target, _ indicator: Indicator, in file: DocumentValidator.Checked) {
        let at = JSONPath().appending(key: "bound")
        switch (target.comparator == .between, target.bound) {
        case (true, nil):
            report("missing-field", Message("comparison.validation.band-without-bound", ["code": .text(target.indicator)]),
                   in: file, at: JSONPath().appending(key: "comparator"))
        case (false, _?):
            report("type", Message("comparison.validation.bound-without-band", [
                "code": .text(target.indicator), "comparator": .text(target.comparator.rawValue)]), in: file, at: at)
        case (true, let bound?):
            if indicator.measure == .percent, bound < 0 || bound > 100 {
                report("range", Self.percentOutside("validation.value.target", bound, indicator.code), in: file, at: at)
            }
            if indicator.measure == .score, let max = indicator.maxScore, bound > max {
                report("range", Self.aboveMax("validation.value.target", bound, indicator.code, max: max), in: file, at: at)
            }
        case (false, nil):
            break
        }
    }
}
