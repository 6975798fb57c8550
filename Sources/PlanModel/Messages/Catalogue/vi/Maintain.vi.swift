// The vi catalogue, section "maintain": keeping object stores compact (`plancascade
// maintain`, and the consolidation after every transfer) (see Catalogue.swift).
// Data only: keep codes sorted, one entry a line.
extension Catalogue {
    static let vietnameseMaintain: [String: String] = [
        "cli.maintain.compact": "{what} {place}: đã gọn ({packs} gói, {loose} đối tượng rời); không cần làm gì",
        "cli.maintain.done": "{what} {place}: {packs} gói và {loose} đối tượng rời → {packs-after} gói và {loose-after} đối tượng rời; không mất dữ liệu nào (`git fsck` kiểm tra được)",
        "cli.root.line.maintain": "giữ kho và các hub của kho gọn nhẹ",
        "help.maintain.abstract": "Thu gọn kho: gộp các gói nhỏ và các đối tượng rời thành một gói.",
        "help.maintain.all": "Gộp mọi gói và đối tượng rời thành một gói duy nhất (gói có tệp .keep được giữ nguyên).",
        "help.maintain.discussion": "Mỗi lần collect, pull, sync và push lên một hub trên máy này thêm một gói đối tượng; công cụ tự gộp các gói nhỏ sau mỗi lần đó, để mỗi gói còn lại chứa ít nhất gấp đôi số đối tượng của mọi gói nhỏ hơn cộng lại (như `git repack --geometric=2 -d`). Chạy trong bản sao làm việc hoặc trong thư mục của một hub trần; an toàn khi người khác đang push và fetch. Hub trên máy chủ git do chính máy chủ giữ gọn (`git gc --auto`).",
        "help.maintain.hubs": "Thu gọn cả các hub của bản sao (origin và parent) là thư mục trên máy này.",
        "maintain.failed": "không gộp được kho đối tượng ({detail}); không xóa gì: chạy `git fsck` tại đó, rồi chạy lại `plancascade maintain` khi đã sạch lỗi",
        "term.maintain.clone": "Bản sao làm việc",
        "term.maintain.hub": "Hub",
    ]
}
