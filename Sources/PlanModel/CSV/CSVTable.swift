import Foundation
import Workbook

/// A CSV, TSV or workbook sheet read for import: a header and records, each record with the
/// line (a sheet's row) it starts on, every cell NFC-normalised and trimmed.
///
/// Text files: RFC 4180 quoting (quoted cells may hold separators, quotes as `""` and line
/// breaks), LF, CRLF or CR line ends, UTF-8 with or without a byte-order mark, or UTF-16
/// with its byte-order mark (Excel's "Unicode text"). The separator is a comma, a semicolon
/// (what Excel writes in a Vietnamese locale) or a tab, whichever the header uses. Blank
/// lines and lines whose cells are all empty are skipped; missing trailing cells are empty.
/// Workbooks (`.xlsx`): see ``read(_:sheet:)``.
public struct CSVTable: Equatable, Sendable {
    public struct Record: Equatable, Sendable {
        /// 1-based line on which the record starts.
        public let line: Int
        /// Exactly as many cells as the header has.
        public let cells: [String]

        public init(line: Int, cells: [String]) {
            self.line = line
            self.cells = cells
        }
    }

    public let header: [String]
    /// 1-based line of the header (after any leading blank lines).
    public let headerLine: Int
    /// The records that could be read, in file order.
    public let records: [Record]
    /// Records that were left out, one per line: more cells than the header, or mixed
    /// separators.
    public let problems: [SyntaxError]
    public let separator: Character
    /// The sheet's name when the table is a workbook's sheet (lines are then its rows).
    public var sheet: String? = nil

    /// A problem with the file or one of its records, with the line it was found on.
    public struct SyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
        public let line: Int
        /// What is wrong and what to do (`csv.*` codes).
        public let message: Message

        public init(line: Int, message: Message) {
            self.line = line
            self.message = message
        }

        /// `LINE: message`, in English.
        public var description: String { "\(line): \(message)" }
    }

    /// Parses `bytes`.
    /// - Throws: `SyntaxError` when the file as a whole cannot be read: invalid UTF-8
    ///   (or UTF-16), an unterminated quote, a stray quote inside an unquoted cell, text
    ///   after a closing quote, or no header. Problems of single records are collected in
    ///   ``problems`` instead.
    public static func parse(_ bytes: [UInt8]) throws(SyntaxError) -> CSVTable {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        let scalars: [Unicode.Scalar]
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            scalars = try decodeUTF16(bytes.dropFirst(2), bigEndian: bytes[0] == 0xFE)
        } else if XLSXReader.looksLikeWorkbook(bytes) {
            throw SyntaxError(line: 1, message: Message("csv.is-workbook"))
        } else {
            switch decodeUTF8(body) {
            case .success(let decoded): scalars = decoded
            case .failure(let offset):
                let line = 1 + body[body.startIndex..<offset].lazy.filter { $0 == 0x0A }.count
                throw SyntaxError(line: line, message: Message("csv.not-utf8", ["byte": .text(hex(body[offset]))]))
            }
        }
        let separator = detectSeparator(scalars)
        var rows: [(line: Int, cells: [String])] = []
        var cells: [String] = []
        var cell = String.UnicodeScalarView()
        var line = 1
        var recordLine = 1
        var quoteLine = 1
        var index = 0
        var quoted = false
        var cellWasQuoted = false
        func endCell() {
            cells.append(String(cell).trimmingCharacters(in: .whitespaces).precomposedStringWithCanonicalMapping)
            cell = String.UnicodeScalarView()
            cellWasQuoted = false
        }
        func endRecord() {
            endCell()
            if cells.contains(where: { !$0.isEmpty }) { rows.append((recordLine, cells)) }
            cells = []
        }
        while index < scalars.count {
            let scalar = scalars[index]
            let next: Unicode.Scalar? = index + 1 < scalars.count ? scalars[index + 1] : nil
            if quoted {
                if scalar == "\"" {
                    if next == "\"" {
                        cell.append("\"")
                        index += 1
                    } else {
                        quoted = false
                    }
                } else if scalar == "\r" || scalar == "\n" {
                    // A line break inside a quoted cell is kept as "\n", whatever its form.
                    if scalar == "\r", next == "\n" { index += 1 }
                    cell.append("\n")
                    line += 1
                } else {
                    cell.append(scalar)
                }
            } else if scalar == "\"" {
                guard !cellWasQuoted, String(cell).trimmingCharacters(in: .whitespaces).isEmpty else {
                    throw SyntaxError(line: line, message: Message("csv.stray-quote"))
                }
                cell = String.UnicodeScalarView()
                quoted = true
                cellWasQuoted = true
                quoteLine = line
            } else if Character(scalar) == separator {
                endCell()
            } else if scalar == "\n" || scalar == "\r" {
                if scalar == "\r", next == "\n" { index += 1 }
                endRecord()
                line += 1
                recordLine = line
            } else {
                if cellWasQuoted, !scalar.properties.isWhitespace {
                    throw SyntaxError(line: line, message: Message("csv.after-quote"))
                }
                cell.append(scalar)
            }
            index += 1
        }
        if quoted {
            throw SyntaxError(line: quoteLine, message: Message("csv.unclosed-quote"))
        }
        if !cell.isEmpty || !cells.isEmpty || cellWasQuoted { endRecord() }
        guard let first = rows.first else {
            throw SyntaxError(line: 1, message: Message("csv.empty"))
        }
        let header = first.cells
        let shown = Self.shown(separator)
        let others = Self.separators.filter { $0 != separator }
        var records: [Record] = []
        var problems: [SyntaxError] = []
        for row in rows.dropFirst() {
            var cells = row.cells
            if cells.count > header.count {
                guard cells[header.count...].allSatisfy(\.isEmpty) else {
                    problems.append(
                        SyntaxError(
                            line: row.line,
                            message: Message(
                                "csv.too-many-cells",
                                ["cells": .count(cells.count), "header": .count(header.count), "separator": .text(shown)])))
                    continue
                }
                cells.removeLast(cells.count - header.count)
            }
            // A line split on another separator would fit the header: mixed separators.
            if cells.count < header.count,
                let other = others.first(where: { other in cells.count + cells.reduce(0, { $0 + $1.filter { $0 == other }.count }) == header.count })
            {
                problems.append(
                    SyntaxError(
                        line: row.line,
                        message: Message(
                            "csv.mixed-separators",
                            ["cells": .count(cells.count), "header": .count(header.count), "other": .text(Self.shown(other)),
                             "separator": .text(shown)])))
                continue
            }
            while cells.count < header.count { cells.append("") }
            records.append(Record(line: row.line, cells: cells))
        }
        return CSVTable(header: header, headerLine: first.line, records: records, problems: problems, separator: separator)
    }

    /// The separators a text file may use.
    static let separators: [Character] = [",", ";", "\t"]

    /// A separator as messages show it (`\t` for a tab).
    static func shown(_ separator: Character) -> String { separator == "\t" ? "\\t" : String(separator) }

    /// The header line decides, outside quotes: a tab when it has tabs and neither commas
    /// nor semicolons, a semicolon when it has more of them than commas, else a comma.
    static func detectSeparator(_ scalars: [Unicode.Scalar]) -> Character {
        var quoted = false
        var commas = 0, semicolons = 0, tabs = 0, seen = false
        for scalar in scalars {
            if scalar == "\"" { quoted.toggle() }
            if quoted { continue }
            if scalar == "\n" || scalar == "\r" {
                if seen { break } else { continue }  // skip leading blank lines
            }
            if !scalar.properties.isWhitespace || scalar == "\t" { seen = true }
            if scalar == "," { commas += 1 }
            if scalar == ";" { semicolons += 1 }
            if scalar == "\t" { tabs += 1 }
        }
        if tabs > 0, commas == 0, semicolons == 0 { return "\t" }
        if semicolons > commas { return ";" }
        return ","
    }

    /// Decodes UTF-16 (after its byte-order mark); an unpaired surrogate or an odd byte
    /// count is reported with its line.
    static func decodeUTF16(_ bytes: ArraySlice<UInt8>, bigEndian: Bool) throws(SyntaxError) -> [Unicode.Scalar] {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex {
            let a = UInt16(bytes[index]), b = UInt16(bytes[index + 1])
            units.append(bigEndian ? a << 8 | b : b << 8 | a)
            index += 2
        }
        var scalars: [Unicode.Scalar] = []
        var line = 1
        var iterator = units.makeIterator()
        var decoder = UTF16()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar == "\n" { line += 1 }
                scalars.append(scalar)
            case .emptyInput: break loop
            case .error: throw SyntaxError(line: line, message: Message("csv.not-utf16"))
            }
        }
        if index < bytes.endIndex { throw SyntaxError(line: line, message: Message("csv.not-utf16")) }
        return scalars
    }

    /// A text file (see ``parse(_:)``), or one sheet of an `.xlsx` workbook: `sheet` by
    /// name, else the first. A sheet's first row with a cell is the header; each later row
    /// is a record whose line is the row's number.
    public static func read(_ bytes: [UInt8], sheet: String? = nil) throws(SyntaxError) -> CSVTable {
        guard XLSXReader.looksLikeWorkbook(bytes) else {
            if let sheet { throw SyntaxError(line: 1, message: Message("csv.sheet-not-workbook", ["sheet": .text(sheet)])) }
            return try parse(bytes)
        }
        let worksheet: Worksheet
        do {
            worksheet = try XLSXReader.read(Data(bytes), sheet: sheet)
        } catch {
            throw SyntaxError(line: 1, message: Self.message(error))
        }
        guard let first = worksheet.rows.first else {
            throw SyntaxError(line: 1, message: Message("csv.empty-sheet", ["sheet": .text(worksheet.name)]))
        }
        // As wide as the widest row: the header may be a title above the table (see
        // ``checkedAgainstHeader()`` once the real header is known).
        let width = worksheet.rows.compactMap { $0.cells.keys.max() }.max() ?? 1
        let header = (1...width).map { first.cells[$0] ?? "" }
        let records = worksheet.rows.dropFirst().map { row in Record(line: row.number, cells: (1...width).map { row.cells[$0] ?? "" }) }
        var table = CSVTable(header: header, headerLine: first.number, records: records, problems: [], separator: ",")
        table.sheet = worksheet.name
        return table
    }

    /// A sheet's rows with a cell right of the header's last named column become problems
    /// naming that cell (`D12`): a figure there would be silently lost. Text tables already
    /// refuse a row with more cells than the header.
    public func checkedAgainstHeader() -> CSVTable {
        guard sheet != nil else { return self }
        let last = header.lastIndex(where: { !$0.isEmpty }).map { $0 + 1 } ?? 0
        var kept: [Record] = [], problems = problems
        for record in records {
            if let beyond = record.cells.indices.first(where: { $0 >= last && !record.cells[$0].isEmpty }) {
                problems.append(SyntaxError(line: record.line, message: Message("csv.cell-beyond-header", [
                    "cell": .text(Worksheet.columnLetters(beyond + 1) + "\(record.line)"), "last": .text(Worksheet.columnLetters(max(last, 1)))])))
            } else {
                kept.append(Record(line: record.line, cells: Array(record.cells.prefix(max(last, 1)))))
            }
        }
        var table = CSVTable(header: Array(header.prefix(max(last, 1))), headerLine: headerLine, records: kept, problems: problems, separator: separator)
        table.sheet = sheet
        return table
    }

    static func message(_ error: WorkbookError) -> Message {
        switch error {
        case .notAWorkbook: return Message("csv.xlsx.not-workbook")
        case .noSuchSheet(let name, let available):
            return Message("csv.xlsx.no-sheet", ["sheet": .text(name), "sheets": .list(available.map { .text($0) })])
        case .damaged(let part, let reason): return Message("csv.xlsx.damaged", ["part": .text(part), "reason": .text(reason)])
        case .tooLarge(let part, let limit): return Message("csv.xlsx.too-large", ["part": .text(part), "limit": .count(limit >> 20)])
        }
    }

    /// Decodes well-formed UTF-8, or returns the index of the first byte of an ill-formed
    /// sequence (overlong forms, surrogates and values past U+10FFFF are ill-formed).
    static func decodeUTF8(_ bytes: ArraySlice<UInt8>) -> DecodeResult {
        var scalars: [Unicode.Scalar] = []
        scalars.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let b0 = bytes[index]
            if b0 < 0x80 {
                scalars.append(Unicode.Scalar(b0))
                index += 1
                continue
            }
            let length: Int
            var value: UInt32
            var low: UInt8 = 0x80, high: UInt8 = 0xBF  // allowed range of the second byte
            switch b0 {
            case 0xC2...0xDF: length = 2; value = UInt32(b0 & 0x1F)
            case 0xE0: length = 3; value = 0; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3; value = UInt32(b0 & 0x0F)
            case 0xED: length = 3; value = 0x0D; high = 0x9F
            case 0xF0: length = 4; value = 0; low = 0x90
            case 0xF1...0xF3: length = 4; value = UInt32(b0 & 0x07)
            case 0xF4: length = 4; value = 4; high = 0x8F
            default: return .failure(index)
            }
            guard bytes.endIndex - index >= length else { return .failure(index) }
            for k in 1..<length {
                let b = bytes[index + k]
                let range = k == 1 ? low...high : 0x80...0xBF
                guard range.contains(b) else { return .failure(index) }
                value = value << 6 | UInt32(b & 0x3F)
            }
            guard let scalar = Unicode.Scalar(value) else { return .failure(index) }
            scalars.append(scalar)
            index += length
        }
        return .success(scalars)
    }

    enum DecodeResult {
        case success([Unicode.Scalar])
        case failure(Int)
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return "0x" + String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0x0F)])
    }
}
