// The en catalogue, section "workbook": reading .xlsx sheets and text tables (see Catalogue.swift).
// Data only: keep codes sorted, one entry a line.
extension Catalogue {
    static let englishWorkbook: [String: String] = [
        "cli.report.csv-no-figures": "{file} has no figures: give each row an indicator (Chỉ tiêu) and a value (Giá trị), or a numerator (Tử số) and a denominator (Mẫu số)",
        "csv.cell-beyond-header": "cell {cell} is right of the header's last column {last}; give the column a header or clear the cell",
        "csv.empty-sheet": "sheet '{sheet}' is empty; its first row must be a header",
        "csv.is-workbook": "the file is an Excel workbook; give it a name ending in .xlsx, or save the sheet as CSV UTF-8",
        "csv.mixed-separators": "{cells} cells but the header has {header}, and the line uses '{other}' — mixed separators; use '{separator}' throughout, as the header does",
        "csv.not-utf16": "the file is not valid UTF-16 (Unicode text); save it again from Excel, or as CSV UTF-8",
        "csv.sheet-not-workbook": "--sheet '{sheet}' applies to an .xlsx workbook, and this file is text; leave out --sheet",
        "csv.xlsx.damaged": "the workbook is damaged: part {part}: {reason}; open it in Excel or LibreOffice and save it again as .xlsx",
        "csv.xlsx.no-sheet": "the workbook has no sheet '{sheet}'; its sheets are {sheets}",
        "csv.xlsx.not-workbook": "the file is not an .xlsx workbook (an old .xls or an .ods?); save it as Excel Workbook (.xlsx) or as CSV UTF-8",
        "help.common.sheet": "The sheet of an .xlsx workbook to read, by its name (default: the first sheet).",
        "import.what.figures": "figures",
        "csv.xlsx.too-large": "the workbook's part {part} is larger than {limit} MiB, far more than a plan; save only the sheet to import",
    ]
}
