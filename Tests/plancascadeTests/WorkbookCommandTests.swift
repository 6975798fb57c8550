import Foundation
import Testing
import TestSupport

/// What a clerk's spreadsheet program writes goes in unchanged (the binary): `.xlsx` sheets
/// made by openpyxl, `;`-separated CSV as Excel saves it in a Vietnamese locale, UTF-16
/// "Unicode text" — for `import` and `report --file`, with the same Vietnamese headers.
@Suite struct WorkbookCommandTests {
    init() { IsolatedGit.setUp() }

    func run(_ arguments: [String], in directory: String) throws -> CommandResult {
        let time = "2024-12-02T09:00:00+07:00"
        return try Tool.run(arguments, in: directory, environment: ["GIT_AUTHOR_DATE": time, "GIT_COMMITTER_DATE": time])
    }

    @Test func importTargetsAndReportFiguresFromWorkbooks() throws {
        let dir = try TemporaryDirectory()
        #expect(try run(["init", "xa", "--unit", "ea-nuol", "--name", "Xã Ea Nuôl", "--level", "commune"], in: dir.path).status == 0)
        let work = dir.appending("xa")
        _ = try Openpyxl.workbook("""
            wb = openpyxl.Workbook()
            ws = wb.active
            ws.title = "Ghi chú"
            ws.append(["Kế hoạch cải cách hành chính năm 2024"])
            ws = wb.create_sheet("Chỉ tiêu")
            ws.append(["Chỉ tiêu", "Tên chỉ tiêu", "Đơn vị đo", "Mục tiêu", "Thời hạn"])
            ws.append(["DVC-ONLINE", "Tỷ lệ hồ sơ trực tuyến", "percent", 0.825, datetime.date(2024, 12, 31)])
            ws["D2"].number_format = "0.0%"
            ws["E2"].number_format = "dd/mm/yyyy"
            ws.append(["HS-SO-HOA", "Hồ sơ được số hoá", "count", 120, "Quý IV/2024"])
            wb.save(out)
            """, in: dir, name: "chi-tieu.xlsx")
        let imported = try run(["import", "targets", "../chi-tieu.xlsx", "--sheet", "Chỉ tiêu", "--year", "2024"], in: work)
        #expect(imported.status == 0, "\(imported.stdout)\(imported.stderr)")
        let target = try String(contentsOfFile: work + "/plans/2024/targets/DVC-ONLINE.json", encoding: .utf8)
        #expect(target.contains("\"value\": 82.5") && target.contains("2024-12-31"), "\(target)")

        // The first sheet is a note: without --sheet the import says which column is missing.
        let first = try run(["import", "targets", "../chi-tieu.xlsx", "--year", "2024"], in: work)
        #expect(first.status == 1)
        #expect(first.stderr.contains("chi-tieu.xlsx:Ghi chú!1:"), "\(first.stderr)")

        _ = try Openpyxl.workbook("""
            wb = openpyxl.Workbook()
            ws = wb.active
            ws.title = "Tháng 11"
            ws.append(["Chỉ tiêu", "Tên chỉ tiêu", "Tử số", "Mẫu số", "Giá trị"])
            ws.append(["DVC-ONLINE", "Tỷ lệ hồ sơ trực tuyến", 41, 50, None])
            ws.append(["HS-SO-HOA", "Hồ sơ được số hoá", None, None, 97])
            ws.append([None, "Người lập biểu: Nguyễn Thị Hoa", None, None, None])
            wb.save(out)
            """, in: dir, name: "bao-cao.xlsx")
        let reported = try run(["--lang", "vi", "report", "Tháng 11/2024", "--file", "../bao-cao.xlsx"], in: work)
        #expect(reported.status == 0, "\(reported.stdout)\(reported.stderr)")
        let progress = try String(contentsOfFile: work + "/progress/2024/2024-11.json", encoding: .utf8)
        #expect(progress.contains("\"numerator\": 41") && progress.contains("\"denominator\": 50") && progress.contains("\"value\": 97"), "\(progress)")

        // A bad cell is named as Excel names it, in the user's language.
        _ = try Openpyxl.workbook("""
            wb = openpyxl.Workbook()
            ws = wb.active
            ws.title = "Tháng 12"
            ws.append(["Chỉ tiêu", "Tử số", "Mẫu số"])
            ws.append(["DVC-ONLINE", 41, None])
            wb.save(out)
            """, in: dir, name: "thieu.xlsx")
        let missing = try run(["--lang", "vi", "report", "2024-12", "--file", "../thieu.xlsx"], in: work)
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("thieu.xlsx:Tháng 12!C2"), "\(missing.stderr)")
    }

    @Test func semicolonAndUTF16TextAsExcelSavesIt() throws {
        let dir = try TemporaryDirectory()
        #expect(try run(["init", "xa", "--unit", "ea-nuol", "--name", "Xã Ea Nuôl", "--level", "commune"], in: dir.path).status == 0)
        let work = dir.appending("xa")
        // Excel in a Vietnamese locale: ';' between cells, a BOM, CRLF.
        let semicolons = "\u{FEFF}Chỉ tiêu;Tên chỉ tiêu;Đơn vị đo;Mục tiêu\r\nDVC-ONLINE;Hồ sơ; trực tuyến;percent;82.5\r\nHS-SO-HOA;Hồ sơ được số hoá;count;120\r\n"
        try semicolons.replacingOccurrences(of: "Hồ sơ; trực tuyến", with: "\"Hồ sơ; trực tuyến\"")
            .write(toFile: dir.appending("chi-tieu.csv"), atomically: true, encoding: .utf8)
        let imported = try run(["import", "targets", "../chi-tieu.csv", "--year", "2024"], in: work)
        #expect(imported.status == 0, "\(imported.stdout)\(imported.stderr)")
        // "Unicode text": UTF-16 little-endian with a BOM, tab-separated.
        let text = "Chỉ tiêu\tGiá trị\r\nHS-SO-HOA\t80\r\n"
        let bytes: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        try Data(bytes).write(to: URL(fileURLWithPath: dir.appending("so-lieu.txt")))
        let reported = try run(["report", "2024-11", "--csv", "../so-lieu.txt"], in: work)
        #expect(reported.status == 0, "\(reported.stdout)\(reported.stderr)")
        let progress = try String(contentsOfFile: work + "/progress/2024/2024-11.json", encoding: .utf8)
        #expect(progress.contains("\"value\": 80"), "\(progress)")
    }
}
