/// A strict RFC 8259 parser that records where every node starts.
///
/// It never crashes or hangs: it rejects a byte-order mark, invalid UTF-8, lone surrogates,
/// comments, trailing commas, NaN/Infinity, leading zeros, raw control characters in
/// strings, truncated input, trailing garbage and nesting deeper than ``maxDepth``.
/// Duplicate keys are kept (see ``JSONValue/duplicateKeys()``). Time is linear in the input.
public enum JSONParser {
    /// The deepest nesting of arrays and objects accepted.
    public static let maxDepth = 256

    /// Parses one JSON text.
    /// - Throws: ``JSONSyntaxError`` naming the first problem and its position.
    public static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONValue {
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            throw JSONSyntaxError(
                message: Message("json.bom"),
                location: SourceLocation(line: 1, column: 1), offset: 0)
        }
        let result: Result<JSONValue, JSONSyntaxError> = bytes.withUnsafeBufferPointer { buffer in
            var parser = ByteParser(bytes: buffer)
            do throws(JSONSyntaxError) {
                return .success(try parser.parseDocument())
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Parses a JSON text given as a string.
    public static func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        try parse(Array(text.utf8))
    }
}

private struct ByteParser {
    let bytes: UnsafeBufferPointer<UInt8>
    var pos = 0
    var line = 1
    var column = 1

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    var location: SourceLocation { SourceLocation(line: line, column: column) }

    func error(_ message: Message, at location: SourceLocation? = nil, offset: Int? = nil)
        -> JSONSyntaxError
    {
        JSONSyntaxError(message: message, location: location ?? self.location, offset: offset ?? pos)
    }

    var current: UInt8? { pos < bytes.count ? bytes[pos] : nil }

    mutating func advanceASCII(_ count: Int = 1) {
        pos += count
        column += count
    }

    mutating func skipWhitespace() {
        while pos < bytes.count {
            switch bytes[pos] {
            case 0x20, 0x09, 0x0D:
                advanceASCII()
            case 0x0A:
                pos += 1
                line += 1
                column = 1
            default:
                return
            }
        }
    }

    /// What is at the current position, for "found …" in messages: the characters as the
    /// file has them (`'tru'`, `'x'`), else a control character, an invalid byte or the end.
    func found() -> Message.Value {
        if let text = foundCharacters() { return .message(Message("json.found.text", ["text": .text(text)])) }
        guard pos < bytes.count else { return .message(Message("json.found.end")) }
        let b = bytes[pos]
        if b < 0x20 || b == 0x7F { return .message(Message("json.found.control", ["scalar": .text(hexScalar(UInt32(b)))])) }
        return .message(Message("json.found.invalid-byte", ["byte": .text(hexByte(b))]))
    }

    /// The word (up to 20 letters and digits) or the one character at the current position;
    /// nil at the end, at a control character or at invalid UTF-8.
    func foundCharacters() -> String? {
        guard pos < bytes.count else { return nil }
        let b = bytes[pos]
        if isLetter(b) {
            var end = pos
            while end < bytes.count, end - pos < 20, isLetter(bytes[end]) || isDigit(bytes[end]) {
                end += 1
            }
            return String(decoding: bytes[pos..<end], as: UTF8.self)
        }
        if b < 0x20 || b == 0x7F { return nil }
        if b < 0x80 { return String(UnicodeScalar(b)) }
        if let (scalar, _) = decodeScalar(at: pos) { return String(scalar) }
        return nil
    }

    mutating func parseDocument() throws(JSONSyntaxError) -> JSONValue {
        skipWhitespace()
        if pos == bytes.count {
            throw error(Message(bytes.isEmpty ? "json.empty-file" : "json.no-value"))
        }
        let value = try parseValue(depth: 0)
        skipWhitespace()
        if pos < bytes.count {
            throw error(Message("json.after-value", ["found": found()]))
        }
        return value
    }

    mutating func parseValue(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        guard let b = current else { throw error(Message("json.expected-value", ["found": found()])) }
        switch b {
        case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""):
            let at = location
            return .string(try parseString(), at: at)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            let at = location
            return .number(try parseNumber(), at: at)
        case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
            let at = location
            if matches("true") {
                advanceASCII(4)
                return .bool(true, at: at)
            }
            if matches("false") {
                advanceASCII(5)
                return .bool(false, at: at)
            }
            if matches("null") {
                advanceASCII(4)
                return .null(at: at)
            }
            throw error(Message("json.expected-value", ["found": found()]))
        case UInt8(ascii: "/"):
            throw error(Message("json.comment"))
        case UInt8(ascii: "'"):
            throw error(Message("json.single-quote"))
        default:
            if matches("NaN") || matches("Infinity") {
                throw error(Message("json.nan"))
            }
            throw error(Message("json.expected-value", ["found": found()]))
        }
    }

    func matches(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard bytes.count - pos >= count else { return false }
        let start = word.utf8Start
        for i in 0..<count where bytes[pos + i] != start[i] { return false }
        return true
    }

    mutating func parseObject(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        let at = location
        if depth > JSONParser.maxDepth {
            throw error(Message("json.too-deep", ["depth": .count(JSONParser.maxDepth)]))
        }
        advanceASCII()  // {
        var members: [JSONMember] = []
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            advanceASCII()
            return .object(members, at: at)
        }
        while true {
            guard current == UInt8(ascii: "\"") else {
                if current == UInt8(ascii: "}") {
                    throw error(Message("json.trailing-comma", ["closer": .text("}")]))
                }
                if current == UInt8(ascii: "/") { throw error(Message("json.comment")) }
                throw error(Message("json.object-key", ["found": found()]))
            }
            let keyAt = location
            let key = try parseString()
            skipWhitespace()
            guard current == UInt8(ascii: ":") else {
                throw error(Message("json.colon", ["found": found()]))
            }
            advanceASCII()
            skipWhitespace()
            let value = try parseValue(depth: depth)
            members.append(JSONMember(key: key, keyLocation: keyAt, value: value))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","):
                advanceASCII()
                skipWhitespace()
            case UInt8(ascii: "}"):
                advanceASCII()
                return .object(members, at: at)
            case UInt8(ascii: "/"):
                throw error(Message("json.comment"))
            default:
                throw error(Message("json.object-separator", ["found": found()]))
            }
        }
    }

    mutating func parseArray(depth: Int) throws(JSONSyntaxError) -> JSONValue {
        let at = location
        if depth > JSONParser.maxDepth {
            throw error(Message("json.too-deep", ["depth": .count(JSONParser.maxDepth)]))
        }
        advanceASCII()  // [
        var items: [JSONValue] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            advanceASCII()
            return .array(items, at: at)
        }
        while true {
            if current == UInt8(ascii: "]") {
                throw error(Message("json.trailing-comma", ["closer": .text("]")]))
            }
            items.append(try parseValue(depth: depth))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","):
                advanceASCII()
                skipWhitespace()
            case UInt8(ascii: "]"):
                advanceASCII()
                return .array(items, at: at)
            case UInt8(ascii: "/"):
                throw error(Message("json.comment"))
            default:
                throw error(Message("json.array-separator", ["found": found()]))
            }
        }
    }

    mutating func parseNumber() throws(JSONSyntaxError) -> String {
        let start = pos
        if current == UInt8(ascii: "-") {
            advanceASCII()
            if matches("Infinity") { throw error(Message("json.nan")) }
        }
        guard let first = current, isDigit(first) else {
            throw error(Message("json.digit", ["found": found()]))
        }
        advanceASCII()
        if first == UInt8(ascii: "0"), let next = current, isDigit(next) {
            throw error(Message("json.leading-zero"))
        }
        while let b = current, isDigit(b) { advanceASCII() }
        if current == UInt8(ascii: ".") {
            advanceASCII()
            guard let b = current, isDigit(b) else {
                throw error(Message("json.fraction-digit", ["found": found()]))
            }
            while let b = current, isDigit(b) { advanceASCII() }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            advanceASCII()
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { advanceASCII() }
            guard let b = current, isDigit(b) else {
                throw error(Message("json.exponent-digit", ["found": found()]))
            }
            while let b = current, isDigit(b) { advanceASCII() }
        }
        return String(decoding: bytes[start..<pos], as: UTF8.self)
    }

    /// Parses a string starting at its opening quote; returns its decoded text.
    mutating func parseString() throws(JSONSyntaxError) -> String {
        let start = location
        advanceASCII()  // "
        var buffer: [UInt8] = []
        while true {
            // Fast path: a run of plain printable ASCII.
            let runStart = pos
            while pos < bytes.count {
                let b = bytes[pos]
                if b < 0x20 || b >= 0x80 || b == 0x22 || b == 0x5C { break }
                pos += 1
            }
            if pos > runStart {
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<pos]))
                column += pos - runStart
            }
            guard pos < bytes.count else {
                throw error(Message("json.unterminated-string", ["start": .text(start.description)]))
            }
            let b = bytes[pos]
            if b == 0x22 {
                advanceASCII()
                return String(decoding: buffer, as: UTF8.self)
            } else if b == 0x5C {
                try parseEscape(into: &buffer)
            } else if b < 0x20 {
                let hint = b == 0x0A ? "json.char.line-break" : b == 0x09 ? "json.char.tab" : "json.char.control"
                throw error(Message("json.unescaped", ["what": .term(hint), "scalar": .text(hexScalar(UInt32(b)))]))
            } else {
                guard let (_, length) = decodeScalar(at: pos) else {
                    throw error(Message("json.string-invalid-utf8", ["byte": .text(hexByte(b))]))
                }
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[pos..<(pos + length)]))
                pos += length
                column += 1
            }
        }
    }

    mutating func parseEscape(into buffer: inout [UInt8]) throws(JSONSyntaxError) {
        let escapeAt = location
        let escapeOffset = pos
        advanceASCII()  // backslash
        guard let e = current else { throw error(Message("json.escape-end")) }
        let simple: UInt8?
        switch e {
        case UInt8(ascii: "\""): simple = 0x22
        case UInt8(ascii: "\\"): simple = 0x5C
        case UInt8(ascii: "/"): simple = 0x2F
        case UInt8(ascii: "b"): simple = 0x08
        case UInt8(ascii: "f"): simple = 0x0C
        case UInt8(ascii: "n"): simple = 0x0A
        case UInt8(ascii: "r"): simple = 0x0D
        case UInt8(ascii: "t"): simple = 0x09
        case UInt8(ascii: "u"): simple = nil
        default:
            throw error(
                Message("json.invalid-escape", ["escape": .text(foundCharacters() ?? hexByte(e))]), at: escapeAt, offset: escapeOffset)
        }
        if let simple {
            advanceASCII()
            buffer.append(simple)
            return
        }
        advanceASCII()  // u
        let unit = try parseHex4()
        var scalarValue = unit
        if (0xD800...0xDBFF).contains(unit) {
            guard matches("\\u") else {
                throw error(Message("json.lone-surrogate", ["code": .text(hex4(unit))]), at: escapeAt, offset: escapeOffset)
            }
            advanceASCII(2)
            let low = try parseHex4()
            guard (0xDC00...0xDFFF).contains(low) else {
                throw error(Message("json.lone-surrogate", ["code": .text(hex4(unit))]), at: escapeAt, offset: escapeOffset)
            }
            scalarValue = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00...0xDFFF).contains(unit) {
            throw error(Message("json.lone-surrogate", ["code": .text(hex4(unit))]), at: escapeAt, offset: escapeOffset)
        }
        let scalar = UnicodeScalar(scalarValue)!
        buffer.append(contentsOf: Array(String(scalar).utf8))
    }

    mutating func parseHex4() throws(JSONSyntaxError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let b = current, let digit = hexValue(b) else {
                throw error(Message("json.hex-digits", ["found": found()]))
            }
            value = value << 4 | digit
            advanceASCII()
        }
        return value
    }

    /// Decodes one well-formed UTF-8 scalar (no overlongs, surrogates or values past U+10FFFF).
    func decodeScalar(at i: Int) -> (UnicodeScalar, Int)? {
        let b0 = bytes[i]
        let length: Int
        var lower: UInt8 = 0x80
        var upper: UInt8 = 0xBF
        switch b0 {
        case 0xC2...0xDF: length = 2
        case 0xE0: length = 3; lower = 0xA0
        case 0xE1...0xEC, 0xEE...0xEF: length = 3
        case 0xED: length = 3; upper = 0x9F
        case 0xF0: length = 4; lower = 0x90
        case 0xF1...0xF3: length = 4
        case 0xF4: length = 4; upper = 0x8F
        default: return nil
        }
        guard i + length <= bytes.count else { return nil }
        let b1 = bytes[i + 1]
        guard b1 >= lower, b1 <= upper else { return nil }
        var value = UInt32(b0) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        value = value << 6 | UInt32(b1 & 0x3F)
        for k in 2..<max(2, length) {
            let b = bytes[i + k]
            guard b & 0xC0 == 0x80 else { return nil }
            value = value << 6 | UInt32(b & 0x3F)
        }
        guard let scalar = UnicodeScalar(value) else { return nil }
        return (scalar, length)
    }
}

private func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
private func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
private func hexValue(_ b: UInt8) -> UInt32? {
    switch b {
    case 0x30...0x39: return UInt32(b - 0x30)
    case 0x41...0x46: return UInt32(b - 0x41 + 10)
    case 0x61...0x66: return UInt32(b - 0x61 + 10)
    default: return nil
    }
}
private let hexDigits = Array("0123456789ABCDEF".utf8)
private func hexByte(_ b: UInt8) -> String {
    "0x" + String(decoding: [hexDigits[Int(b >> 4)], hexDigits[Int(b & 15)]], as: UTF8.self)
}
private func hex4(_ v: UInt32) -> String {
    String(decoding: [12, 8, 4, 0].map { hexDigits[Int((v >> UInt32($0)) & 15)] }, as: UTF8.self)
}
private func hexScalar(_ v: UInt32) -> String { "U+" + hex4(v) }
