import Foundation

/// What an indicator measures.
public enum Measure: String, Codable, Hashable, Sendable, CaseIterable, JSONEnumeration {
    /// A percentage, 0–100.
    case percent
    /// Points towards a maximum score (PAR Index criteria).
    case score
    case count
    /// A ranking position: lower is better.
    case rank
    case boolean

    /// The usual direction: lower for ranks, higher otherwise.
    public var defaultDirection: Direction { self == .rank ? .lower : .higher }
}

/// Which way is better.
public enum Direction: String, Codable, Hashable, Sendable, CaseIterable, JSONEnumeration {
    case higher, lower
}

/// How figures roll up the hierarchy.
public enum Aggregation: String, Codable, Hashable, Sendable, CaseIterable, JSONEnumeration {
    /// Σnumerator / Σdenominator, never an average of percentages.
    case ratio
    case sum, mean, min, max
    /// The most recent figure.
    case latest
    /// Not aggregated across units: a unit's figure is its own, never made of its
    /// children's (issue 17 part 4: a province's PAR score is assessed, not the sum of its
    /// districts' scores). The default for scores.
    case none
}

/// How a figure is compared with a target value (issue 17 part 4: the documents write
/// "tối thiểu", "không quá", "cao hơn năm 2023", "đạt trên 80%", "từ vị trí thứ 31 đến 50").
public enum Comparator: String, Codable, Hashable, Sendable, CaseIterable, JSONEnumeration {
    case atLeast = ">="
    case atMost = "<="
    case equal = "="
    /// Strictly above ("cao hơn năm 2023", "đạt trên 80%").
    case above = ">"
    /// Strictly below.
    case below = "<"
    /// Within a band, both ends included ("từ vị trí thứ 31 đến 50"): the target's `value`
    /// is the end its direction makes the floor, `bound` the other end.
    case between = "between"

    /// `>=` for higher-is-better, `<=` for lower-is-better.
    public init(direction: Direction) {
        self = direction == .higher ? .atLeast : .atMost
    }

    /// The comparator written in an import cell or on the command line: `>=`, `≥`, `>`, `<=`,
    /// `≤`, `<`, `=`, `between`, or the documents' words (`tối thiểu`, `từ … trở lên`, `cao
    /// hơn`, `trên`, `không quá`, `tối đa`, `thấp hơn`, `dưới`, `bằng`, `từ … đến`,
    /// `trong khoảng`); case and Unicode form ignored. Nil for anything else.
    public init?(text: String) {
        let key = text.precomposedStringWithCanonicalMapping.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        switch key {
        case ">=", "≥", "=>", "at least", "tối thiểu", "ít nhất", "từ … trở lên", "trở lên", "không thấp hơn", "không dưới": self = .atLeast
        case "<=", "≤", "=<", "at most", "tối đa", "không quá", "không vượt quá", "không cao hơn", "trở xuống": self = .atMost
        case "=", "==", "equal", "bằng": self = .equal
        case ">", "above", "higher", "cao hơn", "trên", "lớn hơn", "tăng hơn": self = .above
        case "<", "below", "lower", "thấp hơn", "dưới", "nhỏ hơn", "ít hơn": self = .below
        case "between", "range", "từ … đến", "từ ... đến", "từ đến", "trong khoảng", "khoảng": self = .between
        default: return nil
        }
    }

    /// Whether a figure equal to the target value fails (`>`, `<`).
    public var isStrict: Bool { self == .above || self == .below }

    /// The way this comparator asks figures to go: higher for `>=` and `>`, lower for `<=`
    /// and `<`; nil for `=` and `between`.
    public var direction: Direction? {
        switch self {
        case .atLeast, .above: return .higher
        case .atMost, .below: return .lower
        case .equal, .between: return nil
        }
    }

    /// Whether `actual` meets `target` under this comparator; a `between` target needs its
    /// other end (``Target/isMet(actual:)``) and is judged here as `=`.
    public func isMet(actual: Exact, target: Exact) -> Bool {
        switch self {
        case .atLeast: return actual >= target
        case .atMost: return actual <= target
        case .equal, .between: return actual == target
        case .above: return actual > target
        case .below: return actual < target
        }
    }
}

/// Why a task exists.
public enum TaskKind: String, Codable, Hashable, Sendable, CaseIterable, JSONEnumeration {
    /// Fix a criterion that lost points.
    case remedy
    /// Keep a criterion at its level.
    case maintain
}

/// The reported state of a task.
public enum TaskStatus: String, Codable, Hashable, Sendable, CaseIterable, JSONEnumeration {
    case notStarted = "not-started"
    case inProgress = "in-progress"
    case done
    case blocked
}
