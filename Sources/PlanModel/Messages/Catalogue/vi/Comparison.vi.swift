// The vi catalogue, section "comparison": comparators, bands, the criteria tree's total and
// deductions, score aggregation across units and a unit's own year-on-year rules (issue 17
// parts 4 and 5; see Catalogue.swift).
// Data only: keep codes sorted, one entry a line.
extension Catalogue {
    static let vietnameseComparison: [String: String] = [
        "comparison.cli.tree.bad-period": "--period '{text}' không phải là một kỳ (2024, 2024-H1, 2024-Q3, 2024-10, 2024-11-18)",
        "comparison.cli.tree.column.code": "mã",
        "comparison.cli.tree.column.deduction": "điểm bị trừ",
        "comparison.cli.tree.column.max": "điểm tối đa",
        "comparison.cli.tree.column.name": "tên",
        "comparison.cli.tree.column.note": "ghi chú",
        "comparison.cli.tree.column.rank": "thứ hạng phấn đấu",
        "comparison.cli.tree.column.score": "điểm",
        "comparison.cli.tree.column.target": "mục tiêu",
        "comparison.cli.tree.exact": "tính đúng từ số liệu: {value}",
        "comparison.cli.tree.heading": "Cây tiêu chí của {unit}, năm {year}; số liệu kỳ {period}:",
        "comparison.cli.tree.legend": "Σ: tổng của các tiêu chí thành phần (không khai báo riêng); TỔNG ĐIỂM: tổng của các lĩnh vực, chỉ hiện khi lĩnh vực nào cũng có; điểm bị trừ = điểm − điểm tối đa.",
        "comparison.cli.tree.no-period": "chưa có kỳ nào (chưa báo cáo điểm)",
        "comparison.cli.tree.none": "Kế hoạch của đơn vị chưa có chỉ tiêu điểm nào; hãy nhập cây tiêu chí (đơn vị đo điểm) trước, ví dụ `plancascade import targets par-sipas-targets.csv --default measure=score`.",
        "comparison.cli.tree.total": "TỔNG ĐIỂM",
        "comparison.help.target-set.comparator": "Cách so sánh số liệu với giá trị: >=, >, <=, <, =, between (hoặc theo lời văn của kế hoạch: tối thiểu, cao hơn, trên, không quá, dưới, từ … đến). Một khoảng được ghi ở giá trị, ví dụ 31–50. Mặc định: phép so sánh sẵn có của chỉ tiêu, nếu không thì >= (<= khi thấp hơn là tốt hơn).",
        "comparison.help.tree.abstract": "Hiện cây tiêu chí (lĩnh vực, tiêu chí, tiêu chí thành phần của Chỉ số CCHC) với tổng điểm, điểm tối đa, mục tiêu, thứ hạng phấn đấu, điểm đạt và điểm bị trừ.",
        "comparison.help.tree.discussion": "Tổng điểm (000 \"TỔNG ĐIỂM 100 / 91.65\", 003 \"Tổng cộng 86.2482 / −13.7518\") được tính từ cây, không bao giờ nhập tay: tổng của các lĩnh vực. Tiêu chí cha không có điểm tối đa, mục tiêu hay số liệu riêng thì hiện tổng của các tiêu chí con (đánh dấu Σ). Điểm tính từ số lượng hồ sơ hiện cả giá trị chính xác bên cạnh điểm làm tròn 4 chữ số.\n\nVí dụ: plancascade tree --year 2023 --period 2023",
        "comparison.help.tree.json": "In cây tiêu chí dạng JSON (unit, year, period, rows gồm code, name, depth, maxScore, target, targetRank, score, exactScore, note).",
        "comparison.help.tree.period": "Kỳ có số liệu được hiện (mặc định: kỳ gần nhất trong năm có số liệu điểm).",
        "comparison.help.tree.year": "Năm kế hoạch (mặc định: năm gần nhất có chỉ tiêu điểm).",
        "comparison.import.against-direction": "phép so sánh '{comparator}' đòi số liệu theo hướng {other} nhưng chỉ tiêu có hướng {direction}; hãy ghi cột direction ({other}) hoặc đổi chiều phép so sánh",
        "comparison.import.bad-rank": "thứ hạng phấn đấu '{text}' không phải là thứ hạng như 10/63 hoặc 10 (số nguyên từ 1, không lớn hơn số đơn vị được xếp hạng)",
        "comparison.import.band-order": "khoảng {low}–{high} bị ghi ngược; hãy ghi đầu thấp trước, ví dụ 31–50",
        "comparison.import.not-band": "mục tiêu '{text}' không phải là một khoảng; mục tiêu 'between' ghi hai đầu, ví dụ 31–50 hoặc từ 31 đến 50",
        "comparison.import.score-sum": "chỉ tiêu điểm {indicator} không được tổng hợp theo kiểu 'sum': điểm của một đơn vị là điểm của chính đơn vị đó, không bao giờ là tổng điểm của các đơn vị cấp dưới (hai huyện đạt 1,5 sẽ cho tỉnh 3 trên điểm tối đa 1,5); hãy để trống cột aggregation (none) hoặc ghi mean",
        "comparison.import.unknown-comparator": "phép so sánh '{text}' không thuộc >=, >, <=, <, =, between (hoặc tối thiểu, cao hơn, trên, không quá, thấp hơn, dưới, bằng, từ … đến); để trống để dùng >= (<= khi thấp hơn là tốt hơn)",
        "comparison.target-set.against-direction": "đòi số liệu đi ngược hướng của chỉ tiêu {indicator} ({direction}); hãy dùng phép so sánh theo hướng đó hoặc sửa chỉ tiêu",
        "comparison.target-set.band-needed": "chỉ là một số, nhưng chỉ tiêu 'between' cần một khoảng; hãy ghi cả hai đầu, ví dụ 31–50",
        "comparison.target-set.unknown-comparator": "không thuộc >=, >, <=, <, =, between (hoặc tối thiểu, cao hơn, trên, không quá, thấp hơn, dưới, bằng, từ … đến)",
        "comparison.validation.band-without-bound": "chỉ tiêu {code} có phép so sánh 'between' nhưng thiếu 'bound' (đầu còn lại của khoảng); hãy ghi cả hai đầu, ví dụ value 50 và bound 31 cho khoảng thứ hạng 31–50",
        "comparison.validation.bound-without-band": "chỉ tiêu {code} có 'bound' nhưng phép so sánh là '{comparator}'; 'bound' chỉ dùng cho khoảng 'between': hãy xóa nó hoặc ghi comparator between",
        "comparison.validation.max-sum": "tiêu chí {code} có điểm tối đa {max}, nhưng các tiêu chí thành phần {children} cộng lại được {sum}; điểm tối đa của tiêu chí cha bằng tổng của các tiêu chí con (000 Phụ lục I): hãy sửa điểm tối đa hoặc các tiêu chí thành phần",
        "comparison.validation.target-sum": "tiêu chí {code} có mục tiêu {target}, nhưng các tiêu chí thành phần {children} cộng lại được {sum}; mục tiêu của tiêu chí cha bằng tổng của các tiêu chí con (000 Phụ lục I): hãy sửa mục tiêu hoặc các tiêu chí thành phần",
    ]
}
