/// A value stored in JSON as a string in one canonical spelling (dates, periods, times):
/// encodes its `description`, decodes through `init?(_:)`, and says what it expected.
public protocol TextCodable: Codable, CustomStringConvertible {
    init?(_ text: String)
    /// What a valid spelling looks like, for error messages ("a date written YYYY-MM-DD").
    static var expectation: String { get }
}

extension TextCodable {
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        guard let value = Self(try container.decode(String.self)) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: Self.expectation)
        }
        self = value
    }
}
