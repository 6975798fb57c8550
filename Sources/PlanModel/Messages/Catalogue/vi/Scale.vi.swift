// The vi catalogue, section "scale": what long commands say about themselves on a large
// hierarchy (verify's summary of information findings), and the command line's refusals of
// option values (see Catalogue.swift).
// Data only: keep codes sorted, one entry a line.
extension Catalogue {
    static let vietnameseScale: [String: String] = [
        "cli.option.bad-date": "{option} '{date}' không phải là ngày dạng YYYY-MM-DD",
        "cli.option.bad-period": "{option} '{text}' không phải là kỳ báo cáo (2024, 2024-H1, 2024-Q3, 2024-10, 2024-11-18)",
        "cli.option.not-one-of": "{option} '{text}' không thuộc các giá trị: {choices}",
        "cli.option.too-many-revisions": "chỉ ghi tối đa hai phiên bản, phiên bản cũ hơn trước",
        "help.verify.all": "Liệt kê cả mọi phát hiện loại thông tin (mặc định, khi quá 20 phát hiện, chúng được đếm theo loại sau các lỗi và cảnh báo).",
        "verify.info-kind": "{count} {kind}",
        "verify.info-summary": "và {count} phát hiện loại thông tin (không liệt kê; `plancascade verify --all` liệt kê đủ): {kinds}",
        "verify.progress.units": "verify: đang xác minh lịch sử của {unit}, đơn vị {done}/{total}…",
    ]
}
