import Foundation

/// The plans and reports of a benchmark hierarchy, as the spreadsheets and figures a clerk
/// would give the tool: ~130 PAR/SIPAS criteria (the real rows of Kế hoạch 116/KH-UBND),
/// 10 online-service indicators with 004's cascade rules, 80 tasks per unit, per-child
/// baselines, and one quarterly report per unit. Everything is drawn from the seed, per
/// unit id, so a unit's documents do not depend on how many other units exist.
public struct PlanGenerator: Sendable {
    public let seed: UInt64
    public static let year = 2024
    public static let period = "2024-Q4"
    public static let tasksPerUnit = 80

    public init(seed: UInt64) {
        self.seed = seed
    }

    /// The 10 service indicators: 004's four with their rules, six more of the same kind.
    public static let serviceIndicators: [(code: String, name: String, target: String, rule: String)] = [
        ("DVC-ONLINE", "Tỷ lệ hồ sơ trực tuyến trên tổng số hồ sơ tiếp nhận, giải quyết TTHC", "50", "uplift:5;exempt:ban-dan-toc|thanh-tra"),
        ("PAY-ONLINE", "Tỷ lệ thanh toán trực tuyến trên Cổng DVC quốc gia", "45", "uplift:5;exempt:ban-dan-toc|thanh-tra"),
        ("DIGITISE", "Tỷ lệ số hóa hồ sơ, kết quả giải quyết TTHC", "80", "fixed:100;exempt:ban-dan-toc|thanh-tra"),
        ("E-RESULT", "Tỷ lệ cấp kết quả giải quyết TTHC điện tử", "100", "fixed:100;exempt:ban-dan-toc|thanh-tra"),
        ("ON-TIME", "Tỷ lệ hồ sơ giải quyết đúng hạn", "95", "uplift:2"),
        ("FULL-ONLINE", "Tỷ lệ TTHC cung cấp dịch vụ công trực tuyến toàn trình", "80", "uplift:5"),
        ("REUSE-DATA", "Tỷ lệ khai thác, sử dụng lại thông tin, dữ liệu số hóa", "50", "uplift:5"),
        ("SATISFY", "Mức độ hài lòng của người dân, doanh nghiệp", "90", "uplift:2"),
        ("E-ARCHIVE", "Tỷ lệ hồ sơ công việc được lưu trữ điện tử", "70", "uplift:5"),
        ("SIGN-DIGITAL", "Tỷ lệ văn bản được ký số", "90", "fixed:100"),
    ]

    /// Indicators whose baselines the parent publishes per child (004's actuals of 31/10).
    static let baselined = ["DVC-ONLINE", "PAY-ONLINE", "ON-TIME", "FULL-ONLINE"]

    /// `targets` CSV of the service indicators (percent, aggregated as ratios).
    public func serviceTargetsCSV(deadline: String = "06/01/2025") -> [UInt8] {
        var lines = ["indicator,name,measure,target,deadline,lead,rule"]
        for s in Self.serviceIndicators {
            lines.append([s.code, s.name, "percent", s.target, deadline, "Sở Thông tin và Truyền thông", s.rule].map(csv).joined(separator: ","))
        }
        return Array((lines.joined(separator: "\n") + "\n").utf8)
    }

    /// `tasks` CSV of 80 tasks of `unit`, assigned to the levels of its children (so they
    /// inherit them); the same task ids at every level, as a child concretises its parent's.
    public func tasksCSV(unit: Hierarchy.Node, childLevels: [String]) -> [UInt8] {
        var random = SplitMix64(seed: seed).fork("tasks/" + unit.id)
        let phrases = childLevels.compactMap { Self.levelPhrase[$0] }
        var lines = ["id,content,lead,cooperating,timeframe,product,kind,indicators"]
        for number in 1...Self.tasksPerUnit {
            let verb = Self.verbs[random.int(in: 0...(Self.verbs.count - 1))]
            let object = Self.objects[random.int(in: 0...(Self.objects.count - 1))]
            // The same task has the same quarter at every level: a child's concretised
            // task is never due later than the parent's.
            let quarter = ["I", "II", "III", "IV"][number % 4]
            let indicator = Self.serviceIndicators[random.int(in: 0...(Self.serviceIndicators.count - 1))].code
            lines.append([
                String(format: "NV-%02d", number), "\(verb) \(object) năm \(Self.year) (\(unit.name))",
                unit.level == "commune" ? "Văn phòng \(unit.name)" : "Sở Nội vụ",
                phrases.joined(separator: "; "), "Quý \(quarter)",
                "Báo cáo kết quả \(object)", random.int(in: 0...3) == 0 ? "duy trì" : "khắc phục", indicator,
            ].map(csv).joined(separator: ","))
        }
        return Array((lines.joined(separator: "\n") + "\n").utf8)
    }

    /// `baselines` CSV: the figures of 31/10 the parent knows for each child.
    public func baselinesCSV(children: [Hierarchy.Node], asOf: String = "2024-10-31") -> [UInt8] {
        var lines = ["unit,indicator,value,as_of"]
        for child in children {
            var random = SplitMix64(seed: seed).fork("baselines/" + child.id)
            for code in Self.baselined {
                lines.append("\(child.id),\(code),\(random.int(in: 0...700) / 10).\(random.int(in: 0...9)),\(asOf)")
            }
        }
        return Array((lines.joined(separator: "\n") + "\n").utf8)
    }

    /// One report of `unit`: every service indicator as numerator/denominator and the
    /// state of 20 of its tasks. `round` 0 is the quarter's report, 1 a correction.
    public func report(unit: String, round: Int) -> (figures: [String], tasks: [(id: String, status: String)]) {
        var random = SplitMix64(seed: seed).fork("report/\(round)/" + unit)
        let figures = Self.serviceIndicators.map { s -> String in
            let denominator = random.int(in: 200...6_000)
            return "\(s.code)=\(random.int(in: 0...denominator))/\(denominator)"
        }
        let states = ["not-started", "in-progress", "done", "blocked"]
        let tasks = (1...20).map { (String(format: "NV-%02d", $0 * 4), states[random.int(in: 0...3)]) }
        return (figures, tasks)
    }

    /// The figures of `unit` for a 2025 `period` (the reorganisation's run): every service
    /// indicator as numerator/denominator, drawn from the seed, the unit and the period.
    public func figures(unit: String, period: String) -> [String] {
        var random = SplitMix64(seed: seed).fork("report/\(period)/" + unit)
        return Self.serviceIndicators.map { s -> String in
            let denominator = random.int(in: 200...6_000)
            return "\(s.code)=\(random.int(in: 0...denominator))/\(denominator)"
        }
    }

    static let levelPhrase = [
        "department": "các sở, ban, ngành", "district": "UBND các huyện, thị xã, thành phố",
        "commune": "UBND các xã, phường, thị trấn", "province": "UBND các tỉnh, thành phố",
    ]
    static let verbs = ["Rà soát", "Triển khai", "Kiểm tra", "Tuyên truyền", "Đánh giá", "Số hóa", "Chuẩn hóa", "Tổng kết"]
    static let objects = ["thủ tục hành chính", "bộ máy hành chính", "dịch vụ công trực tuyến", "văn bản quy phạm pháp luật",
                          "chỉ số hài lòng", "hồ sơ điện tử", "công tác văn thư lưu trữ", "kế hoạch cải cách hành chính"]

    private func csv(_ field: String) -> String {
        field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
            ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
    }
}
