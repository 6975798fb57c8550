import Foundation
import PlanModel

/// Who among a parent's children receives a target or a task (issue 17 part 1).
///
/// A plan names its recipients three ways, and all three are data:
/// - a scope (`for:` in a target's rule, a task's `for`): child ids, levels (`district`,
///   `commune` — the commune tier: `commune`, `ward`, `town`), or `lead` / `cooperating`,
///   meaning the children those cells name;
/// - the agencies a cell names: a child's name or one of its aliases (the parent's registry,
///   `child add --alias`), as a whole phrase, NFC- and case-insensitively;
/// - level phrases ("UBND các huyện", "các xã, phường, thị trấn"): the standard ones of the
///   documents plus the parent's own (`unit.json` `levelPhrases`).
///
/// Without a scope a target reaches every child (the behaviour before scopes); a task
/// reaches the children its lead, its cooperating agencies or its body (the doers it names)
/// name.
public struct Recipients: Hashable, Sendable {
    /// One child as its parent knows it.
    public struct Child: Hashable, Sendable {
        public var id: String
        public var name: String
        public var level: String
        public var aliases: [String]

        public init(id: String, name: String, level: String, aliases: [String] = []) {
            self.id = id
            self.name = name
            self.level = level
            self.aliases = aliases
        }

        public init(_ ref: UnitRef) {
            self.init(id: ref.id, name: ref.name, level: ref.level, aliases: ref.aliases)
        }
    }

    /// The scope words that stand for cells rather than units.
    public static let leadWord = "lead", cooperatingWord = "cooperating"

    /// The levels a scope level stands for: `commune` is the commune tier (xã, phường, thị
    /// trấn), so a ward or a town receives what the communes receive.
    public static let tiers: [String: Set<String>] = ["commune": ["commune", "ward", "town"]]

    /// The phrases naming each level in the documents (002, 003, 004, 001), by level.
    public static let standardPhrases: [String: [String]] = [
        "district": [
            "UBND các huyện", "UBND cấp huyện", "các huyện, thị xã, thành phố",
            "UBND huyện, thị xã, thành phố",
        ],
        "commune": [
            "UBND các xã", "UBND cấp xã", "các xã, phường, thị trấn", "các xã, thị trấn",
        ],
        "ward": ["UBND cấp xã", "các xã, phường, thị trấn", "UBND các phường", "các phường"],
        "town": ["UBND cấp xã", "các xã, phường, thị trấn", "các xã, thị trấn", "các thị trấn"],
        "department": ["các sở, ban, ngành", "sở, ngành"],
    ]

    /// Phrases by level id, the standard ones and the parent's own.
    public var levelPhrases: [String: [String]]

    /// A matcher with the standard phrases and `extra` ones (a parent's `levelPhrases`).
    public init(extra: [String: [String]] = [:], standard: [String: [String]] = Recipients.standardPhrases) {
        var phrases = standard
        for (level, more) in extra { phrases[level, default: []] += more }
        self.levelPhrases = phrases
    }

    /// The matcher of a parent: the standard phrases and those of its `unit.json`.
    public init(parent: PlanModel.Unit) {
        self.init(extra: parent.levelPhrases)
    }

    /// Whether `text` (a lead, cooperating or body cell) names `child`: its name or an alias
    /// as a whole phrase, or a level phrase of its level.
    public func names(_ child: Child, in text: String) -> Bool {
        let haystack = Self.expandingEnumerations(Self.folded(text))
        guard !haystack.isEmpty else { return false }
        for name in [child.name] + child.aliases {
            let needle = Self.folded(name)
            if !needle.isEmpty, Self.containsPhrase(haystack, needle) { return true }
        }
        for phrase in levelPhrases[child.level] ?? [] {
            let needle = Self.folded(phrase)
            if !needle.isEmpty, haystack.contains(needle) { return true }
        }
        return false
    }

    /// Whether a scope (child ids, levels, `lead`, `cooperating`) includes `child`; an empty
    /// scope includes every child.
    public func includes(_ child: Child, scope: [String], lead: String?, cooperating: [String]) -> Bool {
        guard !scope.isEmpty else { return true }
        for item in scope {
            switch item {
            case Self.leadWord:
                if let lead, names(child, in: lead) { return true }
            case Self.cooperatingWord:
                if cooperating.contains(where: { names(child, in: $0) }) { return true }
            default:
                if item == child.id || item == child.level || Self.tiers[item]?.contains(child.level) == true { return true }
            }
        }
        return false
    }

    /// Whether `child` receives `target` by the `for:` of its rule (every child when the rule
    /// has none or cannot be read; an explicit assignment always reaches its child).
    public func receives(_ child: Child, target: Target) -> Bool {
        if target.assignments[child.id] != nil { return true }
        guard case .success(let rules) = Derivation.ruleSet(of: target) else { return true }
        return includes(child, scope: rules.recipients, lead: target.lead, cooperating: target.cooperating)
    }

    /// Whether `child` inherits `task`: by its `for` when it has one, otherwise when its
    /// lead, a cooperating agency or its body (the doers it names) names the child.
    public func inherits(_ child: Child, task: PlanTask) -> Bool {
        if !task.recipients.isEmpty {
            return includes(child, scope: task.recipients, lead: task.lead, cooperating: task.cooperating)
        }
        let cells = [task.lead].compactMap { $0 } + task.cooperating + [task.content]
        return cells.contains { names(child, in: $0) }
    }

    /// Whether a scope item is one a parent can mean: `lead`, `cooperating`, one of its
    /// children's ids or levels, or a level with phrases (`district`, `commune`, `ward`, …).
    public func isKnown(_ item: String, children: [UnitRef]) -> Bool {
        item == Self.leadWord || item == Self.cooperatingWord || children.contains { $0.id == item || $0.level == item }
            || levelPhrases[item] != nil || Self.tiers[item] != nil
    }

    /// NFC, lower-cased text with white-space runs collapsed to one space and trimmed.
    public static func folded(_ text: String) -> String {
        var result = ""
        var pendingSpace = false
        for character in text.precomposedStringWithCanonicalMapping.lowercased() {
            if character.isWhitespace {
                pendingSpace = !result.isEmpty
            } else {
                if pendingSpace { result.append(" ") }
                pendingSpace = false
                result.append(character)
            }
        }
        return result.precomposedStringWithCanonicalMapping
    }

    /// Folded `text` with the documents' elliptical lists written out: "các sở: kế hoạch và
    /// đầu tư, tài chính, nội vụ" (000 Phụ lục I, 4.3) also reads "sở kế hoạch và đầu tư, sở
    /// tài chính, sở nội vụ", so each department is named in full.
    static func expandingEnumerations(_ text: String) -> String {
        var result = text
        for head in ["các sở:", "các sở :"] {
            var search = text.startIndex..<text.endIndex
            while let found = text.range(of: head, range: search) {
                let rest = text[found.upperBound...]
                let list = rest.prefix { $0 != ";" && $0 != "|" }
                let items = list.split(separator: ",").map { String($0).trimmed }.filter { !$0.isEmpty }
                result += " | " + items.map { "sở " + $0 }.joined(separator: ", ")
                search = found.upperBound..<text.endIndex
            }
        }
        return result
    }

    /// Whether `needle` occurs in `haystack` with no letter or digit right before or after it
    /// ("sở tư pháp" in "sở tư pháp, sở nội vụ"; "ubnd huyện lắk" not in "ubnd huyện lắklắk").
    static func containsPhrase(_ haystack: String, _ needle: String) -> Bool {
        var search = haystack.startIndex..<haystack.endIndex
        while let found = haystack.range(of: needle, range: search) {
            let before = found.lowerBound == haystack.startIndex ? nil : haystack[haystack.index(before: found.lowerBound)]
            let after = found.upperBound == haystack.endIndex ? nil : haystack[found.upperBound]
            if !(before.map(isWordCharacter) ?? false) && !(after.map(isWordCharacter) ?? false) { return true }
            search = haystack.index(after: found.lowerBound)..<haystack.endIndex
        }
        return false
    }

    static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber
    }
}
