/// `unit.json`: one administrative unit (province, district, commune, department, …).
public struct Unit: Codable, Hashable, Sendable, VersionedDocument {
    public var schema: Int
    /// The unit id, also its folder name under a parent's `children/`.
    public var id: String
    public var name: String
    /// The level is data, not a type: "province", "district", "commune", "department", …
    public var level: String
    /// The parent unit's id; nil for the top of the hierarchy.
    public var parent: String?
    /// The URL of the parent's hub, so every clone (not only the one `init` made) can
    /// configure its `parent` remote.
    public var parentHub: String?
    public var children: [UnitRef]
    /// Phrases of this unit's plans that name a level of its children, phrase → levels
    /// (`"các thôn, buôn": ["village"]`), added to the standard ones (Cascade's
    /// `Recipients.standardPhrases`); written by `plancascade child phrase`.
    public var levelPhrases: [String: [String]]

    public init(
        schema: Int = PlanModel.schemaVersion, id: String, name: String, level: String,
        parent: String? = nil, parentHub: String? = nil, children: [UnitRef] = [],
        levelPhrases: [String: [String]] = [:]
    ) {
        self.schema = schema
        self.id = id
        self.name = name
        self.level = level
        self.parent = parent
        self.parentHub = parentHub
        self.children = children
        self.levelPhrases = levelPhrases
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case schema, id, name, level, parent, parentHub, children, levelPhrases
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schema = try decodeSchema(c, forKey: .schema)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decode(String.self, forKey: .name)
        level = try c.decode(String.self, forKey: .level)
        parent = try c.decodeIfPresent(String.self, forKey: .parent)
        parentHub = try c.decodeIfPresent(String.self, forKey: .parentHub)
        children = try c.decodeIfPresent([UnitRef].self, forKey: .children) ?? []
        levelPhrases = try c.decodeIfPresent([String: [String]].self, forKey: .levelPhrases) ?? [:]
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schema, forKey: .schema)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encode(level, forKey: .level)
        try c.encodeIfPresent(parent, forKey: .parent)
        try c.encodeIfPresent(parentHub, forKey: .parentHub)
        try c.encode(children, forKey: .children)
        if !levelPhrases.isEmpty { try c.encode(levelPhrases, forKey: .levelPhrases) }
    }
}

/// A child unit as listed in its parent's `unit.json`.
public struct UnitRef: Codable, Hashable, Sendable {
    public var id: String
    public var name: String
    public var level: String
    /// Other names the parent's plans call this child by ("Sở KH&ĐT", "Kế hoạch và Đầu
    /// tư"), matched like `name` against the lead and cooperating agencies of targets and
    /// tasks (`plancascade child add --alias`).
    public var aliases: [String]

    public init(id: String, name: String, level: String, aliases: [String] = []) {
        self.id = id
        self.name = name
        self.level = level
        self.aliases = aliases
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, name, level, aliases
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        name = try c.decode(String.self, forKey: .name)
        level = try c.decode(String.self, forKey: .level)
        aliases = try c.decodeIfPresent([String].self, forKey: .aliases) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(name, forKey: .name)
        try c.encode(level, forKey: .level)
        if !aliases.isEmpty { try c.encode(aliases, forKey: .aliases) }
    }
}
