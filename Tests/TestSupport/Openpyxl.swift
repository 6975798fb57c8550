import Foundation

/// Writes `.xlsx` workbooks the way a clerk's spreadsheet program would, through Debian's
/// python3-openpyxl (installed by `scripts/ensure-deps`): a real writer, not our own zip.
public enum Openpyxl {
    /// Debian's interpreter, which has python3-openpyxl (a pyenv `python3` on PATH may not).
    public static let python = "/usr/bin/python3"

    /// Runs `script` (Python, with `openpyxl` imported and `out` the target path) and
    /// returns the workbook's bytes. Fails the test when openpyxl is missing: CI installs it.
    public static func workbook(_ script: String, in directory: TemporaryDirectory, name: String = "book.xlsx") throws -> String {
        let path = directory.appending(name)
        let source = "import openpyxl, datetime\nout = \(literal(path))\n" + script
        let file = directory.appending("make-\(UUID().uuidString.prefix(6)).py")
        try source.write(toFile: file, atomically: true, encoding: .utf8)
        let result = try Command.run(python, [file], environment: ProcessInfo.processInfo.environment)
        guard result.status == 0, FileManager.default.fileExists(atPath: path) else {
            throw Failure(text: "openpyxl could not write the workbook (install python3-openpyxl: scripts/ensure-deps): \(result.stderr)")
        }
        return path
    }

    /// A Python string literal of `text`.
    public static func literal(_ text: String) -> String {
        "\"" + text.unicodeScalars.map { $0 == "\"" || $0 == "\\" ? "\\\($0)" : $0 == "\n" ? "\\n" : String($0) }.joined() + "\""
    }

    public struct Failure: Error, CustomStringConvertible {
        public let text: String
        public var description: String { text }
    }
}
