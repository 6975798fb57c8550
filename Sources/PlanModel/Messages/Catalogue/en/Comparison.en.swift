// The en catalogue, section "comparison": comparators, bands, the criteria tree's total and
// deductions, score aggregation across units and a unit's own year-on-year rules (issue 17
// parts 4 and 5; see Catalogue.swift).
// Data only: keep codes sorted, one entry a line.
extension Catalogue {
    static let englishComparison: [String: String] = [
        "comparison.cli.tree.bad-period": "--period '{text}' is not a period (2024, 2024-H1, 2024-Q3, 2024-10, 2024-11-18)",
        "comparison.cli.tree.column.code": "code",
        "comparison.cli.tree.column.deduction": "deducted",
        "comparison.cli.tree.column.max": "max",
        "comparison.cli.tree.column.name": "name",
        "comparison.cli.tree.column.note": "note",
        "comparison.cli.tree.column.rank": "target rank",
        "comparison.cli.tree.column.score": "score",
        "comparison.cli.tree.column.target": "target",
        "comparison.cli.tree.exact": "from the counts exactly {value}",
        "comparison.cli.tree.heading": "Criteria tree of {unit}, {year}; figures of {period}:",
        "comparison.cli.tree.legend": "Σ: the sum of the sub-criteria (not declared); total: the sum of the top-level criteria, shown only when each has one; deducted = score − max.",
        "comparison.cli.tree.no-period": "no period (no score reported)",
        "comparison.cli.tree.none": "No score indicators in this unit's plans; import a criteria tree (measure score) first, e.g. `plancascade import targets par-sipas-targets.csv --default measure=score`.",
        "comparison.cli.tree.total": "TOTAL",
        "comparison.help.target-set.comparator": "How figures are compared with the value: >=, >, <=, <, =, between (or the plans' words: tối thiểu, cao hơn, trên, không quá, dưới, từ … đến). A band is written as the value, e.g. 31–50. Default: the target's own, else >= (<= when lower is better).",
        "comparison.help.tree.abstract": "Show the criteria tree (PAR Index fields, criteria, sub-criteria) with its total, maxima, targets, target ranks, scores and deductions.",
        "comparison.help.tree.discussion": "The total (000 \"TỔNG ĐIỂM 100 / 91.65\", 003 \"Tổng cộng 86.2482 / −13.7518\") is computed from the tree, never typed: the sum of the top-level criteria. A parent without its own maximum, target or figure shows the sum of its children's (marked Σ). A score given as counts shows its exact value next to the 4-place score.\n\nExample: plancascade tree --year 2023 --period 2023",
        "comparison.help.tree.json": "Print the tree as JSON (unit, year, period, rows with code, name, depth, maxScore, target, targetRank, score, exactScore, note).",
        "comparison.help.tree.period": "The period whose own figures are shown (default: the latest of the year with a score figure).",
        "comparison.help.tree.year": "The plan year (default: the latest year with score indicators).",
        "comparison.import.against-direction": "comparator '{comparator}' asks for {other} figures but the indicator's direction is {direction}; write the direction column ({other}) or the comparator the other way round",
        "comparison.import.bad-rank": "target rank '{text}' is not a rank such as 10/63 or 10 (a whole number from 1, not above the number ranked)",
        "comparison.import.band-order": "the band {low}–{high} runs backwards; write the lower end first, e.g. 31–50",
        "comparison.import.not-band": "target '{text}' is not a band; a 'between' target is written with its two ends, e.g. 31–50 or từ 31 đến 50",
        "comparison.import.score-sum": "score indicator {indicator} may not roll up as 'sum': a unit's score is its own, never the sum of its children's (two districts' 1.5 would give the province 3 of a maximum 1.5); leave aggregation empty (none) or write mean",
        "comparison.import.unknown-comparator": "comparator '{text}' is not one of >=, >, <=, <, =, between (or tối thiểu, cao hơn, trên, không quá, thấp hơn, dưới, bằng, từ … đến); leave it empty for >= (<= when lower is better)",
        "comparison.target-set.against-direction": "asks figures to go the other way from {indicator}'s direction ({direction}); use the comparator of that direction or change the indicator",
        "comparison.target-set.band-needed": "is one number, but a 'between' target needs a band; write both ends, e.g. 31–50",
        "comparison.target-set.unknown-comparator": "is not one of >=, >, <=, <, =, between (or tối thiểu, cao hơn, trên, không quá, thấp hơn, dưới, bằng, từ … đến)",
        "comparison.validation.band-without-bound": "target {code} has comparator 'between' but no 'bound' (the band's other end); write both ends, e.g. value 50 and bound 31 for the rank band 31–50",
        "comparison.validation.bound-without-band": "target {code} has a 'bound' but comparator '{comparator}'; a bound belongs only to a 'between' band: remove it or write comparator between",
        "comparison.validation.max-sum": "criterion {code} has maximum {max}, but its sub-criteria {children} sum to {sum}; a parent's maximum is the sum of its children's (000 Phụ lục I): correct the maximum or the sub-criteria",
        "comparison.validation.target-sum": "criterion {code} has target {target}, but its sub-criteria {children} sum to {sum}; a parent's target is the sum of its children's (000 Phụ lục I): correct the target or the sub-criteria",
    ]
}
