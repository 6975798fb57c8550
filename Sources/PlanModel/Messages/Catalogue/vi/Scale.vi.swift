// The vi catalogue, section "scale": what long commands say about themselves on a large
// hierarchy (verify's summary of information findings) (see Catalogue.swift).
// Data only: keep codes sorted, one entry a line.
extension Catalogue {
    static let vietnameseScale: [String: String] = [
        "help.verify.all": "Liệt kê cả mọi phát hiện loại thông tin (mặc định, khi quá 20 phát hiện, chúng được đếm theo loại sau các lỗi và cảnh báo).",
        "verify.info-kind": "{count} {kind}",
        "verify.info-summary": "và {count} phát hiện loại thông tin (không liệt kê; `plancascade verify --all` liệt kê đủ): {kinds}",
    ]
}
