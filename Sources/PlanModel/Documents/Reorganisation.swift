/// `reorg/<id>.json`: a reorganisation decision (quyết định sắp xếp đơn vị hành chính) of the
/// deciding unit — a unit moved to another parent, dissolved, merged, split or renamed — with
/// its legal basis and the day it takes effect (`plancascade reorg …`).
///
/// The decision is the deciding unit's, recorded in its history and published down with its
/// targets (`publish` carries `reorg/`, `pull` copies it), so every unit below knows the
/// structure in force at any date (Cascade's `Structure.inForce`). Each change names the
/// parent a unit had before, so a figure of a period before `effective` is counted under the
/// old structure and one after under the new.
public struct Reorganisation: Codable, Hashable, Sendable, VersionedDocument {
    /// What the decision does, as its command says it.
    public enum Kind: String, Codable, Hashable, Sendable, CaseIterable, JSONEnumeration {
        case move, dissolve, merge, split, rename
    }

    public var schema: Int
    /// The decision's id, also its file name (`reorg/<id>.json`).
    public var id: String
    public var kind: Kind
    /// The unit that decided and recorded it.
    public var decidedBy: String
    /// The first day of the new structure (1/7/2025 for the 2025 reorganisation).
    public var effective: CivilDate
    /// The legal basis: the resolution's number and date ("Nghị quyết số 1660/NQ-UBTVQH15
    /// ngày 16/6/2025").
    public var basis: String
    /// What happens to each unit, in the order the command listed them.
    public var changes: [ReorgChange]
    /// The hub of each new parent the decision names, by unit id, when the deciding unit knows
    /// it: a moved unit's `parentHub` and `parent` remote follow it.
    public var hubs: [String: String]

    public init(
        schema: Int = PlanModel.schemaVersion, id: String, kind: Kind, decidedBy: String, effective: CivilDate, basis: String,
        changes: [ReorgChange], hubs: [String: String] = [:]
    ) {
        self.schema = schema
        self.id = id
        self.kind = kind
        self.decidedBy = decidedBy
        self.effective = effective
        self.basis = basis
        self.changes = changes
        self.hubs = hubs
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case schema, id, kind, decidedBy, effective, basis, changes, hubs
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        schema = try decodeSchema(c, forKey: .schema)
        id = try c.decode(String.self, forKey: .id)
        kind = try c.decode(Kind.self, forKey: .kind)
        decidedBy = try c.decode(String.self, forKey: .decidedBy)
        effective = try c.decode(CivilDate.self, forKey: .effective)
        basis = try c.decode(String.self, forKey: .basis)
        changes = try c.decode([ReorgChange].self, forKey: .changes)
        hubs = try c.decodeIfPresent([String: String].self, forKey: .hubs) ?? [:]
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schema, forKey: .schema)
        try c.encode(id, forKey: .id)
        try c.encode(kind, forKey: .kind)
        try c.encode(decidedBy, forKey: .decidedBy)
        try c.encode(effective, forKey: .effective)
        try c.encode(basis, forKey: .basis)
        try c.encode(changes, forKey: .changes)
        if !hubs.isEmpty { try c.encode(hubs, forKey: .hubs) }
    }

    /// The units this decision changes, in order.
    public var units: [String] { changes.map(\.unit) }

    /// The change of `unit`, if the decision names it.
    public func change(of unit: String) -> ReorgChange? { changes.first { $0.unit == unit } }
}

/// What one decision does to one unit.
public struct ReorgChange: Codable, Hashable, Sendable {
    public enum Action: String, Codable, Hashable, Sendable, CaseIterable, JSONEnumeration {
        /// The unit goes from `from` to `to`.
        case moves
        /// The unit ends (dissolved, merged into or split into its `successors`); it had `from`.
        case ends
        /// A new unit (`name`, `level`) begins under `to`, from its `predecessors`.
        case begins
        /// The unit takes the name `name`.
        case renamed
    }

    public var unit: String
    public var action: Action
    /// The parent before the decision (`moves`, `ends`).
    public var from: String?
    /// The parent after the decision (`moves`, `begins`).
    public var to: String?
    /// The new name (`begins`, `renamed`).
    public var name: String?
    /// The level of a new unit (`begins`).
    public var level: String?
    /// The units a new one continues (`begins`).
    public var predecessors: [String]
    /// The units that continue an ended one (`ends`).
    public var successors: [String]

    public init(
        unit: String, action: Action, from: String? = nil, to: String? = nil, name: String? = nil, level: String? = nil,
        predecessors: [String] = [], successors: [String] = []
    ) {
        self.unit = unit
        self.action = action
        self.from = from
        self.to = to
        self.name = name
        self.level = level
        self.predecessors = predecessors
        self.successors = successors
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case unit, action, from, to, name, level, predecessors, successors
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        unit = try c.decode(String.self, forKey: .unit)
        action = try c.decode(Action.self, forKey: .action)
        from = try c.decodeIfPresent(String.self, forKey: .from)
        to = try c.decodeIfPresent(String.self, forKey: .to)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        level = try c.decodeIfPresent(String.self, forKey: .level)
        predecessors = try c.decodeIfPresent([String].self, forKey: .predecessors) ?? []
        successors = try c.decodeIfPresent([String].self, forKey: .successors) ?? []
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(unit, forKey: .unit)
        try c.encode(action, forKey: .action)
        try c.encodeIfPresent(from, forKey: .from)
        try c.encodeIfPresent(to, forKey: .to)
        try c.encodeIfPresent(name, forKey: .name)
        try c.encodeIfPresent(level, forKey: .level)
        if !predecessors.isEmpty { try c.encode(predecessors, forKey: .predecessors) }
        if !successors.isEmpty { try c.encode(successors, forKey: .successors) }
    }

    /// What the action needs and lacks: the names of the fields it requires that are absent.
    public var missingFields: [String] {
        switch action {
        case .moves: return [from == nil ? "from" : nil, to == nil ? "to" : nil].compactMap { $0 }
        case .ends: return from == nil ? ["from"] : []
        case .begins: return [to == nil ? "to" : nil, name == nil ? "name" : nil, level == nil ? "level" : nil].compactMap { $0 }
        case .renamed: return name == nil ? ["name"] : []
        }
    }
}
