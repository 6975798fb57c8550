// The vi catalogue, section "comparison": comparators, bands, the criteria tree's total and
// deductions, score aggregation across units and a unit's own year-on-year rules (issue 17
// parts 4 and 5; see Catalogue.swift).
// Data only: keep codes sorted, one entry a line.
extension Catalogue {
    static let vietnameseComparison: [String: String] = [
        "comparison.import.against-direction": "phép so sánh '{comparator}' đòi số liệu theo hướng {other} nhưng chỉ tiêu có hướng {direction}; hãy ghi cột direction ({other}) hoặc đổi chiều phép so sánh",
        "comparison.import.band-order": "khoảng {low}–{high} bị ghi ngược; hãy ghi đầu thấp trước, ví dụ 31–50",
        "comparison.import.bad-rank": "thứ hạng phấn đấu '{text}' không phải là thứ hạng như 10/63 hoặc 10 (số nguyên từ 1, không lớn hơn số đơn vị được xếp hạng)",
        "comparison.import.not-band": "mục tiêu '{text}' không phải là một khoảng; mục tiêu 'between' ghi hai đầu, ví dụ 31–50 hoặc từ 31 đến 50",
        "comparison.import.score-sum": "chỉ tiêu điểm {indicator} không được tổng hợp theo kiểu 'sum': điểm của một đơn vị là điểm của chính đơn vị đó, không bao giờ là tổng điểm của các đơn vị cấp dưới (hai huyện đạt 1,5 sẽ cho tỉnh 3 trên điểm tối đa 1,5); hãy để trống cột aggregation (none) hoặc ghi mean",
        "comparison.import.unknown-comparator": "phép so sánh '{text}' không thuộc >=, >, <=, <, =, between (hoặc tối thiểu, cao hơn, trên, không quá, thấp hơn, dưới, bằng, từ … đến); để trống để dùng >= (<= khi thấp hơn là tốt hơn)",
    ]
}
