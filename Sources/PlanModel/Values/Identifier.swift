/// Rules for ids used as file and folder names: unit ids, indicator codes, task ids.
public enum Identifier {
    /// The longest valid id, in characters.
    public static let maxLength = 64

    /// Returns nil when `id` is valid, otherwise a short reason such as `"contains '/'"`.
    ///
    /// Valid ids are 1–64 ASCII letters, digits, `.`, `-` or `_`, do not start with `.`
    /// or `-`, and do not contain `..` (`7.3.6`, `DVC-ONLINE`, `so-noi-vu`).
    public static func problem(_ id: String) -> String? {
        if id.isEmpty { return "is empty" }
        for scalar in id.unicodeScalars {
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", ".", "-", "_": continue
            case "/": return "contains '/'"
            case "\\": return "contains '\\'"
            default: break
            }
            if scalar.properties.isWhitespace { return "contains whitespace" }
            if scalar.properties.generalCategory == .control
                || scalar.properties.generalCategory == .format
            {
                return "contains a control character"
            }
            return "contains '\(scalar)' which is not an ASCII letter, digit, '.', '-' or '_'"
        }
        if id.utf8.count > maxLength {
            return "is \(id.utf8.count) characters long; at most \(maxLength) are allowed"
        }
        if id.contains("..") { return "contains '..'" }
        if id.hasPrefix(".") { return "starts with '.'" }
        if id.hasPrefix("-") { return "starts with '-'" }
        return nil
    }

    /// Whether `id` is valid.
    public static func isValid(_ id: String) -> Bool { problem(id) == nil }
}
