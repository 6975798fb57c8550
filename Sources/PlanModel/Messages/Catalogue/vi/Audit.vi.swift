// The vi catalogue, section "audit": message code → template (see Catalogue.swift).
// Data only: keep codes sorted, one entry a line.
extension Catalogue {
    static let vietnameseAudit: [String: String] = [
        "audit.children-not-fetched": "không lấy được dữ liệu cấp dưới đã gửi lên từ {hub} ({error}); việc viết lại lịch sử được kiểm tra theo dữ liệu đã lấy về lần trước — kiểm tra kết nối rồi chạy lại `plancascade verify`",
    ]
}
