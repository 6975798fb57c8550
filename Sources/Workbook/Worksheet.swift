/// One sheet of a workbook as its cells store it: for each row that has a cell, the text of
/// each cell by column, the way the file holds it (no locale, no display format re-read).
///
/// Texts are what an importer would have typed: shared and inline strings as written,
/// numbers as plain decimals (`8.25E-2` → `0.0825`, to Excel's 15 significant digits),
/// a percent-formatted number with its sign (`0.825` shown as 82.5% → `82.5%`), a
/// date-formatted number as `YYYY-MM-DD`, booleans as `TRUE`/`FALSE`, and a formula's
/// cached result. Merged cells are filled down: every row of a merged range gets the
/// value of its top-left cell in the range's first column, as Excel shows it.
public struct Worksheet: Equatable, Sendable {
    public struct Row: Equatable, Sendable {
        /// 1-based row number, as Excel shows it.
        public let number: Int
        /// 1-based column → the cell's text; empty cells are absent.
        public let cells: [Int: String]

        public init(number: Int, cells: [Int: String]) {
            self.number = number
            self.cells = cells
        }
    }

    /// The sheet's name (its tab).
    public let name: String
    /// Rows with at least one non-empty cell, by row number.
    public let rows: [Row]

    public init(name: String, rows: [Row]) {
        self.name = name
        self.rows = rows
    }

    /// `A`, `B`, …, `Z`, `AA`, … for a 1-based column.
    public static func columnLetters(_ column: Int) -> String {
        var n = column
        var letters: [Character] = []
        while n > 0 {
            let digit = (n - 1) % 26
            letters.append(Character(Unicode.Scalar(UInt8(65 + digit))))
            n = (n - 1) / 26
        }
        return String(letters.reversed())
    }

    /// The 1-based column and row of a cell reference such as `C12`; nil when malformed.
    public static func position(of reference: String) -> (column: Int, row: Int)? {
        var column = 0, row = 0
        var index = reference.unicodeScalars.startIndex
        let scalars = reference.unicodeScalars
        while index < scalars.endIndex, let value = letterValue(scalars[index]) {
            column = column * 26 + value
            guard column <= 16_384 else { return nil }
            index = scalars.index(after: index)
        }
        guard column > 0, index < scalars.endIndex else { return nil }
        while index < scalars.endIndex {
            guard let digit = scalars[index].properties.numericType != nil ? Int(String(scalars[index])) : nil else { return nil }
            row = row * 10 + digit
            guard row <= 1_048_576 else { return nil }
            index = scalars.index(after: index)
        }
        return row > 0 ? (column, row) : nil
    }

    private static func letterValue(_ scalar: Unicode.Scalar) -> Int? {
        switch scalar.value {
        case 65...90: return Int(scalar.value) - 64
        case 97...122: return Int(scalar.value) - 96
        default: return nil
        }
    }
}

/// Why a workbook could not be read.
public enum WorkbookError: Error, Equatable, Sendable {
    /// Not a zip archive, or one without the parts of a workbook (e.g. an `.xls` or `.ods`).
    case notAWorkbook
    /// No sheet of that name; the names there are.
    case noSuchSheet(String, available: [String])
    /// A part of the workbook is malformed: the part's name and what is wrong.
    case damaged(part: String, reason: String)
    /// A part inflates beyond the limit (a zip bomb, or a sheet far bigger than any plan).
    case tooLarge(part: String, limit: Int)
}
