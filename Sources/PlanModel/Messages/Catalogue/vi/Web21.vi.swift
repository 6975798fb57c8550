// The vi catalogue, section "web21": a child's decisions carried by bundle with the targets (see Catalogue.swift).
// Data only: keep codes sorted, one entry a line.
extension Catalogue {
    static let vietnameseWeb21: [String: String] = [
        "bundle.approvals-other-child": "tệp gói chứa quyết định về báo cáo của {named} ({ref}), không phải của {unit}; chưa nhận gì: hãy đề nghị cấp trên gửi tệp gói làm cho {unit} (plancascade bundle create --targets --for {unit})",
        "bundle.for-needs-targets": "--for {child} đi cùng --targets (tệp gói báo cáo là để gửi cấp trên và không chứa quyết định); hãy chạy plancascade bundle create --targets --for {child}",
        "bundle.for-not-child": "{child} không phải đơn vị cấp dưới của {unit} (các đơn vị cấp dưới: {children}); hãy ghi một trong các đơn vị đó sau --for, hoặc bỏ --for để chỉ đóng gói chỉ tiêu",
        "bundle.targets-refs": "tệp gói chứa {refs}; tệp gói chỉ tiêu chứa refs/heads/targets và nhiều nhất là quyết định của một đơn vị (refs/heads/approvals/<đơn vị>): hãy đề nghị cấp trên tạo bằng plancascade bundle create --targets --for <đơn vị>",
        "cli.bundle.created-targets-for": "Đã ghi {path}: chỉ tiêu đã công bố {commit} của {unit} và quyết định về báo cáo của {child} {decisions} ({objects} đối tượng); hãy mang đến {child}, văn thư ở đó chạy: plancascade pull --from <tệp>",
        "cli.bundle.created-targets-no-decisions": "Đã ghi {path}: chỉ tiêu đã công bố {commit} của {unit} ({objects} đối tượng); {unit} chưa công bố quyết định nào về báo cáo của {child} (hãy phê duyệt hoặc mở lại, rồi chạy plancascade publish); {child} nhận chỉ tiêu bằng lệnh: plancascade pull --from <tệp>",
        "help.bundle.create.for": "Đi cùng --targets: đóng gói thêm quyết định về báo cáo của đơn vị cấp dưới này (refs/heads/approvals/<đơn vị>, do publish ghi), để lệnh pull --from <tệp> của đơn vị đó nhận như khi lấy từ kho trung tâm; tệp gói khi đó chỉ dành cho đơn vị đó.",
    ]
}
