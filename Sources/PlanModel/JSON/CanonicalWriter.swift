import Foundation

/// Writes canonical JSON: UTF-8, NFC strings, keys sorted by their UTF-8 bytes, two-space
/// indent, `"key": value`, one array element per line, `[]`/`{}` when empty, minimal
/// escaping (`"`, `\`, control characters; never `\/`), numbers in ``Exact`` canonical
/// form, exactly one trailing newline.
struct CanonicalWriter {
    private(set) var output: [UInt8] = []

    mutating func write(_ value: JSONValue, indent: Int = 0) {
        switch value {
        case .null:
            append("null")
        case .bool(let flag, _):
            append(flag ? "true" : "false")
        case .number(let literal, _):
            append(Exact(literal)?.description ?? literal)
        case .string(let text, _):
            writeString(text)
        case .array(let items, _):
            if items.isEmpty {
                append("[]")
                return
            }
            append("[\n")
            for (i, item) in items.enumerated() {
                writeIndent(indent + 1)
                write(item, indent: indent + 1)
                append(i + 1 < items.count ? ",\n" : "\n")
            }
            writeIndent(indent)
            append("]")
        case .object(let members, _):
            if members.isEmpty {
                append("{}")
                return
            }
            let sorted = members.map { (key: nfc($0.key), value: $0.value) }
                .enumerated()
                .sorted { a, b in
                    if a.element.key == b.element.key { return a.offset < b.offset }
                    return a.element.key.utf8.lexicographicallyPrecedes(b.element.key.utf8)
                }
                .map(\.element)
            append("{\n")
            for (i, member) in sorted.enumerated() {
                writeIndent(indent + 1)
                writeString(member.key, normalised: true)
                append(": ")
                write(member.value, indent: indent + 1)
                append(i + 1 < sorted.count ? ",\n" : "\n")
            }
            writeIndent(indent)
            append("}")
        }
    }

    private mutating func append(_ text: String) {
        output.append(contentsOf: text.utf8)
    }

    private mutating func writeIndent(_ level: Int) {
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: level * 2))
    }

    private mutating func writeString(_ text: String, normalised: Bool = false) {
        let text = normalised ? text : nfc(text)
        output.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case 0x22: append("\\\"")
            case 0x5C: append("\\\\")
            case 0x0A: append("\\n")
            case 0x09: append("\\t")
            case 0x0D: append("\\r")
            case 0x08: append("\\b")
            case 0x0C: append("\\f")
            case 0x00..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                output.append(contentsOf: Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 15)]])
            default:
                output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }
}

/// The NFC form of `text` (ASCII is returned as is).
func nfc(_ text: String) -> String {
    if text.utf8.allSatisfy({ $0 < 0x80 }) { return text }
    return text.precomposedStringWithCanonicalMapping
}
