import Foundation
import Git
import PlanModel

/// Prints the HTML document to PDF with headless Chromium, as a browser prints it (A4, the
/// page's own `@page` rules and page numbers).
public enum ExportPDF {
    /// The browsers tried, in order, on PATH.
    static let browsers = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]

    /// Writes `html` as a PDF to `out`.
    /// - Throws: `PlanStoreError.io` when no Chromium is installed or it fails, saying what to do.
    public static func write(_ html: String, to out: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let path = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        guard let browser = browsers.lazy.compactMap({ name in path.map { "\($0)/\(name)" }.first(where: FileManager.default.isExecutableFile) }).first else {
            throw PlanStoreError.io(path: out, reason: Message("export.pdf.no-chromium"))
        }
        let work = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("plancascade-pdf-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let page = work.appendingPathComponent("report.html")
        try Data(html.utf8).write(to: page)
        let target = URL(fileURLWithPath: out).standardizedFileURL
        let arguments = [
            "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--user-data-dir=" + work.appendingPathComponent("profile").path,
            "--no-pdf-header-footer", "--print-to-pdf=" + target.path, page.absoluteString,
        ]
        let outcome: ChildProcess.Outcome
        do {
            outcome = try ChildProcess.run(browser, arguments, stdout: .discard)
        } catch {
            throw PlanStoreError.io(path: out, reason: Message("export.pdf.failed", ["out": .text(out), "reason": .text("\(error)")]))
        }
        guard outcome.status == 0, FileManager.default.fileExists(atPath: target.path) else {
            let reason = String(decoding: outcome.stderr, as: UTF8.self).split(separator: "\n").last.map(String.init) ?? "exit \(outcome.status)"
            throw PlanStoreError.io(path: out, reason: Message("export.pdf.failed", ["out": .text(out), "reason": .text(reason)]))
        }
    }
}
