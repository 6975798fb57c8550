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
}

/// How a figure is compared with a target value.
public enum Comparator: String, Codable, Hashable, Sendable, CaseIterable, JSONEnumeration {
    case atLeast = ">="
    case atMost = "<="
    case equal = "="

    /// `>=` for higher-is-better, `<=` for lower-is-better.
    public init(direction: Direction) {
        self = direction == .higher ? .atLeast : .atMost
    }

    /// Whether `actual` meets `target` under this comparator.
    public func isMet(actual: Exact, target: Exact) -> Bool {
        switch self {
        case .atLeast: return actual >= target
        case .atMost: return actual <= target
        case .equal: return actual == target
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
