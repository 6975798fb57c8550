/// The 2025 reorganisation of a 2024 benchmark hierarchy (Nghị quyết 202/2025/QH15 on the
/// provinces and the Standing Committee's resolutions on each province's communes, effective
/// 1/7/2025): provinces merged (under a ministry), every district dissolved, its communes moved
/// to the province; the province's communes merged about 3 into 1, in their order, into new
/// communes with new ids and names. Drawn from the seed, like the hierarchy.
///
/// Who decides: where the top is a province, the province itself. Under a ministry, the
/// ministry records every decision — the merges of provinces, the districts' dissolutions and
/// the communes' merges, as the central resolutions decide them — since a unit counts only
/// the decisions it recorded or received from above, never a child's claim; they go down
/// through the provinces with the targets.
///
/// The numbers after are the real ones at `nation-2024`'s size (63 → 34 provinces, 10,000 →
/// 3,321 communes, shared among the new provinces as evenly as the hierarchy shares the
/// communes); elsewhere the provinces about 2 into 1 and the communes a third (`province`:
/// 200 → 67; `tiny`: 6 → 2; `tiny-nation`: 2 → 1 provinces, 12 → 4 communes). A group of one
/// province or commune is not merged: it only keeps its children or moves.
public struct ReorgPlan: Sendable {
    public struct Merge: Sendable, Equatable {
        /// The merged units (indices into the hierarchy's nodes).
        public let units: [Int]
        public let into: String
        public let name: String
    }

    /// A province of the structure after, and what is decided about its districts and communes.
    public struct Province: Sendable {
        /// The province before (its first predecessor, when merged).
        public let index: Int
        /// The provinces it continues: one, or the merged ones.
        public let predecessors: [Int]
        /// Its id and name after (a merged province's are new).
        public let id: String
        public let name: String
        /// Its districts (its predecessors'), every one dissolved.
        public let dissolved: [Int]
        public let merges: [Merge]
        /// Communes that only move (a group of one).
        public let kept: [Int]

        public var isMerged: Bool { predecessors.count > 1 }
    }

    public static let effective = "2025-07-01"
    public let provinces: [Province]
    /// The merges of provinces (empty unless the top is a ministry).
    public let provinceMerges: [Merge]
    /// The unit that records every decision: nil when each province decides its own.
    public let decider: Int?

    public init(_ hierarchy: Hierarchy, seed: UInt64) {
        var names = NameMaker(random: SplitMix64(seed: seed).fork("reorg-names"))
        let deciding = hierarchy.nodes.indices.filter { index in
            hierarchy.nodes[index].level == "province" && hierarchy.nodes[index].children.contains { hierarchy.nodes[$0].level == "district" }
        }
        let nation = hierarchy.shape.base == .nation2024
        let ministry = hierarchy.nodes[0].level == "nation"
        // The provinces after: 63 → 34 at the nation's size, else about 2 into 1, in order.
        var groups: [[Int]] = deciding.map { [$0] }
        var provinceMerges: [Merge] = []
        if ministry {
            let count = max(1, nation ? 34 : deciding.count / 2)
            groups = []
            var start = 0
            for group in 0..<count {
                let size = Hierarchy.share(deciding.count, of: count, at: group)
                groups.append(Array(deciding[start..<(start + size)]))
                start += size
            }
            for (number, group) in groups.enumerated() where group.count > 1 {
                provinceMerges.append(Merge(units: group, into: String(format: "tinh%02d", number + 1), name: "UBND tỉnh \(names.place())"))
            }
        }
        var provinces: [Province] = []
        for (position, group) in groups.enumerated() {
            let merged = provinceMerges.first { $0.units == group }
            let index = group[0]
            let id = merged?.into ?? hierarchy.nodes[index].id, name = merged?.name ?? hierarchy.nodes[index].name
            let districts = group.flatMap { province in hierarchy.nodes[province].children.filter { hierarchy.nodes[$0].level == "district" } }
            let communes = districts.flatMap { hierarchy.nodes[$0].children }
            let count = max(1, nation ? Hierarchy.share(3_321, of: groups.count, at: position) : (communes.count + 1) / 3)
            let prefix = index == 0 ? "" : id + "-"
            var merges: [Merge] = [], kept: [Int] = [], start = 0
            for group in 0..<count {
                let members = Array(communes[start..<(start + Hierarchy.share(communes.count, of: count, at: group))])
                start += members.count
                if members.count == 1 {
                    kept.append(members[0])
                } else {
                    merges.append(Merge(units: members, into: prefix + String(format: "xa%03d", group + 1), name: "UBND xã \(names.place())"))
                }
            }
            provinces.append(Province(index: index, predecessors: group, id: id, name: name, dissolved: districts, merges: merges, kept: kept))
        }
        self.provinces = provinces
        self.provinceMerges = provinceMerges
        self.decider = ministry ? 0 : nil
    }

    /// How many communes there are after the reorganisation.
    public var communesAfter: Int { provinces.reduce(0) { $0 + $1.merges.count + $1.kept.count } }
    /// The communes merged away.
    public var merged: [Int] { provinces.flatMap { $0.merges.flatMap(\.units) } }
    /// The provinces merged away.
    public var mergedProvinces: [Int] { provinceMerges.flatMap(\.units) }
}
