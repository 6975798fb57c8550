// The vi catalogue, section "workbook": reading .xlsx sheets and text tables (see Catalogue.swift).
// Data only: keep codes sorted, one entry a line.
extension Catalogue {
    static let vietnameseWorkbook: [String: String] = [
        "cli.report.csv-no-figures": "{file} không có số liệu nào: mỗi dòng cần có Chỉ tiêu và Giá trị, hoặc Tử số và Mẫu số",
        "csv.cell-beyond-header": "ô {cell} nằm bên phải cột cuối cùng có tiêu đề ({last}); hãy đặt tiêu đề cho cột đó hoặc xoá nội dung ô",
        "csv.empty-sheet": "trang tính '{sheet}' trống; dòng đầu tiên phải là dòng tiêu đề cột",
        "csv.is-workbook": "tệp là sổ tính Excel; hãy đặt tên tệp có đuôi .xlsx, hoặc lưu trang tính dạng CSV UTF-8",
        "csv.mixed-separators": "có {cells} ô nhưng dòng tiêu đề có {header} cột, và dòng này dùng '{other}' — các dấu phân cách bị lẫn lộn; hãy dùng '{separator}' trong toàn bộ tệp như dòng tiêu đề",
        "csv.not-utf16": "tệp không phải UTF-16 (Unicode text) hợp lệ; hãy lưu lại từ Excel, hoặc lưu dạng CSV UTF-8",
        "csv.sheet-not-workbook": "--sheet '{sheet}' chỉ dùng cho sổ tính .xlsx, còn tệp này là tệp văn bản; hãy bỏ --sheet",
        "csv.xlsx.damaged": "sổ tính bị hỏng: phần {part}: {reason}; hãy mở bằng Excel hoặc LibreOffice rồi lưu lại dạng .xlsx",
        "csv.xlsx.no-sheet": "sổ tính không có trang tính '{sheet}'; các trang tính hiện có: {sheets}",
        "csv.xlsx.not-workbook": "tệp không phải sổ tính .xlsx (tệp .xls cũ hoặc .ods?); hãy lưu dạng Excel Workbook (.xlsx) hoặc CSV UTF-8",
        "help.common.sheet": "Tên trang tính cần đọc trong sổ tính .xlsx (mặc định: trang tính đầu tiên).",
        "import.what.figures": "số liệu",
        "csv.xlsx.too-large": "phần {part} của sổ tính lớn hơn {limit} MiB, quá lớn so với một kế hoạch; hãy chỉ lưu trang tính cần nhập",
    ]
}
