import Foundation
import Testing
import TestSupport

/// `plancascade template` at the district, filled as a commune clerk would (openpyxl; then
/// LibreOffice's own re-save when it is installed), and `import progress` at the commune
/// (the binary, real repositories and hubs).
@Suite struct TemplateCommandTests {
    init() { IsolatedGit.setUp() }

    func run(_ arguments: [String], in directory: String) throws -> CommandResult {
        let time = "2024-12-02T09:00:00+07:00"
        return try Tool.run(arguments, in: directory, environment: ["GIT_AUTHOR_DATE": time, "GIT_COMMITTER_DATE": time])
    }

    /// A district with targets, a task and one commune that pulled them.
    func hierarchy(_ dir: TemporaryDirectory) throws -> (district: String, commune: String) {
        #expect(try run(["init", "buon-don", "--unit", "buon-don", "--name", "UBND huyện Buôn Đôn", "--level", "district",
                         "--hub", dir.appending("hubs/buon-don.git")], in: dir.path).status == 0)
        let district = dir.appending("buon-don")
        try "Chỉ tiêu,Tên chỉ tiêu,Đơn vị đo,Mục tiêu,Quy tắc\nDVC-ONLINE,Tỷ lệ hồ sơ trực tuyến,%,50,uplift:5\nHS-SO-HOA,Số hồ sơ được số hoá,count,100,\n"
            .write(toFile: dir.appending("t.csv"), atomically: true, encoding: .utf8)
        try "id,content,lead,timeframe\nKH-1,Ban hành kế hoạch,UBND các xã,trước ngày 15/11/2024\n"
            .write(toFile: dir.appending("k.csv"), atomically: true, encoding: .utf8)
        #expect(try run(["import", "targets", "../t.csv", "--year", "2024"], in: district).status == 0)
        #expect(try run(["import", "tasks", "../k.csv", "--year", "2024"], in: district).status == 0)
        #expect(try run(["child", "add", "ea-nuol", "--name", "UBND xã Ea Nuôl", "--level", "commune"], in: district).status == 0)
        #expect(try run(["publish"], in: district).status == 0)
        #expect(try run(["init", "ea-nuol", "--unit", "ea-nuol", "--name", "UBND xã Ea Nuôl", "--level", "commune",
                         "--parent", dir.appending("hubs/buon-don.git"), "--hub", dir.appending("hubs/ea-nuol.git")], in: dir.path).status == 0)
        let commune = dir.appending("ea-nuol")
        #expect(try run(["pull"], in: commune).status == 0)
        return (district, commune)
    }

    @Test func aTemplateFilledInASpreadsheetBecomesOneValidatedReport() throws {
        let dir = try TemporaryDirectory()
        let (district, commune) = try hierarchy(dir)
        let made = try run(["--lang", "vi", "template", "ea-nuol", "Tháng 11/2024", "--out", "../mau.xlsx"], in: district)
        #expect(made.status == 0, "\(made.stderr)")
        #expect(made.stdout.contains("2 chỉ tiêu, 1 nhiệm vụ"), "\(made.stdout)")

        // What the clerk sees: the derived target (50 + 5), yellow input cells, validation,
        // a protected sheet, the task list in Vietnamese; the metadata sheet hidden.
        let seen = try Command.run(Openpyxl.python, ["-c", """
            import openpyxl
            wb = openpyxl.load_workbook(\(Openpyxl.literal(dir.appending("mau.xlsx"))))
            ws = wb["Báo cáo"]
            print([c.value for c in ws[4]])
            print(ws["A5"].value, ws["D5"].value, ws["A6"].value, ws["D6"].value, ws.protection.sheet, ws.freeze_panes)
            print(ws["F5"].protection.locked, ws["A5"].protection.locked)
            print(sorted((str(v.sqref), v.type) for v in ws.data_validations.dataValidation))
            print(wb["Nhiệm vụ"].data_validations.dataValidation[0].formula1)
            print(wb["_plancascade"].sheet_state)
            """], environment: ProcessInfo.processInfo.environment)
        #expect(seen.status == 0, "\(seen.stderr)")
        #expect(seen.stdout == """
            ['Mã chỉ tiêu', 'Tên chỉ tiêu', 'Đơn vị tính', 'Mục tiêu', 'Kỳ trước', 'Tử số', 'Mẫu số', 'Giá trị', 'Tỷ lệ (%)']
            DVC-ONLINE 55 HS-SO-HOA 100 True A5
            False True
            [('F5:G5', 'whole'), ('H6', 'whole')]
            "chưa thực hiện,đang thực hiện,hoàn thành,vướng mắc"
            hidden

            """, "\(seen.stdout)")

        _ = try Openpyxl.workbook("""
            wb = openpyxl.load_workbook(\(Openpyxl.literal(dir.appending("mau.xlsx"))))
            ws = wb["Báo cáo"]
            ws["F5"] = 41
            ws["G5"] = 50
            ws["H6"] = 97
            wb["Nhiệm vụ"]["D2"] = "hoàn thành"
            wb.save(out)
            """, in: dir, name: "da-dien.xlsx")
        let imported = try run(["--lang", "vi", "import", "progress", "../da-dien.xlsx", "--period", "11/2024"], in: commune)
        #expect(imported.status == 0, "\(imported.stdout)\(imported.stderr)")
        #expect(imported.stdout.contains("DVC-ONLINE 41/50 = 82,00%"), "\(imported.stdout)")
        let report = try String(contentsOfFile: commune + "/progress/2024/2024-11.json", encoding: .utf8)
        #expect(report.contains("\"numerator\": 41") && report.contains("\"value\": 97") && report.contains("\"KH-1\": \"done\""), "\(report)")
        // The same file again records nothing.
        let again = try run(["import", "progress", "../da-dien.xlsx"], in: commune)
        #expect(again.status == 0 && again.stdout.contains("already"), "\(again.stdout)\(again.stderr)")

        // Refused: another unit's template, another period, and a state not in the list.
        let other = try run(["import", "progress", "../da-dien.xlsx"], in: district)
        #expect(other.status == 1)
        #expect(other.stderr.contains("template of unit 'ea-nuol', not of this unit 'buon-don'"), "\(other.stderr)")
        let period = try run(["import", "progress", "../da-dien.xlsx", "--period", "2024-12"], in: commune)
        #expect(period.status == 1)
        #expect(period.stderr.contains("is the template for 2024-11, not 2024-12"), "\(period.stderr)")
        _ = try Openpyxl.workbook("""
            wb = openpyxl.load_workbook(\(Openpyxl.literal(dir.appending("da-dien.xlsx"))))
            wb["Nhiệm vụ"]["D2"] = "xong rồi"
            wb["Báo cáo"]["G5"] = 40
            wb.save(out)
            """, in: dir, name: "sai.xlsx")
        let wrong = try run(["import", "progress", "../sai.xlsx"], in: commune)
        #expect(wrong.status == 1)
        #expect(wrong.stderr.contains("sai.xlsx:Nhiệm vụ!D2") && wrong.stderr.contains("'xong rồi' is not a state"), "\(wrong.stderr)")
        // A figure no report would take is refused as `report` refuses it: 41 of 40.
        _ = try Openpyxl.workbook("""
            wb = openpyxl.load_workbook(\(Openpyxl.literal(dir.appending("da-dien.xlsx"))))
            wb["Báo cáo"]["G5"] = 40
            wb.save(out)
            """, in: dir, name: "qua.xlsx")
        let over = try run(["import", "progress", "../qua.xlsx"], in: commune)
        #expect(over.status == 1, "\(over.stdout)\(over.stderr)")
        #expect(over.stderr.contains("DVC-ONLINE"), "\(over.stderr)")
    }

    @Test func libreOfficeReadsTheTemplateAndItsReSaveImportsTheSame() throws {
        guard FileManager.default.fileExists(atPath: "/usr/bin/soffice") || ProcessInfo.processInfo.environment["PLANCASCADE_REQUIRE_TOOLS"] != nil else {
            print("libreoffice-calc is not installed (scripts/ensure-deps installs it): LibreOffice round trip not run")
            return
        }
        let dir = try TemporaryDirectory()
        let (district, commune) = try hierarchy(dir)
        #expect(try run(["template", "ea-nuol", "2024-11", "--out", "../mau.xlsx"], in: district).status == 0)
        _ = try Openpyxl.workbook("""
            wb = openpyxl.load_workbook(\(Openpyxl.literal(dir.appending("mau.xlsx"))))
            wb["Report"]["F5"] = 41
            wb["Report"]["G5"] = 50
            wb["Report"]["H6"] = 97
            wb["Tasks"]["D2"] = "in progress"
            wb.save(out)
            """, in: dir, name: "filled.xlsx")
        // LibreOffice opens the filled workbook and writes it again its own way (shared strings,
        // its styles, the formula computed).
        let out = dir.appending("lo")
        let converted = try Command.run("/usr/bin/soffice", [
            "-env:UserInstallation=file://" + dir.appending("lo-profile"), "--headless", "--convert-to", "xlsx", "--outdir", out,
            dir.appending("filled.xlsx")], environment: ProcessInfo.processInfo.environment)
        #expect(converted.status == 0, "\(converted.stderr)")
        let computed = try Command.run(Openpyxl.python, ["-c", """
            import openpyxl
            print(openpyxl.load_workbook(\(Openpyxl.literal(out + "/filled.xlsx")), data_only=True)["Report"]["I5"].value)
            """], environment: ProcessInfo.processInfo.environment)
        #expect(computed.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "82", "\(computed.stdout)\(computed.stderr)")
        let imported = try run(["import", "progress", out + "/filled.xlsx"], in: commune)
        #expect(imported.status == 0, "\(imported.stdout)\(imported.stderr)")
        let report = try String(contentsOfFile: commune + "/progress/2024/2024-11.json", encoding: .utf8)
        #expect(report.contains("\"numerator\": 41") && report.contains("\"denominator\": 50") && report.contains("\"value\": 97")
                && report.contains("\"KH-1\": \"in-progress\""), "\(report)")
    }

    @Test func exportAsAWorkbookWithNumbersAndAsCSVFilesWithABOM() throws {
        let dir = try TemporaryDirectory()
        let (district, commune) = try hierarchy(dir)
        #expect(try run(["report", "2024-11", "DVC-ONLINE=41/50", "HS-SO-HOA=97"], in: commune).status == 0)
        #expect(try run(["push"], in: commune).status == 0)
        #expect(try run(["collect"], in: district).status == 0)
        let exported = try run(["--lang", "vi", "export", "--format", "xlsx", "--as-of", "2024-12-02"], in: district)
        #expect(exported.status == 0, "\(exported.stderr)")
        #expect(FileManager.default.fileExists(atPath: district + "/buon-don-2024-12-02.xlsx"))
        let seen = try Command.run(Openpyxl.python, ["-c", """
            import openpyxl
            wb = openpyxl.load_workbook(\(Openpyxl.literal(district + "/buon-don-2024-12-02.xlsx")))
            print(wb.sheetnames)
            ws = wb.worksheets[0]
            print(ws.freeze_panes, [c.value for c in ws[4]])
            for row in ws.iter_rows(min_row=5, values_only=True):
                if row[0] == "ea-nuol": print(row[2], repr(row[4]), repr(row[5]), repr(row[6]), repr(row[7]))
            """], environment: ProcessInfo.processInfo.environment)
        #expect(seen.status == 0, "\(seen.stderr)")
        let lines = seen.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "['Chỉ tiêu và số liệu', 'Các phát hiện', 'Lịch sử thay đổi']", "\(seen.stdout)")
        #expect(lines.contains("A5 ['đơn vị', 'tên đơn vị', 'chỉ số', 'so sánh', 'chỉ tiêu', 'thực hiện', 'tử số', 'mẫu số', 'kỳ báo cáo', 'thời hạn', 'tình trạng']"), "\(seen.stdout)")
        #expect(lines.contains("DVC-ONLINE 55 82 41 50"), "\(seen.stdout)")
        #expect(lines.contains("HS-SO-HOA 100 97 None None"), "\(seen.stdout)")

        let csv = try run(["export", "--format", "csv", "--out", "../bao-cao.csv", "--as-of", "2024-12-02"], in: district)
        #expect(csv.status == 0, "\(csv.stderr)")
        for table in ["status", "findings", "history"] {
            let bytes = try Data(contentsOf: URL(fileURLWithPath: dir.appending("bao-cao-\(table).csv")))
            #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]), "\(table)")
        }
        let status = String(decoding: try Data(contentsOf: URL(fileURLWithPath: dir.appending("bao-cao-status.csv"))), as: UTF8.self)
        #expect(status.hasPrefix("\u{FEFF}unit,name,indicator,target,actual"), "\(status)")
    }
}

