// The vi catalogue, section "audit": message code → template (see Catalogue.swift).
// Data only: keep codes sorted, one entry a line.
extension Catalogue {
    static let vietnameseAudit: [String: String] = [
        "audit.accepted-rewrite": "lần ghi {collected} của {child}, thu nhận trong lần ghi {merge} ngày {date}, không còn trong lịch sử {child} đã gửi lên ({pushed}); {author} đã chấp nhận việc viết lại lịch sử trong lần ghi {accepted}",
        "audit.children-not-fetched": "không lấy được dữ liệu cấp dưới đã gửi lên từ {hub} ({error}); việc viết lại lịch sử được kiểm tra theo dữ liệu đã lấy về lần trước — kiểm tra kết nối rồi chạy lại `plancascade verify`",
        "audit.collect-not-in-history": "lần thu nhận báo cáo đưa {unit} vào không có trong lịch sử này; chưa xác minh được nguồn gốc chỉ tiêu và số liệu tổng hợp của đơn vị — chạy `plancascade verify` tại kho dữ liệu đã thu nhận {unit}",
        "audit.figure.coded": "{code} {figure}",
        "audit.figure.ratio": "{numerator}/{denominator} ({units} đơn vị)",
        "audit.figure.value": "{value} ({units} đơn vị)",
        "audit.forged-provenance": "chỉ tiêu {indicator} năm {year} của {unit} ghi lần ghi cấp trên {commit} của {parent}, nhưng {unit} chưa từng nhận chỉ tiêu từ lần ghi đó; nguồn gốc đã bị {author} viết tay trong lần ghi {setBy} ngày {date} — khôi phục bằng `plancascade pull`",
        "audit.last-set": "{message} ({author} ghi lần cuối trong lần ghi {commit} ngày {date})",
        "audit.late-change": "{author} đã sửa {item} kỳ {period} của {unit} từ {old} thành {new} ngày {date}, sau thời hạn báo cáo của kỳ ({deadline}); cơ quan đã nhận số liệu xác nhận việc điều chỉnh bằng văn bản",
        "audit.no-pushed-ref": "ở đây không có refs/children/{child}/main, nên chưa xác minh được lịch sử đã thu nhận của {child} có bị viết lại hay không; chạy `plancascade verify` tại kho trung tâm hoặc bản sao làm việc của {unit}",
        "audit.none": "không có",
        "audit.nothing": "không còn giá trị",
        "audit.parent-commit-absent": "chỉ tiêu {indicator} năm {year} của {unit} được tính từ {parent}@{commit}, lần ghi này không có trong kho dữ liệu này; chạy `plancascade verify` trong kho dữ liệu của {parent}, nơi có lần ghi đó",
        "audit.provenance-mismatch": "nguồn gốc chỉ tiêu {indicator} của {unit} không khớp với chỉ tiêu tính lại từ {parent}: tính lại được {expected}, đang lưu {stored}; nguồn gốc đã bị sửa tay — khôi phục bằng `plancascade pull` (muốn đổi giá trị thì dùng `plancascade target set`)",
        "audit.provenance-rule-gives-none": "chỉ tiêu {indicator} của {unit} ghi nguồn gốc từ {parent}, nhưng quy tắc của lần ghi đó không giao chỉ tiêu nào: {reason}; khôi phục nguồn gốc bằng `plancascade pull`",
        "audit.provenance-without-target": "chỉ tiêu {indicator} của {unit} ghi nguồn gốc theo quy tắc {rule} từ {parent}, nhưng lần ghi đó không công bố chỉ tiêu {indicator}; khôi phục nguồn gốc bằng `plancascade pull`",
        "audit.rewritten-history": "lần ghi {collected} của {child}, thu nhận trong lần ghi {merge} ngày {date}, không có trong lịch sử {child} gửi lên sau đó ({pushed}): lịch sử đã bị viết lại; hỏi văn thư của {child} lý do trước khi chạy `plancascade collect --accept-rewrite`",
        "audit.rollup-mismatch": "{file} lưu {actual} nhưng số liệu của cấp dưới cho {expected}; số liệu tổng hợp chỉ do `plancascade collect` ghi — tệp này đã bị sửa tay, chạy `plancascade collect` để tính lại",
        "audit.rollup-written": "{message}, trong lần ghi {commit} của {author} ngày {date} ({summary})",
        "audit.stale-rollup": "{file} ({actual}) không còn khớp với số liệu của cấp dưới ({expected}) sau các lần ghi tiếp theo của {unit}; lần `plancascade collect` tới sẽ tính lại",
    ]
}
