/// A violation of RFC 8259 found by ``JSONParser``, with where it is.
public struct JSONSyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What was expected and what was found, e.g. "expected ',' or '}' after object member, found ']'".
    public var message: String
    /// Line and column (Unicode scalars) of the offending byte.
    public var location: SourceLocation
    /// Byte offset of the offending byte.
    public var offset: Int

    public init(message: String, location: SourceLocation, offset: Int) {
        self.message = message
        self.location = location
        self.offset = offset
    }

    /// `LINE:COLUMN: message`.
    public var description: String { "\(location): \(message)" }
}
