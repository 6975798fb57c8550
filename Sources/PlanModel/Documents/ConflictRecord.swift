/// `conflicts/<id>.json`: one field that a merge could not settle, kept until a person
/// resolves it (only at the unit's own level, never under `children/`).
///
/// `base`, `ours` and `theirs` embed the field's JSON as it was on each side; nil when that
/// side has no such field (or no such file). A side whose field is JSON `null` is
/// `.null`, which is not nil. The embedded values are normalised with
/// ``JSONValue/canonicalised()`` on construction and on decoding, so equality ignores
/// source locations, member order and number spelling.
public struct ConflictRecord: Codable, Hashable, Sendable, VersionedDocument {
    public var schema: Int
    /// The record id, also the file name: `c-` and 8 hexadecimal digits, e.g. `c-1f3a9b20`.
    public var id: String
    /// The repository path of the conflicted document, e.g. `children/ea-tam/progress/2024/2024-Q3.json`.
    public var file: String
    /// The JSON path of the field inside it, e.g. `$.figures["DVC-ONLINE"].numerator`.
    public var path: String
    /// What a clerk would name: the indicator code or task id.
    public var item: String?
    public var base: JSONValue? { didSet { base = base?.canonicalised() } }
    public var ours: JSONValue? { didSet { ours = ours?.canonicalised() } }
    public var theirs: JSONValue? { didSet { theirs = theirs?.canonicalised() } }
    /// The commits merged (40 hexadecimal digits).
    public var oursCommit: String
    public var theirsCommit: String

    public init(
        schema: Int = PlanModel.schemaVersion, id: String, file: String, path: String,
        item: String? = nil, base: JSONValue?, ours: JSONValue?, theirs: JSONValue?,
        oursCommit: String, theirsCommit: String
    ) {
        self.schema = schema
        self.id = id
        self.file = file
        self.path = path
        self.item = item
        self.base = base?.canonicalised()
        self.ours = ours?.canonicalised()
        self.theirs = theirs?.canonicalised()
        self.oursCommit = oursCommit
        self.theirsCommit = theirsCommit
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case schema, id, file, path, item, base, ours, theirs, oursCommit, theirsCommit
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        // A present `null` is the value null; only an absent field is nil.
        func side(_ key: CodingKeys) throws -> JSONValue? {
            c.contains(key) ? try c.decode(JSONValue.self, forKey: key).canonicalised() : nil
        }
        schema = try decodeSchema(c, forKey: .schema)
        id = try c.decode(String.self, forKey: .id)
        file = try c.decode(String.self, forKey: .file)
        path = try c.decode(String.self, forKey: .path)
        item = try c.decodeIfPresent(String.self, forKey: .item)
        base = try side(.base)
        ours = try side(.ours)
        theirs = try side(.theirs)
        oursCommit = try c.decode(String.self, forKey: .oursCommit)
        theirsCommit = try c.decode(String.self, forKey: .theirsCommit)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schema, forKey: .schema)
        try c.encode(id, forKey: .id)
        try c.encode(file, forKey: .file)
        try c.encode(path, forKey: .path)
        try c.encodeIfPresent(item, forKey: .item)
        try c.encodeIfPresent(base, forKey: .base)
        try c.encodeIfPresent(ours, forKey: .ours)
        try c.encodeIfPresent(theirs, forKey: .theirs)
        try c.encode(oursCommit, forKey: .oursCommit)
        try c.encode(theirsCommit, forKey: .theirsCommit)
    }
}

extension ConflictRecord {
    /// A stable id for the conflict of `path` in `file` between two commits: `c-` and the
    /// 8 hexadecimal digits of a 32-bit FNV-1a hash of the four texts (the same conflict
    /// always gets the same id, so recording it twice rewrites one file).
    public static func makeID(file: String, path: String, oursCommit: String, theirsCommit: String) -> String {
        var hash: UInt32 = 2_166_136_261
        for text in [file, path, oursCommit.lowercased(), theirsCommit.lowercased()] {
            for byte in nfc(text).utf8 + [0] {
                hash ^= UInt32(byte)
                hash = hash &* 16_777_619
            }
        }
        let hex = String(hash, radix: 16)
        return "c-" + String(repeating: "0", count: 8 - hex.count) + hex
    }

    /// Why `file` is not a repository-relative, `/`-separated path ("is empty", "is absolute; …");
    /// nil when it is one.
    public static func fileProblem(_ file: String) -> Message? {
        if file.isEmpty { return Message("validation.path.empty") }
        if file.hasPrefix("/") { return Message("validation.path.absolute") }
        if file.contains("\\") { return Message("validation.path.backslash") }
        let parts = file.split(separator: "/", omittingEmptySubsequences: false)
        if parts.contains(where: \.isEmpty) { return Message("validation.path.empty-folder") }
        if parts.contains(where: { $0 == "." || $0 == ".." }) { return Message("validation.path.dots") }
        return nil
    }
}
