import Foundation

/// A CSV or TSV file read for import: a header and records, each record with the line it
/// starts on, every cell NFC-normalised and trimmed.
///
/// RFC 4180 quoting (quoted cells may hold separators, quotes as `""` and line breaks), LF,
/// CRLF or CR line ends, UTF-8 with or without a byte-order mark. The separator is a comma
/// or a tab, whichever the header uses. Blank lines and lines whose cells are all empty
/// are skipped; missing trailing cells are empty.
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
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            throw SyntaxError(line: 1, message: Message("csv.utf16"))
        }
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        let scalars: [Unicode.Scalar]
        switch decodeUTF8(body) {
        case .success(let decoded): scalars = decoded
        case .failure(let offset):
            let line = 1 + body[body.startIndex..<offset].lazy.filter { $0 == 0x0A }.count
            throw SyntaxError(line: line, message: Message("csv.not-utf8", ["byte": .text(hex(body[offset]))]))
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
        let shown = separator == "\t" ? "\\t" : String(separator)
        let other: Character = separator == "," ? "\t" : ","
        let otherShown = other == "\t" ? "\\t" : ","
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
            // A line split on the other separator would fit the header: mixed separators.
            if cells.count < header.count,
                cells.count + cells.reduce(0, { $0 + $1.filter { $0 == other }.count }) == header.count
            {
                problems.append(
                    SyntaxError(
                        line: row.line,
                        message: Message(
                            separator == "\t" ? "csv.mixed-use-tabs" : "csv.mixed-use-commas",
                            ["cells": .count(cells.count), "header": .count(header.count), "other": .text(otherShown)])))
                continue
            }
            while cells.count < header.count { cells.append("") }
            records.append(Record(line: row.line, cells: cells))
        }
        return CSVTable(header: header, headerLine: first.line, records: records, problems: problems, separator: separator)
    }

    /// The header line decides: a tab separates when the header has a tab and no comma
    /// outside quotes.
    static func detectSeparator(_ scalars: [Unicode.Scalar]) -> Character {
        var quoted = false
        var commas = 0, tabs = 0, seen = false
        for scalar in scalars {
            if scalar == "\"" { quoted.toggle() }
            if quoted { continue }
            if scalar == "\n" || scalar == "\r" {
                if seen { break } else { continue }  // skip leading blank lines
            }
            if !scalar.properties.isWhitespace || scalar == "\t" { seen = true }
            if scalar == "," { commas += 1 }
            if scalar == "\t" { tabs += 1 }
        }
        return tabs > 0 && commas == 0 ? "\t" : ","
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
