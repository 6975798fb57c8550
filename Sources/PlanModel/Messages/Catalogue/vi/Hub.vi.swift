// The vi catalogue, section "hub": what a hub's pre-receive hook decides by the hub's own
// policy (pushers.json, policy.json) and how it is installed (see Catalogue.swift).
// Data only: keep codes sorted, one entry a line.
extension Catalogue {
    static let vietnameseHub: [String: String] = [
        "hook.cannot-check": "kho trung tâm không kiểm tra được lần gửi lên này nên không chấp nhận: {problem}",
        "hook.clerk-writes-child": "{ref}: {user} gửi lên với tư cách văn thư của chính {unit} (pushers.json không gán {user} cho đơn vị cấp dưới nào), chỉ được ghi main và targets; chỉ người gửi của chính {child} mới được ghi refs/children/{child}/, dù các lần ghi mang tên ai — văn thư của {child} tự gửi lên bằng `plancascade push` (nếu {user} đúng là người gửi cho {child}, người quản trị kho thêm \"{user}\": \"{child}\" vào pushers.json)",
        "hook.declined-hint": " — hook của kho trung tâm không chấp nhận vì các lý do dưới đây; hãy sửa bằng các lần ghi mới rồi gửi lên lại",
        "hook.install.owner": "thuộc về một người dùng khác, và libgit2 (cũng như git) không mở kho dữ liệu của người khác; hãy chạy lệnh bằng người dùng đó (`sudo -u <owner> plancascade hooks install …`), hoặc tin cậy đúng đường dẫn này bằng `git config --global --add safe.directory {path}` (libgit2 bỏ qua `*`)",
        "hook.lowered-by-merge": "{ref} {commit} ({author}): lần hợp nhất ghi {path} với {indicator} là {value}, thấp hơn mức {floor} được giao, mà cả hai nhánh được hợp nhất đều không có; kho trung tâm này không chấp nhận chỉ tiêu bị hạ (policy.json \"lowered-targets\": \"refuse\") — hãy hợp nhất lại, giữ {indicator} không thấp hơn {floor}",
        "hook.lowered-policy": "{ref} {commit} ({author}): {path} hạ {indicator} xuống {value}, thấp hơn mức {floor} được giao, và kho trung tâm này không chấp nhận chỉ tiêu bị hạ (policy.json \"lowered-targets\": \"refuse\"; dòng Forced-Below-Inherited: không thay đổi điều đó); hãy nâng lên ít nhất {floor} trong một lần ghi mới rồi gửi lên lại, hoặc đề nghị cấp trên hạ chỉ tiêu",
        "hook.policy.bad-field": "\"{field}\" phải là {expected}",
        "hook.policy.invalid": "không phải là quy định của kho trung tâm: {problem}; người quản trị kho sửa lại (README, \"Hosting hubs\") — cho đến khi đó kho không chấp nhận lần gửi lên nào",
        "hook.policy.not-json": "tệp không phải là một đối tượng JSON",
        "hook.policy.unknown-field": "\"{field}\" không phải là mục của quy định (schema, lowered-targets, clerks)",
        "hook.policy.unreadable": "tài khoản mà máy chủ dùng để chạy hook không đọc được tệp",
        "hook.pushers.invalid": "không phải là bảng người dùng đã xác thực và mã đơn vị ({\"schema\": 1, \"pushers\": {\"<user>\": \"<unit-id>\"}}); người quản trị kho sửa lại — cho đến khi đó kho không chấp nhận lần gửi lên nào có xác thực",
        "hook.unknown-user": "người dùng đã xác thực '{user}' không được gán cho đơn vị nào trong pushers.json của kho trung tâm, cũng không có trong danh sách văn thư của {unit} ở policy.json; người quản trị kho thêm \"{user}\": \"<unit-id>\" vào pushers.json, hoặc \"{user}\" vào \"clerks\" trong policy.json",
    ]
}
