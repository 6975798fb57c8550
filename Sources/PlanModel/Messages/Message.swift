/// Something the tool tells a person: a stable code and typed arguments, never a sentence.
///
/// The words live in one catalogue per language (``Catalogue``); a `Message` is rendered
/// only where it is shown — the command line, the web page, an export — in the reader's
/// ``Language``. `description` is the English rendering, which `--json` output, logs and
/// tests use, so machine-readable output never changes with the language.
public struct Message: Hashable, Sendable, CustomStringConvertible {
    /// The catalogue key, e.g. `validation.unknown-field`.
    public let code: String
    /// The values the template of `code` places, by name.
    public let arguments: [String: Value]

    public init(_ code: String, _ arguments: [String: Value] = [:]) {
        self.code = code
        self.arguments = arguments
    }

    /// One argument of a message: data is shown as it is, numbers, dates and periods as
    /// the reader's language writes them, terms and nested messages through the catalogue.
    public indirect enum Value: Hashable, Sendable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
        /// Data shown as it is: an id, a file path, a unit's name, a command to type.
        case text(String)
        /// An exact decimal: `86.2482` in English, `86,2482` in Vietnamese.
        case number(Exact)
        /// A whole count (also chooses singular or plural: `{count|error|errors}`).
        case count(Int)
        /// A year, written as it is (never grouped: 2024, not 2.024).
        case year(Int)
        /// A calendar date: `2024-06-20` in English, `20/06/2024` in Vietnamese.
        case date(CivilDate)
        /// A period in its canonical spelling (`2024-Q3`) or a window `2024-11-18..2024-11-27`:
        /// `Quý III/2024`, `18/11/2024–27/11/2024` in Vietnamese.
        case period(String)
        /// A percentage, already multiplied by 100: `37.5%`, `37,5%`.
        case percent(Exact)
        /// A catalogue entry rendered in the reader's language (`term.state.on-track`).
        case term(String)
        /// A message inside a message.
        case message(Message)
        /// Values joined with `separator` (", " unless told).
        case list([Value], separator: String = ", ")

        public init(stringLiteral value: String) { self = .text(value) }
        public init(integerLiteral value: Int) { self = .count(value) }
    }

    /// Text that is data and has no words of the tool's own (a git server's reply, a line a
    /// decoder wrote): shown as it is in every language.
    public static func verbatim(_ text: String) -> Message { Message("verbatim", ["text": .text(text)]) }

    /// The English rendering.
    public var description: String { rendered(in: .english) }

    /// The message in `language`.
    public func rendered(in language: Language) -> String { Catalogue.render(self, in: language) }
}

/// Something that can be said to a person as a ``Message`` (findings, errors, notices).
public protocol MessageConvertible {
    var message: Message { get }
}

/// A plain string where a ``Message`` is expected is English that has not reached the
/// catalogues yet: it renders as it is in every language, marked `untranslated` (the
/// pseudo-language shows it as `⚠…`, which the tests look for). New code never relies on it.
extension Message: ExpressibleByStringInterpolation {
    /// `Message("help.report.abstract")` — one string literal — reaches here (Swift reads
    /// `T("literal")` as a literal): a catalogue code stays a code, anything else is
    /// untranslated English.
    public init(stringLiteral value: String) {
        self = Catalogue.english[value] != nil ? Message(code: value) : .untranslated(value)
    }

    private init(code: String) {
        self.code = code
        self.arguments = [:]
    }

    /// English text written before the catalogues; see the extension's note.
    public static func untranslated(_ text: String) -> Message { Message("untranslated", ["text": .text(text)]) }
}

extension Message {
    /// Joins two untranslated texts (English written before the catalogues, see above).
    public static func + (lhs: Message, rhs: Message) -> Message {
        .untranslated(lhs.description + rhs.description)
    }
}
