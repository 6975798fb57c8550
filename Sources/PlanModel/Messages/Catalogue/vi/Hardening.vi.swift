// The vi catalogue, section "hardening" (see Catalogue.swift). Data only: keep codes sorted,
// one entry a line.
extension Catalogue {
    static let vietnameseHardening: [String: String] = [
        "hardening.invalid-unit": "{problem}; {unit} được hiển thị là không hợp lệ và không được tính vào tổng nào. Nếu một commit của bản sao này đã sửa tệp (`plancascade check` nêu commit đó: edited-collected), hãy hoàn tác bằng `git revert <commit>`; nếu không, đề nghị văn thư của {unit} sửa tệp (`plancascade validate`) và gửi lên (push), rồi chạy `plancascade collect`",
        "hardening.invalid-unit.plan": "{problem}; {unit} được hiển thị là không hợp lệ (các báo cáo của đơn vị vẫn được tính vào tổng). Nếu một commit của bản sao này đã sửa tệp (`plancascade check` nêu commit đó: edited-collected), hãy hoàn tác bằng `git revert <commit>`; nếu không, đề nghị văn thư của {unit} sửa tệp (`plancascade validate`) và gửi lên (push), rồi chạy `plancascade collect`",
        "hardening.invalid-unit.short": "không được tính vào tổng nào: {problem}",
        "term.state.invalid": "không hợp lệ",
    ]
}
