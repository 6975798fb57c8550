// The vi catalogue, section "integrity": history that cannot be forged and damage reported
// where it is needed (see Catalogue.swift). Data only: keep codes sorted, one entry a line.
extension Catalogue {
    static let vietnameseIntegrity: [String: String] = [
        "cli.collect.repaired": "Đã lấy lại từ kho trung tâm: đối tượng {object} của {child} ({needed}) bị hỏng trong bản sao này",
        "damage.needed.commit": "{ref} (một lần ghi trong lịch sử của nó)",
        "damage.needed.file": "{ref} → {path}",
        "damage.repair.child": "sau đó chạy lại `plancascade collect`: lệnh này lấy lại từ kho trung tâm đối tượng bị hỏng của đơn vị cấp dưới; nếu bản ở kho trung tâm cũng hỏng, đề nghị văn thư của {child} chạy lại `plancascade push`",
        "damage.repair.own": "sau đó chuyển tệp bị hỏng mà `git fsck` nêu ra khỏi .git/objects rồi lấy lại từ kho trung tâm (`git fetch origin`); nếu bản ở kho trung tâm cũng hỏng, gửi lại main từ bản sao của một cán bộ mà `git fsck` không báo lỗi",
        "damage.repair.parent": "sau đó chuyển tệp bị hỏng mà `git fsck` nêu ra khỏi .git/objects rồi chạy `plancascade pull` để nhận lại chỉ tiêu cấp trên đã công bố",
        "error.git-damaged-at": "{function} không thành công: {detail}; đối tượng {object}, cần cho {needed}, bị thiếu hoặc hỏng (máy tắt đột ngột hoặc ổ đĩa đầy có thể gây ra). Chạy `git fsck` để xem những gì bị hỏng; {repair}",
        "history.edited-collected": "Lần ghi {commit} của {unit} ({author}, ghi ngày {date}: “{summary}”) đã sửa {files}, là dữ liệu chỉ lệnh thu nhận báo cáo của {child} được ghi: số liệu {child} đã gửi bị sửa tại {unit}, và số liệu bị sửa ở đó không phải báo cáo của đơn vị nào; việc điều chỉnh phải do {child} tự báo cáo bằng `plancascade report` — đề nghị văn thư của {unit} giải trình",
        "notice.index-rebuilt": "{root}: tệp chỉ mục (index) bị cắt cụt (máy mất điện đột ngột có thể gây ra); đã ghi lại từ main {commit}",
        "term.kind.edited-collected": "sửa số liệu đã thu nhận",
        "workflow.collect.damaged": "đối tượng {object}, cần cho {needed}, bị hỏng trong bản sao này và kho trung tâm {hub} không cung cấp lại được bản nguyên vẹn ({error}); không thu nhận phần nào trong lần gửi của {child} — đề nghị văn thư của {child} chạy lại `plancascade push`, và chạy `git fsck` tại kho trung tâm",
        "workflow.collect.damaged-at-hub": "không lấy được lần gửi mới của {child} từ kho trung tâm {hub} ({ref}: {error}) trong khi lấy được của các đơn vị khác: có thể một đối tượng của lần gửi này bị thiếu hoặc hỏng ở đó; không thu nhận phần nào — đề nghị văn thư của {child} chạy lại `plancascade push`, và chạy `git fsck` tại kho trung tâm",
        "workflow.collect.no-hub": "kho dữ liệu này không có kho trung tâm (remote origin) để lấy lại",
        "workflow.collect.not-at-hub": "{ref} tại kho trung tâm không chứa đối tượng này",
    ]
}
