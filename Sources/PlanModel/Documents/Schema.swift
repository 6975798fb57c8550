/// The document format version this build reads and writes (`"schema"` in every document).
public let schemaVersion = 1

/// Decodes and checks the `schema` field for decoders other than ``CanonicalJSON``'s,
/// which checks it before decoding anything else.
func decodeSchema<K: CodingKey>(_ container: KeyedDecodingContainer<K>, forKey key: K) throws -> Int {
    let schema = try container.decode(Int.self, forKey: key)
    guard schema <= PlanModel.schemaVersion else {
        let message = Message.schemaNewer(schema)
        throw DecodingError.dataCorrupted(
            DecodingError.Context(
                codingPath: container.codingPath + [key], debugDescription: message.description,
                underlyingError: MessageError(message: message)))
    }
    return schema
}
