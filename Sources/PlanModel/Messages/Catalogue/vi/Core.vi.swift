// The vi catalogue, section "core": message code → template (see Catalogue.swift).
// Data only: keep codes sorted, one entry a line.
extension Catalogue {
    static let vietnameseCore: [String: String] = [
        "finding.at-path": "{text} (tại {path})",
        "finding.line": "{file}: {severity}: {message}",
        "model.invalid-document": "tài liệu không hợp lệ: {findings}",
        "model.invalid-json": "JSON không hợp lệ tại {location}: {detail}",
        "model.unencodable": "không ghi được thành JSON chuẩn: {reason}",
        "notice.checkout-finished": "đã cập nhật xong thư mục làm việc {root} đến {commit}; một lệnh bị ngắt giữa chừng đã để dở việc này",
        "notice.lock-removed": "đã xóa {file}, tệp khóa do một tiến trình git hoặc plancascade bị ngắt để lại trong {root}",
        "notice.waiting": "đang chờ một tiến trình plancascade khác đang làm việc trong {root}…",
        "term.severity.error": "lỗi",
        "term.severity.info": "thông tin",
        "term.severity.warning": "cảnh báo",
        "untranslated": "{text}",
        "verbatim": "{text}",
    ]
}
