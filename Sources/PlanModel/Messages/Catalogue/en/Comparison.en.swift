// The en catalogue, section "comparison": comparators, bands, the criteria tree's total and
// deductions, score aggregation across units and a unit's own year-on-year rules (issue 17
// parts 4 and 5; see Catalogue.swift).
// Data only: keep codes sorted, one entry a line.
extension Catalogue {
    static let englishComparison: [String: String] = [
        "comparison.import.against-direction": "comparator '{comparator}' asks for {other} figures but the indicator's direction is {direction}; write the direction column ({other}) or the comparator the other way round",
        "comparison.import.band-order": "the band {low}–{high} runs backwards; write the lower end first, e.g. 31–50",
        "comparison.import.bad-rank": "target rank '{text}' is not a rank such as 10/63 or 10 (a whole number from 1, not above the number ranked)",
        "comparison.import.not-band": "target '{text}' is not a band; a 'between' target is written with its two ends, e.g. 31–50 or từ 31 đến 50",
        "comparison.import.score-sum": "score indicator {indicator} may not roll up as 'sum': a unit's score is its own, never the sum of its children's (two districts' 1.5 would give the province 3 of a maximum 1.5); leave aggregation empty (none) or write mean",
        "comparison.import.unknown-comparator": "comparator '{text}' is not one of >=, >, <=, <, =, between (or tối thiểu, cao hơn, trên, không quá, thấp hơn, dưới, bằng, từ … đến); leave it empty for >= (<= when lower is better)",
    ]
}
