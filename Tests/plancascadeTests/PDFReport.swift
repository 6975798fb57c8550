import Foundation
import Testing
import TestSupport

/// `export --format pdf`: printed by headless Chromium on A4, with the national header, the
/// number, the signature block and every planted finding, in a few pages. Skipped, saying
/// so, without Chromium and poppler-utils (CI installs both).
enum PDFReport {
    static let arguments: [String] = [
        "export", "--format", "pdf", "--as-of", "2024-10-30", "--number", "125/BC-UBND",
        "--signer-title", "TM. ỦY BAN NHÂN DÂN", "--signer-title", "CHỦ TỊCH", "--signer", "Nguyễn Văn An",
        "--recipient", "UBND tỉnh Đắk Lắk",
    ]

    static let expected: [String] = [
        "UBND HUYỆN BUÔN", "SOCIALIST REPUBLIC OF VIETNAM", "Independence - Freedom - Happiness", "No. 125/BC-UBND",
        "Buôn Đôn, 2024-10-30", "REPORT", "Recipients:", "UBND tỉnh Đắk Lắk", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Nguyễn Văn An",
        "provenance does not match", "after the period", "Errors (", "Warnings (",
    ]

    static func check(district: String, in dir: TemporaryDirectory) throws {
        if AuditCommandTests.which("chromium") == nil || AuditCommandTests.which("pdftotext") == nil {
            print("AuditCommandTests: skipping the PDF report — needs chromium and poppler-utils (scripts/ensure-deps)")
            return
        }
        let pdf: String = dir.appending("report.pdf")
        let printed: CommandResult = try Tool.run(arguments + ["--out", pdf], in: district)
        #expect(printed.status == 0, "\(printed.stderr)")
        let text: String = try Command.run("pdftotext", ["-layout", pdf, "-"]).stdout
        for phrase in expected {
            let found: Bool = text.contains(phrase)
            #expect(found, "\(phrase) is not in the PDF: \(text)")
        }
        let info: String = try Command.run("pdfinfo", [pdf]).stdout
        let pages: Int = pageCount(info)
        let fewPages: Bool = pages >= 1 && pages <= 3
        #expect(fewPages, "\(info)")
        let a4: Bool = info.contains("(A4)")
        #expect(a4, "not A4: \(info)")
        if let keep = ProcessInfo.processInfo.environment["PLANCASCADE_SCREENSHOT_DIR"] {
            let prefix: String = keep + "/report-pdf"
            _ = try Command.run("pdftoppm", ["-r", "60", "-png", pdf, prefix])
        }
    }

    /// `Pages: 3` in pdfinfo's output.
    static func pageCount(_ info: String) -> Int {
        for line in info.components(separatedBy: "\n") where line.hasPrefix("Pages:") {
            let number: String = String(line.dropFirst(6)).trimmingCharacters(in: .whitespaces)
            return Int(number) ?? 0
        }
        return 0
    }
}
