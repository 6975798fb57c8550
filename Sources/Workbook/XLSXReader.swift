import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// Reads one sheet of an Office Open XML workbook (`.xlsx`, as Excel, LibreOffice and
/// openpyxl write it): the zip through ZIPFoundation, each XML part through Foundation's
/// event-driven `XMLParser`, so no part is held as a tree.
public enum XLSXReader {
    /// No part of a workbook may inflate beyond this (a plan's sheet is a few hundred KiB).
    public static let partLimit = 64 << 20

    /// True when `bytes` start like a zip archive (`PK\3\4`): a workbook, not a text file.
    public static func looksLikeWorkbook(_ bytes: some Collection<UInt8>) -> Bool {
        bytes.starts(with: [0x50, 0x4B, 0x03, 0x04])
    }

    /// The names of the workbook's sheets, in tab order.
    public static func sheetNames(_ data: Data) throws(WorkbookError) -> [String] {
        try Package(data).sheets().map(\.name)
    }

    /// The sheet named `sheet` (compared NFC and case-insensitively), or the first sheet.
    public static func read(_ data: Data, sheet: String? = nil) throws(WorkbookError) -> Worksheet {
        let package = try Package(data)
        let sheets = try package.sheets()
        guard !sheets.isEmpty else { throw .damaged(part: "xl/workbook.xml", reason: "no sheets") }
        let chosen: (name: String, part: String)
        if let sheet {
            let wanted = sheet.precomposedStringWithCanonicalMapping.lowercased()
            guard let found = sheets.first(where: { $0.name.precomposedStringWithCanonicalMapping.lowercased() == wanted }) else {
                throw .noSuchSheet(sheet, available: sheets.map(\.name))
            }
            chosen = found
        } else {
            chosen = sheets[0]
        }
        let strings = try package.sharedStrings()
        let (formats, date1904) = try package.styles()
        guard let xml = try package.part(chosen.part) else { throw .damaged(part: chosen.part, reason: "missing") }
        let reader = SheetParser(strings: strings, formats: formats, date1904: date1904)
        try parse(xml, part: chosen.part, with: reader)
        return Worksheet(name: chosen.name, rows: reader.rows())
    }

    static func parse(_ data: Data, part: String, with delegate: PartParser) throws(WorkbookError) {
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        parser.delegate = delegate
        if !parser.parse() {
            let reason = delegate.failure ?? parser.parserError.map { "\($0.localizedDescription)" } ?? "not well-formed XML"
            throw .damaged(part: part, reason: "line \(parser.lineNumber): \(reason)")
        }
        if let failure = delegate.failure { throw .damaged(part: part, reason: failure) }
        // Foundation's parser on Linux accepts a document cut short: its root must close.
        if !delegate.closedRoot { throw .damaged(part: part, reason: "line \(parser.lineNumber): the XML ends before its last element closes") }
    }
}

/// The events of one part, with the depth that proves the document was complete;
/// subclasses read `start`, `end` and `text`.
class PartParser: NSObject, XMLParserDelegate {
    /// Why the subclass stopped the parse.
    var failure: String?
    private var depth = 0
    private(set) var closedRoot = false

    func start(_ name: String, _ attributes: [String: String], _ parser: XMLParser) {}
    func end(_ name: String) {}
    func text(_ string: String) {}

    final func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        depth += 1
        start(name, attributes, parser)
    }

    final func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        depth -= 1
        if depth == 0 { closedRoot = true }
        end(name)
    }

    final func parser(_ parser: XMLParser, foundCharacters string: String) { text(string) }

    func stop(_ parser: XMLParser, _ reason: String) {
        failure = reason
        parser.abortParsing()
    }
}

/// The zip archive and the parts every sheet needs.
private struct Package {
    let archive: Archive

    init(_ data: Data) throws(WorkbookError) {
        guard XLSXReader.looksLikeWorkbook(data) else { throw .notAWorkbook }
        do { archive = try Archive(data: data, accessMode: .read) } catch { throw .notAWorkbook }
        guard archive["xl/workbook.xml"] != nil else { throw .notAWorkbook }
    }

    /// The part's bytes, nil when the archive has no such part.
    func part(_ path: String) throws(WorkbookError) -> Data? {
        guard let entry = archive[path] else { return nil }
        guard entry.uncompressedSize <= UInt64(XLSXReader.partLimit) else { throw .tooLarge(part: path, limit: XLSXReader.partLimit) }
        var data = Data()
        do {
            _ = try archive.extract(entry) { chunk in
                // The size in the header may lie: count what really inflates.
                guard data.count + chunk.count <= XLSXReader.partLimit else { throw WorkbookError.tooLarge(part: path, limit: XLSXReader.partLimit) }
                data.append(chunk)
            }
        } catch let error as WorkbookError {
            throw error
        } catch {
            throw .damaged(part: path, reason: "\(error)")
        }
        return data
    }

    /// Each sheet's name and part, in tab order (`xl/workbook.xml` through its relationships).
    func sheets() throws(WorkbookError) -> [(name: String, part: String)] {
        guard let workbook = try part("xl/workbook.xml") else { throw .notAWorkbook }
        let sheets = ElementCollector(names: ["sheet", "workbookPr"])
        try XLSXReader.parse(workbook, part: "xl/workbook.xml", with: sheets)
        var targets: [String: String] = [:]
        if let rels = try part("xl/_rels/workbook.xml.rels") {
            let relationships = ElementCollector(names: ["Relationship"])
            try XLSXReader.parse(rels, part: "xl/_rels/workbook.xml.rels", with: relationships)
            for (_, attributes) in relationships.elements {
                if let id = attributes["Id"], let target = attributes["Target"] { targets[id] = Self.resolve(target) }
            }
        }
        var result: [(String, String)] = []
        for (index, (name, attributes)) in sheets.elements.enumerated() where name == "sheet" {
            guard let sheetName = attributes["name"] else { continue }
            let id = attributes["r:id"] ?? attributes.first(where: { $0.key.hasSuffix(":id") })?.value
            let part = id.flatMap { targets[$0] } ?? "xl/worksheets/sheet\(index + 1).xml"
            result.append((sheetName.precomposedStringWithCanonicalMapping, part))
        }
        return result
    }

    /// A relationship target as a part name: `worksheets/sheet1.xml` is under `xl/`,
    /// `/xl/worksheets/sheet1.xml` is absolute.
    static func resolve(_ target: String) -> String {
        var components: [Substring] = target.hasPrefix("/") ? [] : ["xl"]
        for component in target.split(separator: "/") {
            if component == ".." { if !components.isEmpty { components.removeLast() } } else if component != "." { components.append(component) }
        }
        return components.joined(separator: "/")
    }

    func sharedStrings() throws(WorkbookError) -> [String] {
        guard let xml = try part("xl/sharedStrings.xml") else { return [] }
        let parser = SharedStringsParser()
        try XLSXReader.parse(xml, part: "xl/sharedStrings.xml", with: parser)
        return parser.strings
    }

    /// Each cell style's number format kind, by style index; and whether dates count from 1904.
    func styles() throws(WorkbookError) -> ([NumberFormatKind], Bool) {
        var date1904 = false
        if let workbook = try part("xl/workbook.xml") {
            let properties = ElementCollector(names: ["workbookPr"])
            try XLSXReader.parse(workbook, part: "xl/workbook.xml", with: properties)
            let flag = properties.elements.first?.attributes["date1904"]
            date1904 = flag == "1" || flag == "true"
        }
        guard let xml = try part("xl/styles.xml") else { return ([], date1904) }
        let parser = StylesParser()
        try XLSXReader.parse(xml, part: "xl/styles.xml", with: parser)
        let kinds = parser.cellFormats.map { id in
            parser.customFormats[id].map(NumberFormatKind.custom) ?? NumberFormatKind.builtIn(id)
        }
        return (kinds, date1904)
    }
}

/// Collects the attributes of every element with one of `names`, in document order.
private final class ElementCollector: PartParser {
    let names: Set<String>
    var elements: [(name: String, attributes: [String: String])] = []

    init(names: Set<String>) { self.names = names }

    override func start(_ name: String, _ attributes: [String: String], _ parser: XMLParser) {
        if names.contains(name) { elements.append((name, attributes)) }
    }
}

/// `<si>` items: the text of their `<t>` runs, phonetic runs (`<rPh>`) left out.
private final class SharedStringsParser: PartParser {
    var strings: [String] = []
    private var current: String?
    private var inText = false, inPhonetic = false
    private weak var parser: XMLParser?

    override func start(_ name: String, _ attributes: [String: String], _ parser: XMLParser) {
        self.parser = parser
        switch name {
        case "si": current = ""
        case "t": inText = true
        case "rPh": inPhonetic = true
        default: break
        }
    }

    override func end(_ name: String) {
        switch name {
        case "si":
            strings.append((current ?? "").precomposedStringWithCanonicalMapping)
            current = nil
            if strings.count > 1_000_000, let parser { stop(parser, "more than 1,000,000 strings") }
        case "t": inText = false
        case "rPh": inPhonetic = false
        default: break
        }
    }

    override func text(_ string: String) {
        if inText, !inPhonetic { current?.append(string) }
    }
}

/// `<numFmts>` (custom format codes by id) and `<cellXfs>` (each cell style's format id).
private final class StylesParser: PartParser {
    var customFormats: [Int: String] = [:]
    var cellFormats: [Int] = []
    private var inCellXfs = false

    override func start(_ name: String, _ attributes: [String: String], _ parser: XMLParser) {
        switch name {
        case "numFmt":
            if let id = attributes["numFmtId"].flatMap(Int.init), let code = attributes["formatCode"] { customFormats[id] = code }
        case "cellXfs": inCellXfs = true
        case "xf" where inCellXfs: cellFormats.append(attributes["numFmtId"].flatMap(Int.init) ?? 0)
        default: break
        }
    }

    override func end(_ name: String) {
        if name == "cellXfs" { inCellXfs = false }
    }
}

/// A worksheet's `<sheetData>` and `<mergeCells>`.
private final class SheetParser: PartParser {
    let strings: [String]
    let formats: [NumberFormatKind]
    let date1904: Bool

    private var cells: [Int: [Int: String]] = [:]
    private var merges: [(first: (column: Int, row: Int), last: (column: Int, row: Int))] = []
    private var rowNumber = 0
    private var nextColumn = 1
    private var cell: (column: Int, type: String, style: Int)?
    private var value: String?
    private var inValue = false, inInlineText = false

    init(strings: [String], formats: [NumberFormatKind], date1904: Bool) {
        self.strings = strings
        self.formats = formats
        self.date1904 = date1904
    }

    override func start(_ name: String, _ attributes: [String: String], _ parser: XMLParser) {
        switch name {
        case "row":
            rowNumber = attributes["r"].flatMap(Int.init) ?? rowNumber + 1
            nextColumn = 1
            guard (1...1_048_576).contains(rowNumber) else { return stop(parser, "row number \(rowNumber) out of range") }
        case "c":
            var column = nextColumn
            if let reference = attributes["r"] {
                guard let position = Worksheet.position(of: reference) else { return stop(parser, "bad cell reference '\(reference)'") }
                column = position.column
                rowNumber = position.row
            }
            nextColumn = column + 1
            cell = (column, attributes["t"] ?? "n", attributes["s"].flatMap(Int.init) ?? 0)
            value = nil
        case "v": inValue = true; value = value ?? ""
        case "t" where cell != nil: inInlineText = true; value = value ?? ""
        case "mergeCell":
            guard let reference = attributes["ref"] else { return }
            let ends = reference.split(separator: ":").map(String.init)
            if ends.count == 2, let first = Worksheet.position(of: ends[0]), let last = Worksheet.position(of: ends[1]) {
                merges.append((first, last))
            }
        default: break
        }
    }

    override func end(_ name: String) {
        switch name {
        case "v": inValue = false
        case "t": inInlineText = false
        case "c":
            if let cell, let value, let text = text(of: value, type: cell.type, style: cell.style), !text.isEmpty {
                cells[rowNumber, default: [:]][cell.column] = text
            }
            cell = nil
            value = nil
        default: break
        }
    }

    override func text(_ string: String) {
        if inValue || inInlineText { value?.append(string) }
    }

    /// The text of a cell of type `type` (`s`, `str`, `inlineStr`, `b`, `e`, `n`) stored as `raw`.
    private func text(of raw: String, type: String, style: Int) -> String? {
        switch type {
        case "s":
            guard let index = Int(raw.trimmingCharacters(in: .whitespaces)), strings.indices.contains(index) else { return nil }
            return strings[index].trimmingCharacters(in: .whitespacesAndNewlines)
        case "str", "inlineStr":
            return raw.precomposedStringWithCanonicalMapping.trimmingCharacters(in: .whitespacesAndNewlines)
        case "b":
            return raw.trimmingCharacters(in: .whitespaces) == "1" ? "TRUE" : "FALSE"
        case "e":
            return raw.trimmingCharacters(in: .whitespaces)
        default:
            let kind = formats.indices.contains(style) ? formats[style] : .plain
            switch kind {
            case .percent: return StoredNumber.plain(raw, shift: 2).map { $0 + "%" } ?? raw
            case .date: return StoredNumber.date(serial: raw, date1904: date1904) ?? StoredNumber.plain(raw) ?? raw
            case .plain: return StoredNumber.plain(raw) ?? raw
            }
        }
    }

    /// The rows, merged ranges filled down in their first column.
    func rows() -> [Worksheet.Row] {
        for merge in merges {
            guard let value = cells[merge.first.row]?[merge.first.column] else { continue }
            let last = min(merge.last.row, merge.first.row + 10_000)
            for row in merge.first.row...max(merge.first.row, last) where cells[row]?[merge.first.column] == nil {
                cells[row, default: [:]][merge.first.column] = value
            }
        }
        return cells.keys.sorted().compactMap { number in
            let row = cells[number]!
            return row.isEmpty ? nil : Worksheet.Row(number: number, cells: row)
        }
    }
}
