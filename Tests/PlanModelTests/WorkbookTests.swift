import Foundation
import PlanModel
import Testing
import TestSupport
@testable import Workbook

/// `.xlsx` sheets read as their cells store them: written by openpyxl (a real writer), read
/// by ``XLSXReader`` into the same table CSV files give.
@Suite struct WorkbookTests {
    func table(_ path: String, sheet: String? = nil) throws -> CSVTable {
        try CSVTable.read(Array(try Data(contentsOf: URL(fileURLWithPath: path))), sheet: sheet)
    }

    func rows(_ table: CSVTable) -> [String] {
        table.records.map { "\($0.line): " + $0.cells.joined(separator: "·") }
    }

    @Test func storedNumbersBecomePlainDecimalsWithoutBinaryRounding() {
        #expect(StoredNumber.plain("0.825") == "0.825")
        #expect(StoredNumber.plain("8.2500000000000004E-2") == "0.0825")
        #expect(StoredNumber.plain("0.30000000000000004") == "0.3")
        #expect(StoredNumber.plain("1.5E3") == "1500")
        #expect(StoredNumber.plain("-0.0") == "0")
        #expect(StoredNumber.plain("-12.50") == "-12.5")
        #expect(StoredNumber.plain("99.999999999999999") == "100")
        #expect(StoredNumber.plain("1.4925") == "1.4925")
        #expect(StoredNumber.plain("0.825", shift: 2) == "82.5")
        #expect(StoredNumber.plain("1", shift: 2) == "100")
        #expect(StoredNumber.plain("1e-100") == "0." + String(repeating: "0", count: 99) + "1")
        #expect(StoredNumber.plain("abc") == nil)
        #expect(StoredNumber.plain("1e999") == nil)
        #expect(StoredNumber.date(serial: "45626", date1904: false) == "2024-11-30")
        #expect(StoredNumber.date(serial: "45626.75", date1904: false) == "2024-11-30")
        #expect(StoredNumber.date(serial: "1", date1904: false) == "1900-01-01")
        #expect(StoredNumber.date(serial: "60", date1904: false) == nil)
        #expect(StoredNumber.date(serial: "61", date1904: false) == "1900-03-01")
        #expect(StoredNumber.date(serial: "0", date1904: true) == "1904-01-01")
        #expect(Worksheet.columnLetters(1) == "A" && Worksheet.columnLetters(28) == "AB" && Worksheet.columnLetters(16384) == "XFD")
        #expect(Worksheet.position(of: "AB12")! == (28, 12))
        #expect(Worksheet.position(of: "12") == nil && Worksheet.position(of: "A0") == nil)
    }

    @Test func formatsKinds() {
        #expect(NumberFormatKind.builtIn(9) == .percent && NumberFormatKind.builtIn(14) == .date && NumberFormatKind.builtIn(2) == .plain)
        #expect(NumberFormatKind.custom("0.0%") == .percent)
        #expect(NumberFormatKind.custom("dd/mm/yyyy") == .date)
        #expect(NumberFormatKind.custom("#,##0.00\" điểm\"") == .plain)
        #expect(NumberFormatKind.custom("[$-42A]d mmmm yyyy") == .date)
        #expect(NumberFormatKind.custom("0;[Red]-0") == .plain)
    }

    @Test func aSheetAsOpenpyxlWritesIt() throws {
        let dir = try TemporaryDirectory()
        let path = try Openpyxl.workbook("""
            wb = openpyxl.Workbook()
            ws = wb.active
            ws.title = "Phụ lục I"
            ws.append(["Chỉ tiêu", "Tên chỉ tiêu", "Đơn vị đo", "Mục tiêu", "Thời hạn", "Chủ trì"])
            ws.append(["DVC-ONLINE", "Hồ sơ trực tuyến", "percent", 0.825, datetime.date(2024, 12, 31), "Sở Nội vụ"])
            ws["D2"].number_format = "0.0%"
            ws["E2"].number_format = "dd/mm/yyyy"
            ws.append(["E-RESULT", "Kết quả\\nsố hoá", "count", 0.1 + 0.2, "Quý IV", None])
            ws.append([None, None, None, None, None, None])
            ws.append(["RANK", "Xếp hạng", "rank", 39, None, None])
            ws["F3"] = "=F2"
            ws.merge_cells("F4:F5")
            ws["F4"] = "UBND cấp xã"
            other = wb.create_sheet("Tiến độ")
            other.append(["indicator", "value"])
            other.append(["DVC-ONLINE", 41])
            wb.save(out)
            """, in: dir)
        let first = try table(path)
        #expect(first.sheet == "Phụ lục I")
        #expect(first.header == ["Chỉ tiêu", "Tên chỉ tiêu", "Đơn vị đo", "Mục tiêu", "Thời hạn", "Chủ trì"])
        #expect(first.headerLine == 1)
        // The percentage keeps its sign, the date is ISO, 0.1+0.2 is Excel's 0.3, the merged
        // range F4:F5 is filled down, the empty row 4… holds only the merged cell.
        #expect(rows(first.checkedAgainstHeader()) == [
            "2: DVC-ONLINE·Hồ sơ trực tuyến·percent·82.5%·2024-12-31·Sở Nội vụ",
            "3: E-RESULT·Kết quả\nsố hoá·count·0.3·Quý IV·",
            "4: ·····UBND cấp xã",
            "5: RANK·Xếp hạng·rank·39··UBND cấp xã",
        ])
        let second = try table(path, sheet: "TIẾN ĐỘ")
        #expect(second.sheet == "Tiến độ")
        #expect(rows(second) == ["2: DVC-ONLINE·41"])
        #expect(throws: CSVTable.SyntaxError.self) { try table(path, sheet: "Phụ lục II") }
        do { _ = try table(path, sheet: "Phụ lục II") } catch let error as CSVTable.SyntaxError {
            #expect(error.message.description == "the workbook has no sheet 'Phụ lục II'; its sheets are Phụ lục I, Tiến độ")
        }
    }

    @Test func damagedAndForeignFilesAreRefusedWithTheReason() throws {
        let dir = try TemporaryDirectory()
        let path = try Openpyxl.workbook("""
            import zipfile
            wb = openpyxl.Workbook()
            wb.active.append(["a", "b"])
            wb.save(out)
            src = zipfile.ZipFile(out)
            parts = {n: src.read(n) for n in src.namelist()}
            src.close()
            def write(name, change):
                with zipfile.ZipFile(name, "w", zipfile.ZIP_DEFLATED) as z:
                    for n, data in parts.items():
                        z.writestr(n, change(n, data))
            write(out.replace("book", "broken"), lambda n, d: d[:len(d)//2] if n == "xl/worksheets/sheet1.xml" else d)
            with zipfile.ZipFile(out.replace("book", "foreign"), "w") as z:
                z.writestr("content.xml", "<office/>")
            """, in: dir)
        _ = try table(path)
        func problem(_ name: String) -> String? {
            do { _ = try table(dir.appending(name)); return nil } catch let error as CSVTable.SyntaxError { return error.message.description } catch { return "\(error)" }
        }
        #expect(problem("broken.xlsx")?.hasPrefix("the workbook is damaged: part xl/worksheets/sheet1.xml: line ") == true, "\(problem("broken.xlsx") ?? "")")
        #expect(problem("foreign.xlsx")?.contains("not an .xlsx workbook") == true)
        // A CSV with --sheet is a mistake worth naming.
        #expect(throws: CSVTable.SyntaxError.self) { try CSVTable.read(Array("a,b\n1,2\n".utf8), sheet: "x") }
    }

    @Test func aCellBeyondTheHeaderIsNamedAsExcelNamesIt() throws {
        let dir = try TemporaryDirectory()
        let path = try Openpyxl.workbook("""
            wb = openpyxl.Workbook()
            ws = wb.active
            ws.title = "Số liệu"
            ws.append(["indicator", "value"])
            ws.append(["A", 1, None, "ghi chú"])
            ws.append(["B", 2])
            wb.save(out)
            """, in: dir)
        let sheet = try table(path).checkedAgainstHeader()
        #expect(rows(sheet) == ["3: B·2"])
        #expect(sheet.problems.map(\.description) == ["2: cell D2 is right of the header's last column B; give the column a header or clear the cell"])
    }

    @Test func importFindingsNameTheSheetsCell() throws {
        let dir = try TemporaryDirectory()
        let path = try Openpyxl.workbook("""
            wb = openpyxl.Workbook()
            ws = wb.active
            ws.title = "Chỉ tiêu 2024"
            ws.append(["Chỉ tiêu", "Đơn vị đo", "Mục tiêu"])
            ws.append(["DVC-ONLINE", "percent", 0.825])
            ws["C2"].number_format = "0.00%"
            ws.append(["HS-DUNG-HAN", "percent", "chín mươi"])
            wb.save(out)
            """, in: dir)
        let read = TargetImport.read(Array(try Data(contentsOf: URL(fileURLWithPath: path))), file: "chi-tieu.xlsx")
        #expect(read.rows.map(\.target.value) == [Exact("82.5")!])
        #expect(read.findings.map(\.description) == [
            "chi-tieu.xlsx:Chỉ tiêu 2024!C3: error: row 3: Mục tiêu 'chín mươi' is not a number; write decimals with a point, e.g. 62.4",
        ])
    }
}
