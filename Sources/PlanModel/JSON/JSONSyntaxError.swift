/// A violation of RFC 8259 found by ``JSONParser``, with where it is.
public struct JSONSyntaxError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What was expected and what was found (`json.*` codes), e.g. "expected ',' or '}' after
    /// object member, found ']'" in English.
    public var message: Message
    /// Line and column (Unicode scalars) of the offending byte.
    public var location: SourceLocation
    /// Byte offset of the offending byte.
    public var offset: Int

    public init(message: Message, location: SourceLocation, offset: Int) {
        self.message = message
        self.location = location
        self.offset = offset
    }

    /// `LINE:COLUMN: message`, in English.
    public var description: String { "\(location): \(message)" }
}
