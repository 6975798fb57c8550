extension Identifier {
    /// ``problem(_:)`` as a catalogue message (`validation.id.*`), for findings: nil when `id`
    /// is valid, otherwise the same reason ("is empty", "contains '/'", …) in the reader's
    /// language. The rules are those of ``problem(_:)``, checked in the same order
    /// (`IdentifierProblemTests` compares the two).
    public static func problemMessage(_ id: String) -> Message? {
        if id.isEmpty { return Message("validation.id.empty") }
        for scalar in id.unicodeScalars {
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", ".", "-", "_": continue
            case "/": return Message("validation.id.slash")
            case "\\": return Message("validation.id.backslash")
            default: break
            }
            if scalar.properties.isWhitespace { return Message("validation.id.whitespace") }
            if scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format {
                return Message("validation.id.control")
            }
            return Message("validation.id.character", ["character": .text(String(scalar))])
        }
        if id.utf8.count > maxLength {
            return Message("validation.id.too-long", ["length": .count(id.utf8.count), "max": .count(maxLength)])
        }
        if id.contains("..") { return Message("validation.id.dot-dot") }
        if id.hasPrefix(".") { return Message("validation.id.leading-dot") }
        if id.hasPrefix("-") { return Message("validation.id.leading-dash") }
        return nil
    }
}

/// The names of things that validation and import messages place (`{what}`), as catalogue terms.
enum ValidationTerm {
    static let unitID: Message.Value = .term("validation.what.unit-id")
    static let parentUnitID: Message.Value = .term("validation.what.parent-unit-id")
    static let childUnitID: Message.Value = .term("validation.what.child-unit-id")
    static let indicatorCode: Message.Value = .term("validation.what.indicator-code")
    static let taskID: Message.Value = .term("validation.what.task-id")
    static let conflictID: Message.Value = .term("validation.what.conflict-id")
    static let item: Message.Value = .term("validation.what.item")
    static let period: Message.Value = .term("validation.what.period")
    static let planYear: Message.Value = .term("validation.what.plan-year")
    static let periodYear: Message.Value = .term("validation.what.period-year")
}
