/// A synthetic administrative hierarchy: who is whose child, at which level, under which
/// names. Shapes follow the real sizes (Đắk Lắk 2024; the country before and after the
/// 2025 reorganisation); names and ids are generated from the seed.
public struct Hierarchy: Sendable {
    public struct Node: Sendable, Equatable {
        public let id: String
        public let name: String
        public let level: String
        /// Index of the parent in `nodes`; nil for the top.
        public let parent: Int?
        public internal(set) var children: [Int] = []
    }

    public enum Shape: String, CaseIterable, Sendable {
        /// 1 province, 2 departments, 2 districts of 3 communes: for tests.
        case tiny
        /// 1 province, 17 departments, 15 districts, 200 communes (Đắk Lắk's size).
        case province
        /// 63 provinces, 700 districts, 10,000 communes under the ministry.
        case nation2024 = "nation-2024"
        /// 34 provinces, 3,321 communes under the ministry, two levels.
        case nation2025 = "nation-2025"
        /// 1 province, 1 district of `communes` communes (default 10): the growth laws.
        case district

        /// 2 provinces of 2 districts of 3 communes under the ministry: for tests of province merges.
        case tinyNation = "tiny-nation"
        /// `nation-2024` scaled down: 6 provinces of 2 districts of 8 communes under the ministry.
        case nationSample = "nation-sample"

        /// `tiny`, then reorganised on 1/7/2025 (``ReorgPlan``): districts dissolved, 6 → 2 communes.
        case tinyReorg = "tiny-reorg"
        /// `province`, then reorganised: 15 districts dissolved, 200 → 67 communes.
        case provinceReorg = "province-reorg"
        /// `nation-2024`, then reorganised by the ministry: 63 → 34 provinces, 700 districts dissolved, 10,000 → 3,321 communes.
        case nation2024to2025 = "nation-2024-to-2025"
        /// `tiny-nation`, then reorganised by the ministry: the 2 provinces merged into 1, 12 → 4 communes.
        case tinyNationReorg = "tiny-nation-reorg"
        /// `nation-sample`, then reorganised by the ministry: 6 → 3 provinces, 12 districts dissolved, 96 → 33 communes.
        case nationSampleReorg = "nation-sample-reorg"

        /// The hierarchy generated before any reorganisation.
        public var base: Shape {
            switch self {
            case .tinyReorg: return .tiny
            case .provinceReorg: return .province
            case .nation2024to2025: return .nation2024
            case .tinyNationReorg: return .tinyNation
            case .nationSampleReorg: return .nationSample
            default: return self
            }
        }

        /// Whether the run reorganises the hierarchy after its 2024 cycle (``ReorgPlan``).
        public var reorganises: Bool { base != self }
    }

    /// Units in creation order: every parent before its children.
    public private(set) var nodes: [Node] = []
    public let shape: Shape

    public var top: Node { nodes[0] }
    /// Indices of the nodes at `depth` (0 = top).
    public private(set) var levels: [[Int]] = []

    public func children(of index: Int) -> [Node] { nodes[index].children.map { nodes[$0] } }
    public var leaves: [Int] { nodes.indices.filter { nodes[$0].children.isEmpty } }
    public var communes: [Int] { nodes.indices.filter { nodes[$0].level == "commune" } }

    /// `communes`: how many communes `district` has (the other shapes have their own sizes).
    public init(_ shape: Shape, seed: UInt64, communes: Int = 10) {
        self.shape = shape
        var names = NameMaker(random: SplitMix64(seed: seed).fork("names"))
        switch shape.base {
        case .tiny:
            let top = add("tinh", "UBND tỉnh \(names.place())", "province", parent: nil)
            addDepartments(2, under: top)
            addDistricts(2, communes: 6, under: top, prefix: "", names: &names)
        case .province:
            let top = add("tinh", "UBND tỉnh \(names.place())", "province", parent: nil)
            addDepartments(17, under: top)
            addDistricts(15, communes: 200, under: top, prefix: "", names: &names)
        case .district:
            let top = add("tinh", "UBND tỉnh \(names.place())", "province", parent: nil)
            addDistricts(1, communes: communes, under: top, prefix: "", names: &names)
        case .nation2024:
            let top = add("bo-noi-vu", "Bộ Nội vụ", "nation", parent: nil)
            for p in 0..<63 {
                let province = add(String(format: "t%02d", p + 1), "UBND tỉnh \(names.place())", "province", parent: top)
                addDistricts(Self.share(700, of: 63, at: p), communes: Self.share(10_000, of: 63, at: p),
                             under: province, prefix: nodes[province].id + "-", names: &names)
            }
        case .tinyNation, .nationSample:
            let top = add("bo-noi-vu", "Bộ Nội vụ", "nation", parent: nil)
            let (provinces, communes) = shape.base == .tinyNation ? (2, 6) : (6, 16)
            for p in 0..<provinces {
                let province = add(String(format: "t%02d", p + 1), "UBND tỉnh \(names.place())", "province", parent: top)
                addDistricts(2, communes: communes, under: province, prefix: nodes[province].id + "-", names: &names)
            }
        case .nation2025:
            let top = add("bo-noi-vu", "Bộ Nội vụ", "nation", parent: nil)
            for p in 0..<34 {
                let province = add(String(format: "t%02d", p + 1), "UBND tỉnh \(names.place())", "province", parent: top)
                for c in 0..<Self.share(3_321, of: 34, at: p) {
                    add(nodes[province].id + String(format: "-x%03d", c + 1), "UBND xã \(names.place())", "commune", parent: province)
                }
            }
        default:
            preconditionFailure("\(shape) has a base shape")
        }
        var depth: [Int] = [0]
        levels = [[0]]
        for index in nodes.indices.dropFirst() {
            let d = depth[nodes[index].parent!] + 1
            depth.append(d)
            if levels.count <= d { levels.append([]) }
            levels[d].append(index)
        }
    }

    /// The `at`-th of `parts` near-equal shares of `total` (the shares sum to `total`).
    static func share(_ total: Int, of parts: Int, at index: Int) -> Int {
        (index + 1) * total / parts - index * total / parts
    }

    @discardableResult
    private mutating func add(_ id: String, _ name: String, _ level: String, parent: Int?) -> Int {
        nodes.append(Node(id: id, name: name, level: level, parent: parent))
        let index = nodes.count - 1
        if let parent { nodes[parent].children.append(index) }
        return index
    }

    private mutating func addDepartments(_ count: Int, under top: Int) {
        for d in 0..<count {
            add(String(format: "so-%02d", d + 1), "Sở \(NameMaker.departments[d % NameMaker.departments.count])", "department", parent: top)
        }
    }

    private mutating func addDistricts(_ count: Int, communes: Int, under parent: Int, prefix: String, names: inout NameMaker) {
        for d in 0..<count {
            let district = add(prefix + String(format: "h%02d", d + 1), "UBND huyện \(names.place())", "district", parent: parent)
            for c in 0..<Self.share(communes, of: count, at: d) {
                add(nodes[district].id + String(format: "-x%02d", c + 1), "UBND xã \(names.place())", "commune", parent: district)
            }
        }
    }
}

/// Vietnamese-looking place names from syllables (NFC), for realistic byte sizes.
struct NameMaker {
    var random: SplitMix64
    static let syllables = ["Ea", "Krông", "Buôn", "Đắk", "Hòa", "Tân", "Phú", "Cư", "Yang", "Lắk", "Bông", "Năng",
                            "Thịnh", "Sơn", "Mỹ", "Bình", "An", "Quảng", "Hiệp", "Đông", "Tây", "Nam", "Bắc", "Trung"]
    static let departments = ["Nội vụ", "Tài chính", "Tư pháp", "Giao thông vận tải", "Tài nguyên và Môi trường",
                              "Công Thương", "Nông nghiệp và Phát triển nông thôn", "Y tế", "Giáo dục và Đào tạo",
                              "Xây dựng", "Kế hoạch và Đầu tư", "Khoa học và Công nghệ", "Thông tin và Truyền thông",
                              "Văn hóa, Thể thao và Du lịch", "Lao động - Thương binh và Xã hội", "Ngoại vụ", "Dân tộc"]

    mutating func place() -> String {
        let count = random.int(in: 2...3)
        return (0..<count).map { _ in Self.syllables[random.int(in: 0...(Self.syllables.count - 1))] }.joined(separator: " ")
    }
}
