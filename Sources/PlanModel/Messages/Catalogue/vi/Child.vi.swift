// The vi catalogue, section "child": what a parent refuses in a child's push (see Catalogue.swift).
// Data only: keep codes sorted, one entry a line.
extension Catalogue {
    static let vietnameseChild: [String: String] = [
        "child.children-not-folder": "{path} của {unit} không phải là thư mục; children/ của một đơn vị chỉ chứa mỗi đơn vị cấp dưới đã thu nhận một thư mục",
        "child.document-too-large": "{child} gửi {path} dung lượng {size} byte, vượt mức {limit} byte cho phép với một tài liệu; đề nghị văn thư của {child} xóa tệp này rồi gửi lại (giới hạn của kho trung tâm: `git config plancascade.maxDocumentBytes`)",
        "child.edited-collected": "{path} của {unit} khác với số liệu {id} đã gửi (đã thu nhận ở lần ghi {commit}): tệp của đơn vị cấp dưới đã bị sửa sau khi thu nhận; đề nghị văn thư của {unit} thu nhận lại báo cáo của {id}, không sửa tệp của đơn vị cấp dưới",
        "child.invalid-document": "{child} gửi một tài liệu không hợp lệ: {finding}; đề nghị văn thư của {child} sửa lại (lệnh `plancascade validate` liệt kê mọi lỗi) rồi gửi lại",
        "child.invented-unit": "{path} của {unit} là một đơn vị không có trong danh sách đơn vị cấp dưới (unit.json) của {unit}: số liệu của đơn vị không có thật không bao giờ được tổng hợp; đề nghị văn thư của {unit} xóa {path} rồi gửi lại",
        "child.never-collected": "{path} của {unit} chưa từng được {unit} thu nhận từ báo cáo do chính {id} gửi: số liệu này không phải báo cáo của đơn vị nào và không được tổng hợp; đề nghị văn thư của {unit} xóa thư mục này rồi thu nhận lại {id}",
        "child.push-too-large": "{child} gửi một lần hơn {limit} byte tài liệu mới, vượt mức cho phép của một lần gửi; đề nghị văn thư của {child} kiểm tra lại những gì đã thêm (giới hạn của kho trung tâm: `git config plancascade.maxPushBytes`)",
        "child.refused": "{child}: {reason}; không thu nhận nội dung nào trong lần gửi này của {child}",
        "child.stray-file": "{path} của {unit} là một tệp ở chỗ chỉ được có thư mục của đơn vị cấp dưới; đề nghị văn thư của {unit} xóa tệp này rồi gửi lại",
        "child.too-deep": "{child} gửi {path}, sâu hơn {limit} cấp thư mục cho phép trong thư mục của một đơn vị; đề nghị văn thư của {child} xóa đường dẫn này rồi gửi lại (giới hạn của kho trung tâm: `git config plancascade.maxDepth`)",
        "child.too-many-entries": "{child} gửi một lần hơn {limit} tệp và thư mục mới; đề nghị văn thư của {child} kiểm tra lại những gì đã thêm (giới hạn của kho trung tâm: `git config plancascade.maxNewEntries`)",
        "hook.child-push-writes-other-ref": "{ref}: một lần gửi báo cáo của {child} không được ghi thêm gì khác, nhưng lần gửi này còn ghi {ref}; chỉ gửi riêng refs/children/{child}/main (văn thư của chính đơn vị này gửi main và targets riêng)",
        "workflow.hook.forged-pull": "{ref} {commit} ({author}): một lần ghi tự nhận là nhận chỉ tiêu (pull) nhưng không phải: {reason}; các chỉ tiêu trong đó được xét như sửa tay — hãy gửi đúng lần ghi do lệnh `plancascade pull` tạo ra",
        "workflow.hook.forged-pull.mismatch": "{path} không đúng với chỉ tiêu mà bản công bố {named} giao cho đơn vị này",
        "workflow.hook.forged-pull.unknown": "lần ghi nêu mã lần ghi của cấp trên {named}, không thuộc các bản chỉ tiêu mà kho này đã công bố",
        "hook.one-child-per-push": "{ref}: mỗi lần gửi chỉ được ghi lịch sử báo cáo của một đơn vị cấp dưới, nhưng lần gửi này ghi của {children}; mỗi đơn vị tự gửi refs/children/<mã đơn vị>/main của mình",
    ]
}
