/// The 2025 reorganisation of a 2024 benchmark hierarchy, as its provinces decide it
/// (Nghị quyết 202/2025/QH15 and the Standing Committee's resolutions on each province's
/// communes, effective 1/7/2025): every district of a province dissolved, its communes moved to
/// the province; the province's communes merged about 3 into 1, in their order, into new
/// communes with new ids and names. Drawn from the seed, like the hierarchy.
///
/// The number of communes after is the real one at `nation-2024`'s size (10,000 → 3,321, shared
/// among the provinces as evenly as the hierarchy shares the communes), a third elsewhere
/// (`province`: 200 → 67; `tiny`: 6 → 2). A group of one commune is not merged: it only moves.
///
/// Not modelled: the merge of provinces (63 → 34). The tool can record it (`reorg merge` at the
/// ministry moves the merged provinces' children to the new province), but the bench has no
/// province-level run of it yet (BENCHMARKS.md, "Reorganisation").
public struct ReorgPlan: Sendable {
    public struct Merge: Sendable, Equatable {
        /// The merged communes (indices into the hierarchy's nodes).
        public let units: [Int]
        public let into: String
        public let name: String
    }

    /// What one province decides.
    public struct Province: Sendable {
        public let index: Int
        /// Its districts, every one dissolved.
        public let dissolved: [Int]
        public let merges: [Merge]
        /// Communes that only move (a group of one).
        public let kept: [Int]
    }

    public static let effective = "2025-07-01"
    public let provinces: [Province]

    public init(_ hierarchy: Hierarchy, seed: UInt64) {
        var names = NameMaker(random: SplitMix64(seed: seed).fork("reorg-names"))
        let deciding = hierarchy.nodes.indices.filter { index in
            hierarchy.nodes[index].level == "province" && hierarchy.nodes[index].children.contains { hierarchy.nodes[$0].level == "district" }
        }
        let nation = hierarchy.shape.base == .nation2024
        var provinces: [Province] = []
        for (position, index) in deciding.enumerated() {
            let districts = hierarchy.nodes[index].children.filter { hierarchy.nodes[$0].level == "district" }
            let communes = districts.flatMap { hierarchy.nodes[$0].children }
            let groups = max(1, nation ? Hierarchy.share(3_321, of: deciding.count, at: position) : (communes.count + 1) / 3)
            let prefix = index == 0 ? "" : hierarchy.nodes[index].id + "-"
            var merges: [Merge] = [], kept: [Int] = [], start = 0
            for group in 0..<groups {
                let members = Array(communes[start..<(start + Hierarchy.share(communes.count, of: groups, at: group))])
                start += members.count
                if members.count == 1 {
                    kept.append(members[0])
                } else {
                    merges.append(Merge(units: members, into: prefix + String(format: "xa%03d", group + 1), name: "UBND xã \(names.place())"))
                }
            }
            provinces.append(Province(index: index, dissolved: districts, merges: merges, kept: kept))
        }
        self.provinces = provinces
    }

    /// How many communes there are after the reorganisation.
    public var communesAfter: Int { provinces.reduce(0) { $0 + $1.merges.count + $1.kept.count } }
    /// The communes merged away.
    public var merged: [Int] { provinces.flatMap { $0.merges.flatMap(\.units) } }
}
