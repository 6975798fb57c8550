import Testing
import PlanModel

@Suite struct TimeframeTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let text: String
        let defaultYear: Int?
        let expected: String?
        init(_ text: String, _ defaultYear: Int? = nil, _ expected: String?) {
            self.text = text
            self.defaultYear = defaultYear
            self.expected = expected
        }
        var testDescription: String { "\(text) (\(defaultYear.map(String.init) ?? "no year"))" }
    }

    /// Cells of the `timeframe` columns of the seed files, read as the plan year 2024.
    static let seedCells: [Case] = [
        // daklak-2024-par-remedial-tasks.csv
        Case("Trong năm 2024", 2024, "2024-12-31"),
        // tuyphuoc-2024-tasks.csv
        Case("Quý III/2024", 2024, "2024-09-30"),
        Case("Quý II/2024", 2024, "2024-06-30"),
        Case("Hoàn thành trong quý III/2024", 2024, "2024-09-30"),
        Case("Hoàn thành trong tháng 5/2024", 2024, "2024-05-31"),
        Case("Hoàn thành trước tháng 11/2024", 2024, "2024-10-31"),
        Case("Hoàn thành trước tháng 12/2024", 2024, "2024-11-30"),
        Case("Hoàn thành việc đánh giá trước ngày 15/12 và thời gian gửi báo cáo theo văn bản hướng dẫn của huyện", 2024, "2024-12-15"),
        Case("Ban hành DMHS trong tháng 01/2024 và lập hồ sơ sau khi đã giải quyết xong công việc.", 2024, "2024-01-31"),
        Case("Tháng 6/2024", 2024, "2024-06-30"),
        Case("Tháng 6/2024 | Tháng 8/2024", 2024, "2024-08-31"),
        Case("Tháng 9/2024 | Tháng 5/2024", 2024, "2024-09-30"),
        Case("Năm 2024", 2024, "2024-12-31"),
        Case("Thường xuyên | Hoàn thành việc đánh giá trước ngày 15/12 và thời gian gửi báo cáo theo văn bản hướng dẫn của huyện | Theo quy định của tỉnh.", 2024, "2024-12-15"),
        Case("Theo tiến độ tỉnh giao | Thường xuyên", 2024, nil),
        Case("Theo tiến độ Kế hoạch đề ra | Hàng quý, 06 tháng, năm.", 2024, nil),
        Case("Hàng tháng", 2024, nil),
        Case("Hàng quý", 2024, nil),
        Case("06 tháng, năm", 2024, nil),
        Case("Ngày 30 tháng cuối cùng của quý", 2024, nil),
        Case("Hàng năm, theo thời gian quy định của Hội đồng Sáng kiến huyện", 2024, nil),
        Case("Khi có hồ sơ trễ hẹn", 2024, nil),
        Case("Sau khi Đề án được phê duyệt", 2024, nil),
        Case("Thường xuyên", 2024, nil),
        Case("Thường xuyên khi có sự thay đổi", 2024, nil),
        // quangtri-2023-par-deductions.csv (a 2024 plan)
        Case("Quý III-IV", 2024, "2024-12-31"),
        Case("Quý IV", 2024, "2024-12-31"),
        Case("Quý IV năm 2024", 2024, "2024-12-31"),
        Case("Thường xuyên trong năm", 2024, "2024-12-31"),
        Case("Bắt đầu từ quý IV 2024", 2024, nil),
    ]

    static let rules: [Case] = [
        Case("Quý III/2024", nil, "2024-09-30"),
        Case("Quý IV năm 2024", nil, "2024-12-31"),
        Case("Quý III năm 2024", nil, "2024-09-30"),
        Case("quý 1/2025", nil, "2025-03-31"),
        Case("Quý III-IV", nil, nil),
        Case("Quý I, II và III năm 2024", nil, "2024-09-30"),
        Case("trước ngày 20/6/2024", nil, "2024-06-20"),
        Case("xây dựng kế hoạch trước ngày 20/6/2024", 2023, "2024-06-20"),
        Case("trước ngày 20/11", 2024, "2024-11-20"),
        Case("trước ngày 20/11", nil, nil),
        Case("ngày 20 tháng 6 năm 2024", nil, "2024-06-20"),
        Case("chậm nhất ngày 05-01-2025", nil, "2025-01-05"),
        Case("2024-12-20", nil, "2024-12-20"),
        Case("20/12/2024", nil, "2024-12-20"),
        Case("tháng 02/2024", nil, "2024-02-29"),
        Case("Tháng 6 năm 2024", nil, "2024-06-30"),
        Case("trong tháng 5", 2024, "2024-05-31"),
        Case("06/2024", nil, "2024-06-30"),
        Case("trước tháng 01/2025", nil, "2024-12-31"),
        Case("trước quý IV/2024", nil, "2024-09-30"),
        Case("trước năm 2025", nil, "2024-12-31"),
        Case("năm 2024", nil, "2024-12-31"),
        Case("Trong năm", 2024, "2024-12-31"),
        Case("Trong năm", nil, nil),
        Case("Thường xuyên trong năm", nil, nil),
        Case("cuối năm", 2024, "2024-12-31"),
        Case("6 tháng đầu năm 2024", nil, "2024-06-30"),
        Case("06 tháng cuối năm", 2024, "2024-12-31"),
        Case("Bắt đầu từ ngày 08/11/2024 và kết thúc vào ngày 06/01/2025", nil, "2025-01-06"),
        Case("từ tháng 6 đến tháng 8/2024", 2024, "2024-08-31"),
        Case("kể từ ngày 01/7/2024", nil, nil),
        Case("báo cáo sơ kết 30 ngày đêm (trước ngày 10/12/2024)", nil, "2024-12-10"),
        Case("Định kỳ 10 ngày/lần", 2024, nil),
        Case("41.940/58.818 hồ sơ", 2024, nil),
        Case("ngày 31/02/2024", nil, nil),
        Case("tháng 13/2024", nil, nil),
        Case("", 2024, nil),
        // Case and Unicode normal form do not matter.
        Case("QUÝ III/2024", nil, "2024-09-30"),
        Case("HOÀN THÀNH TRƯỚC THÁNG 12/2024", nil, "2024-11-30"),
        Case("Hoa\u{0300}n tha\u{0300}nh trong tha\u{0301}ng 5/2024", nil, "2024-05-31"),
        Case("Qu\u{0079}\u{0301} IV na\u{0306}m 2024", nil, "2024-12-31"),
    ]

    @Test(arguments: seedCells + rules)
    func latestDate(_ sample: Case) {
        let date = Timeframe.latestDate(in: sample.text, defaultYear: sample.defaultYear)
        #expect(date?.description == sample.expected)
    }

    @Test func everySeedCellOfTheRemedialTasksGivesTheYearEnd() {
        // All 23 non-empty cells of daklak-2024-par-remedial-tasks.csv say "Trong năm 2024".
        #expect(Timeframe.latestDate(in: "Trong năm 2024", defaultYear: nil) == CivilDate("2024-12-31"))
    }
}
