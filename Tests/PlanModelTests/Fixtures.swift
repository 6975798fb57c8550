import PlanModel

/// Sample documents with Vietnamese text, after Đắk Lắk's plan 116/KH-UBND (2024).
enum Fixtures {
    static let commit = "0123456789abcdef0123456789abcdef01234567"

    static let unit = Unit(
        id: "daklak", name: "Ủy ban nhân dân tỉnh Đắk Lắk", level: "province",
        children: [
            UnitRef(id: "BMT", name: "Thành phố Buôn Ma Thuột", level: "district"),
            UnitRef(id: "so-noi-vu", name: "Sở Nội vụ", level: "department"),
        ])

    static let plan = Plan(
        number: "116/KH-UBND", title: "Kế hoạch nâng cao Chỉ số CCHC năm 2024", year: 2024,
        issued: CivilDate("2024-06-17"), basis: ["Quyết định số 876/QĐ-BNV", "Nghị quyết 76/NQ-CP"],
        issuer: "UBND tỉnh Đắk Lắk", childPlanDeadline: CivilDate("2024-06-20"))

    static let indicator = Indicator(
        code: "DVC-ONLINE", name: "Tỷ lệ hồ sơ trực tuyến toàn trình", measure: .percent,
        aggregation: .ratio, group: "Dịch vụ công")

    static let scoreIndicator = Indicator(
        code: "7.3.6", name: "Tỷ lệ hồ sơ TTHC được xử lý trực tuyến", measure: .score,
        aggregation: .sum, maxScore: Exact("1.5"), group: "7.3")

    static let target = Target(
        indicator: "DVC-ONLINE", value: Exact("55")!, comparator: .atLeast,
        deadline: CivilDate("2024-12-31"), lead: "Sở Thông tin và Truyền thông",
        cooperating: ["Văn phòng UBND tỉnh", "Sở Nội vụ"], rule: "uplift:5;exempt:BDT|TTR",
        provenance: Provenance(
            parentUnit: "daklak", parentCommit: commit, rule: "uplift:5", base: Exact("50"),
            baseline: Exact("47.25"), derived: Exact("55"), inheritedFrom: "daklak"))

    static let task = PlanTask(
        id: "1.1", content: "Tập trung khắc phục, cải thiện các tiêu chí còn chưa đạt mục tiêu",
        lead: "Sở Tư pháp", cooperating: ["Các sở, ban, ngành"], timeframe: "Quý III/2024",
        deadline: CivilDate("2024-09-30"), product: "Báo cáo kết quả", kind: .remedy,
        indicators: ["7.3.6", "DVC-ONLINE"])

    static let progress = ProgressReport(
        unit: "daklak", period: Period("2024-Q3")!,
        figures: [
            "DVC-ONLINE": Figure(numerator: 41940, denominator: 58818, note: "Số liệu từ Cổng DVC"),
            "7.3.6": Figure(value: Exact("1.0696")),
        ],
        tasks: ["1.1": .inProgress], reportedBy: "Nguyễn Văn A",
        reportedAt: Timestamp("2024-10-05T09:30:00+07:00")!)

    static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }
}
