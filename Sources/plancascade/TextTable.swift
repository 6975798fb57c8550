/// A plain-text table whose columns line up in a terminal, Vietnamese text included:
/// widths count what a terminal shows (one cell per character, combining marks none,
/// East Asian wide characters two), not bytes or scalars.
struct TextTable {
    var header: [String]
    var rows: [[String]] = []
    /// Longer cells are cut and end in "…", so one long agency list does not push every
    /// other column off the screen (`--json` always has the full text). The last column is
    /// never cut: nothing follows it.
    var maxCellWidth: Int

    init(_ header: [String], maxCellWidth: Int = 40) {
        self.header = header
        self.maxCellWidth = maxCellWidth
    }

    mutating func append(_ row: [String]) {
        rows.append(row.enumerated().map { $0.offset == header.count - 1 ? $0.element : Self.truncate($0.element, to: maxCellWidth) })
    }

    static func truncate(_ text: String, to width: Int) -> String {
        let text = text.precomposedStringWithCanonicalMapping
        guard Self.width(text) > width else { return text }
        var result = ""
        for character in text {
            if Self.width(result + String(character)) > width - 1 { break }
            result.append(character)
        }
        return result + "…"
    }

    func render() -> String {
        let all = [header] + rows
        let widths = header.indices.map { column in all.map { Self.width(column < $0.count ? $0[column] : "") }.max() ?? 0 }
        func line(_ cells: [String]) -> String {
            var text = ""
            for (column, width) in widths.enumerated() {
                let cell = column < cells.count ? cells[column] : ""
                text += cell
                if column < widths.count - 1 { text += String(repeating: " ", count: width - Self.width(cell) + 2) }
            }
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }
        var lines = [line(header), line(widths.map { String(repeating: "─", count: $0) })]
        lines += rows.map(line)
        return lines.joined(separator: "\n") + "\n"
    }

    /// The number of terminal cells `text` takes.
    static func width(_ text: String) -> Int {
        text.precomposedStringWithCanonicalMapping.reduce(0) { total, character in
            guard let scalar = character.unicodeScalars.first else { return total }
            return total + (isWide(scalar) ? 2 : 1)
        }
    }

    static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}

import Foundation

extension Exact {
    /// Rounded half-up to `places` and written with exactly that many decimals ("70.60").
    func fixed(_ places: Int) -> String {
        var text = rounded(scale: places).description
        guard places > 0 else { return text }
        if !text.contains(".") { text += "." }
        let decimals = text.split(separator: ".", omittingEmptySubsequences: false).last?.count ?? 0
        return text + String(repeating: "0", count: max(0, places - decimals))
    }
}

import PlanModel
