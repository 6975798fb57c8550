/// A 1-based line and column in a source file; columns count Unicode scalars.
///
/// Values built in memory (not parsed) carry ``SourceLocation/unknown`` (0:0).
public struct SourceLocation: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// The location of a value that was not read from a file.
    public static let unknown = SourceLocation(line: 0, column: 0)

    /// `LINE:COLUMN`.
    public var description: String { "\(line):\(column)" }

    public static func < (lhs: SourceLocation, rhs: SourceLocation) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }
}
