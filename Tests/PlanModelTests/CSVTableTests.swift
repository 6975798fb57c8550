import Testing
import PlanModel

@Suite struct CSVTableTests {
    func parse(_ text: String) throws -> CSVTable {
        try CSVTable.parse(Array(text.utf8))
    }

    func rows(_ table: CSVTable) -> [String] {
        table.records.map { "\($0.line): " + $0.cells.joined(separator: "·") }
    }

    func syntaxError(_ bytes: [UInt8]) -> CSVTable.SyntaxError? {
        do {
            _ = try CSVTable.parse(bytes)
            return nil
        } catch {
            return error
        }
    }

    @Test func rfc4180QuotingWithCRLF() throws {
        let table = try parse("a,b,c\r\n1,\"x,y\",3\r\n\"multi\r\nline\",\"q\"\"q\",\r\n4,5,6")
        #expect(table.header == ["a", "b", "c"])
        #expect(table.separator == ",")
        #expect(table.headerLine == 1)
        #expect(rows(table) == ["2: 1·x,y·3", "3: multi\nline·q\"q·", "5: 4·5·6"])
        #expect(table.problems == [])
    }

    @Test func quotedMultiLineCellKeepsItsStartLine() throws {
        let text = "id,content\n1,\"Rà soát,\nđôn đốc\n\nbáo cáo\"\n2,Tiếp\n"
        let table = try parse(text)
        #expect(table.records.map(\.line) == [2, 6])
        #expect(table.records[0].cells[1] == "Rà soát,\nđôn đốc\n\nbáo cáo")
        // Old Mac line ends (CR) count as lines too, inside and outside quotes.
        let cr = try parse("id,content\r1,\"a\rb\"\r2,c\r")
        #expect(cr.records.map(\.line) == [2, 4])
        #expect(cr.records[0].cells[1] == "a\nb")
    }

    @Test func tabSeparatedWithBOM() throws {
        let table = try CSVTable.parse([0xEF, 0xBB, 0xBF] + Array("Mã\tMục tiêu\r\n1.1\t1,5\r\n".utf8))
        #expect(table.separator == "\t")
        #expect(table.header == ["Mã", "Mục tiêu"])
        #expect(rows(table) == ["2: 1.1·1,5"])
    }

    @Test func headerWithTabsAndCommasIsCommaSeparated() throws {
        #expect(try parse("a\t1,b\n1,2\n").separator == ",")
        #expect(try parse("\"a,b\"\tc\n1\t2\n").separator == "\t")
    }

    @Test func cellsAreTrimmedAndNFC() throws {
        // "Đắk Lắk" in decomposed form (NFD), padded with spaces and a no-break space.
        let nfd = "Đa\u{0306}\u{0301}k La\u{0306}\u{0301}k"
        let table = try parse("  tên  ,b\n \(nfd)\u{00A0},\u{00A0}\n")
        #expect(table.header == ["tên", "b"])
        let cell = table.records[0].cells[0]
        #expect(Array(cell.unicodeScalars) == Array("\u{0110}\u{1EAF}k L\u{1EAF}k".unicodeScalars))
        #expect(table.records[0].cells[1] == "")
        let vietnamese = "Thu\u{0309} tu\u{0323}c ha\u{0300}nh chi\u{0301}nh"
        let normalised = try parse("x\n\(vietnamese)\n").records[0].cells[0]
        #expect(Array(normalised.unicodeScalars) == Array("Thủ tục hành chính".unicodeScalars))
        #expect(normalised.unicodeScalars.count == 18)
    }

    @Test func blankAndEmptyLinesAreSkippedAndShortRowsPadded() throws {
        let table = try parse("\n\na,b,c\n1,2,,\n\n,,\n3\n")
        #expect(table.headerLine == 3)
        #expect(rows(table) == ["4: 1·2·", "7: 3··"])
    }

    @Test func invalidUTF8NamesItsLine() {
        let bytes = Array("a,b\n1,2\n".utf8) + [0x78, 0xC3, 0x28] + Array(",1\n4,5\n".utf8)
        #expect(syntaxError(bytes)?.line == 3)
        #expect(syntaxError(bytes)?.message.description.contains("not valid UTF-8") == true)
        // On the last line without a line end; a surrogate; an overlong form; after a BOM.
        #expect(syntaxError(Array("a\n1\n".utf8) + [0xFF])?.line == 3)
        #expect(syntaxError(Array("a\nx".utf8) + [0xED, 0xA0, 0x80])?.line == 2)
        #expect(syntaxError(Array("a\n\n\n".utf8) + [0xC0, 0xAF])?.line == 4)
        #expect(syntaxError([0xEF, 0xBB, 0xBF] + Array("a\n".utf8) + [0xE1, 0xBB])?.line == 2)
    }

    @Test func unbalancedQuoteNamesTheLineItOpensOn() {
        let error = syntaxError(Array("a,b\n1,2\n3,\"never\nclosed\n4,5\n".utf8))
        #expect(error?.line == 3)
        #expect(error?.message.description.contains("never closed") == true)
        let second = syntaxError(Array("a,b,c\n\"x\ny\",\"open\n".utf8))
        #expect(second?.line == 3)
    }

    @Test func strayQuotes() {
        #expect(syntaxError(Array("a,b\n1,x\"y\n".utf8))?.description
            == "2: a quote inside an unquoted cell; quote the whole cell and double the quote (\"\")")
        #expect(syntaxError(Array("a,b\n1,\"x\"y\n".utf8))?.message.description == "text after a closing quote; quote the whole cell")
        #expect(syntaxError(Array("".utf8))?.message.description.contains("empty") == true)
        #expect(syntaxError(Array("\n\r\n".utf8))?.line == 1)
    }

    @Test func rowProblemsSkipTheRowAndGoOn() throws {
        let table = try parse("a,b\n1,2,3\n4,5,,\n6,7\n")
        #expect(rows(table) == ["3: 4·5", "4: 6·7"])
        #expect(table.problems.map(\.description) == ["2: 3 cells but the header has 2; quote cells that contain ','"])
    }

    @Test func semicolonsAsExcelWritesThemInAVietnameseLocale() throws {
        let table = try parse("Chỉ tiêu;Tên;Đơn vị đo;Mục tiêu\nDVC-ONLINE;\"Hồ sơ; trực tuyến\";percent;82,5\n")
        #expect(table.separator == ";")
        #expect(rows(table) == ["2: DVC-ONLINE·Hồ sơ; trực tuyến·percent·82,5"])
        // Commas inside cells of a semicolon file are text.
        #expect(try parse("a;b\nCác sở, ban, ngành;1\n").records[0].cells == ["Các sở, ban, ngành", "1"])
        let mixed = try parse("a;b;c\n1,2,3\n")
        #expect(mixed.problems.first?.message.description.contains("use ';' throughout") == true)
    }

    @Test func utf16AsExcelSavesUnicodeText() throws {
        let text = "Chỉ tiêu\tMục tiêu\r\nDVC-ONLINE\t82.5\r\n𝔘\t1\r\n"
        let little: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let big: [UInt8] = [0xFE, 0xFF] + text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        for bytes in [little, big] {
            let table = try CSVTable.parse(bytes)
            #expect(table.separator == "\t")
            #expect(table.header == ["Chỉ tiêu", "Mục tiêu"])
            #expect(rows(table) == ["2: DVC-ONLINE·82.5", "3: 𝔘·1"])
        }
        // An unpaired surrogate on line 2, and an odd byte at the end.
        let broken: [UInt8] = [0xFF, 0xFE] + Array("a\n".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] } + [0x00, 0xD8, 0x61, 0x00]
        #expect(syntaxError(broken)?.line == 2)
        #expect(syntaxError(broken)?.message.description.contains("not valid UTF-16") == true)
        #expect(syntaxError([0xFF, 0xFE, 0x61, 0x00, 0x62])?.message.description.contains("UTF-16") == true)
    }

    @Test func aWorkbookGivenAsTextSaysSo() {
        #expect(syntaxError([0x50, 0x4B, 0x03, 0x04, 0, 0])?.message.description.contains("Excel workbook") == true)
    }

    @Test func mixedSeparators() throws {
        let commaHeader = try parse("a,b,c\n1\t2\t3\n4,5,6\n")
        #expect(rows(commaHeader) == ["3: 4·5·6"])
        #expect(commaHeader.problems.map(\.line) == [2])
        #expect(commaHeader.problems.first?.message.description.contains("mixed separators; use ',' throughout, as the header does") == true)

        let tabHeader = try parse("a\tb\n1,2\nx, y\tz\n")
        #expect(tabHeader.problems.map(\.line) == [2])
        #expect(tabHeader.problems.first?.message.description.contains("use '\\t' throughout") == true)
        #expect(rows(tabHeader) == ["3: x, y·z"])
        // Commas inside a tab-separated cell are text when the count does not fit the header.
        let text = try parse("a\tb\tc\tđ\nCác sở, ban, ngành\n")
        #expect(rows(text) == ["2: Các sở, ban, ngành···"])
    }
}
