import Foundation
import ZIPFoundation

/// A workbook to write: sheets of cells with a small fixed set of styles, frozen header rows,
/// column widths, data validation and sheet protection — what Excel, LibreOffice and openpyxl
/// open as a normal `.xlsx`.
public struct WorkbookDocument: Sendable {
    public var sheets: [SheetDocument]

    public init(sheets: [SheetDocument]) { self.sheets = sheets }

    /// The `.xlsx` bytes: the zip through ZIPFoundation, the XML parts written here.
    public func xlsx(modified: Date = Date(timeIntervalSince1970: 1_700_000_000)) throws -> Data {
        let archive = try Archive(accessMode: .create)
        func add(_ path: String, _ text: String) throws {
            let data = Data(text.utf8)
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: modified, compressionMethod: .deflate,
                provider: { position, size in data.subdata(in: Int(position)..<Int(position) + size) })
        }
        try add("[Content_Types].xml", contentTypes())
        try add("_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
            </Relationships>
            """)
        try add("xl/workbook.xml", workbook())
        try add("xl/_rels/workbook.xml.rels", workbookRelationships())
        try add("xl/styles.xml", CellStyle.stylesPart)
        for (index, sheet) in sheets.enumerated() {
            try add("xl/worksheets/sheet\(index + 1).xml", sheet.part())
        }
        guard let data = archive.data else { throw WorkbookError.damaged(part: "", reason: "the archive was not written") }
        return data
    }

    private func contentTypes() -> String {
        var text = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
            <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
            <Default Extension="xml" ContentType="application/xml"/>\
            <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
            <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>
            """
        for index in sheets.indices {
            text += "<Override PartName=\"/xl/worksheets/sheet\(index + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }
        return text + "</Types>"
    }

    private func workbook() -> String {
        var text = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>
            """
        for (index, sheet) in sheets.enumerated() {
            let state = sheet.hidden ? " state=\"hidden\"" : ""
            text += "<sheet name=\"\(XML.escape(sheet.name))\" sheetId=\"\(index + 1)\"\(state) r:id=\"rId\(index + 1)\"/>"
        }
        return text + "</sheets></workbook>"
    }

    private func workbookRelationships() -> String {
        var text = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
            """
        for index in sheets.indices {
            text += "<Relationship Id=\"rId\(index + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\(index + 1).xml\"/>"
        }
        let styles = sheets.count + 1
        text += "<Relationship Id=\"rId\(styles)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
        return text + "</Relationships>"
    }
}

/// The styles a PlanCascade workbook uses (`xl/styles.xml`'s cell formats, in this order).
public enum CellStyle: Int, Sendable, CaseIterable {
    case plain = 0, title, header, number, percent, integer, date, input, inputInteger, inputDecimal, note, cell, fixed2

    /// Whether the cell stays editable on a protected sheet.
    var unlocked: Bool { self == .input || self == .inputInteger || self == .inputDecimal }

    // numFmt 164: percentages of 0–100 written as numbers ("82.5" shown "82.5"), 165: a date.
    static let stylesPart = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
        <numFmts count="2"><numFmt numFmtId="164" formatCode="0.0###"/><numFmt numFmtId="165" formatCode="dd/mm/yyyy"/></numFmts>\
        <fonts count="4"><font><sz val="11"/><name val="Times New Roman"/></font>\
        <font><b/><sz val="13"/><name val="Times New Roman"/></font>\
        <font><b/><sz val="11"/><name val="Times New Roman"/></font>\
        <font><i/><sz val="10"/><name val="Times New Roman"/></font></fonts>\
        <fills count="4"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>\
        <fill><patternFill patternType="solid"><fgColor rgb="FFD9E1F2"/><bgColor indexed="64"/></patternFill></fill>\
        <fill><patternFill patternType="solid"><fgColor rgb="FFFFF2CC"/><bgColor indexed="64"/></patternFill></fill></fills>\
        <borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border>\
        <border><left style="thin"/><right style="thin"/><top style="thin"/><bottom style="thin"/><diagonal/></border></borders>\
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
        <cellXfs count="13">\
        <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
        <xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>\
        <xf numFmtId="0" fontId="2" fillId="2" borderId="1" xfId="0" applyFont="1" applyFill="1" applyBorder="1" applyAlignment="1"><alignment wrapText="1" vertical="center"/></xf>\
        <xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1"/>\
        <xf numFmtId="164" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1"/>\
        <xf numFmtId="1" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1"/>\
        <xf numFmtId="165" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1"/>\
        <xf numFmtId="0" fontId="0" fillId="3" borderId="1" xfId="0" applyFill="1" applyBorder="1" applyProtection="1"><protection locked="0"/></xf>\
        <xf numFmtId="1" fontId="0" fillId="3" borderId="1" xfId="0" applyNumberFormat="1" applyFill="1" applyBorder="1" applyProtection="1"><protection locked="0"/></xf>\
        <xf numFmtId="164" fontId="0" fillId="3" borderId="1" xfId="0" applyNumberFormat="1" applyFill="1" applyBorder="1" applyProtection="1"><protection locked="0"/></xf>\
        <xf numFmtId="0" fontId="3" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment wrapText="1"/></xf>\
        <xf numFmtId="0" fontId="0" fillId="0" borderId="1" xfId="0" applyBorder="1" applyAlignment="1"><alignment wrapText="1" vertical="top"/></xf>\
        <xf numFmtId="2" fontId="0" fillId="0" borderId="1" xfId="0" applyNumberFormat="1" applyBorder="1"/>\
        </cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>
        """
}

/// One cell to write.
public enum CellValue: Equatable, Sendable {
    case empty(CellStyle)
    case text(String, CellStyle)
    /// A plain decimal text (`82.5`), written as a numeric cell.
    case number(String, CellStyle)
    /// A formula (without `=`) and its style; Excel and LibreOffice compute it on opening.
    case formula(String, CellStyle)

    var style: CellStyle {
        switch self {
        case .empty(let style), .text(_, let style), .number(_, let style), .formula(_, let style): return style
        }
    }
}

/// A rule on what a range of cells accepts (Excel's Data → Validation).
public struct CellValidation: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        /// Whole numbers in `min…max`.
        case whole(min: String, max: String)
        /// Decimals in `min…max`.
        case decimal(min: String, max: String)
        /// One of the items.
        case list([String])
    }

    /// The range, e.g. `D6:D20`.
    public let range: String
    public let kind: Kind
    /// What the program says when a value is refused.
    public let error: String

    public init(range: String, kind: Kind, error: String) {
        self.range = range
        self.kind = kind
        self.error = error
    }
}

/// One sheet to write.
public struct SheetDocument: Sendable {
    public var name: String
    /// Rows from row 1; each row's cells from column A.
    public var rows: [[CellValue]]
    /// Width of each column from A, in characters.
    public var columnWidths: [Double] = []
    /// Rows kept in view when scrolling (the header).
    public var frozenRows = 0
    /// Ranges merged into one cell, e.g. `A1:F1`.
    public var merges: [String] = []
    public var validations: [CellValidation] = []
    /// Protected: only input cells (``CellStyle/input`` and its kinds) can be changed.
    public var protected = false
    /// Hidden from the tabs (metadata a program reads back).
    public var hidden = false
    /// Heights of rows (1-based) that hold wrapped text, in points.
    public var rowHeights: [Int: Double] = [:]
    /// Printed on A4 landscape, as wide as one page.
    public var fitToPageWidth = true

    public init(name: String, rows: [[CellValue]]) {
        self.name = name
        self.rows = rows
    }

    func part() -> String {
        var text = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
            """
        if fitToPageWidth { text += "<sheetPr><pageSetUpPr fitToPage=\"1\"/></sheetPr>" }
        if frozenRows > 0 {
            text += "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"\(frozenRows)\" topLeftCell=\"A\(frozenRows + 1)\" activePane=\"bottomLeft\" state=\"frozen\"/></sheetView></sheetViews>"
        }
        if !columnWidths.isEmpty {
            text += "<cols>"
            for (index, width) in columnWidths.enumerated() {
                text += "<col min=\"\(index + 1)\" max=\"\(index + 1)\" width=\"\(width)\" customWidth=\"1\"/>"
            }
            text += "</cols>"
        }
        text += "<sheetData>"
        for (rowIndex, row) in rows.enumerated() {
            let height = rowHeights[rowIndex + 1].map { " ht=\"\($0)\" customHeight=\"1\"" } ?? ""
            text += "<row r=\"\(rowIndex + 1)\"\(height)>"
            for (columnIndex, cell) in row.enumerated() {
                let reference = Worksheet.columnLetters(columnIndex + 1) + "\(rowIndex + 1)"
                let style = cell.style.rawValue == 0 ? "" : " s=\"\(cell.style.rawValue)\""
                switch cell {
                case .empty:
                    if !style.isEmpty { text += "<c r=\"\(reference)\"\(style)/>" }
                case .text(let value, _):
                    text += "<c r=\"\(reference)\"\(style) t=\"inlineStr\"><is><t xml:space=\"preserve\">\(XML.escape(value))</t></is></c>"
                case .number(let value, _):
                    text += "<c r=\"\(reference)\"\(style)><v>\(XML.escape(value))</v></c>"
                case .formula(let formula, _):
                    text += "<c r=\"\(reference)\"\(style)><f>\(XML.escape(formula))</f></c>"
                }
            }
            text += "</row>"
        }
        text += "</sheetData>"
        if protected { text += "<sheetProtection sheet=\"1\" objects=\"1\" scenarios=\"1\" formatColumns=\"0\" formatRows=\"0\"/>" }
        if !merges.isEmpty {
            text += "<mergeCells count=\"\(merges.count)\">" + merges.map { "<mergeCell ref=\"\($0)\"/>" }.joined() + "</mergeCells>"
        }
        if !validations.isEmpty {
            text += "<dataValidations count=\"\(validations.count)\">"
            for validation in validations {
                let common = "allowBlank=\"1\" showErrorMessage=\"1\" error=\"\(XML.escape(validation.error))\" sqref=\"\(validation.range)\""
                switch validation.kind {
                case .whole(let min, let max):
                    text += "<dataValidation type=\"whole\" operator=\"between\" \(common)><formula1>\(min)</formula1><formula2>\(max)</formula2></dataValidation>"
                case .decimal(let min, let max):
                    text += "<dataValidation type=\"decimal\" operator=\"between\" \(common)><formula1>\(min)</formula1><formula2>\(max)</formula2></dataValidation>"
                case .list(let items):
                    text += "<dataValidation type=\"list\" \(common)><formula1>\(XML.escape("\"" + items.joined(separator: ",") + "\""))</formula1></dataValidation>"
                }
            }
            text += "</dataValidations>"
        }
        text += "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>"
        text += "<pageSetup paperSize=\"9\" orientation=\"landscape\" fitToWidth=\"1\" fitToHeight=\"0\"/>"
        return text + "</worksheet>"
    }
}

enum XML {
    /// `text` safe inside an element or a double-quoted attribute; characters XML 1.0
    /// cannot hold are dropped.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\n", "\t", "\r": out.unicodeScalars.append(scalar)
            default:
                if scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value) { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
