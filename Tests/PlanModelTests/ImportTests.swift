import Foundation
import Testing
import PlanModel

/// Finding positions and messages in a compact form: `LINE severity kind: message`.
func summary(_ findings: [Finding]) -> [String] {
    findings.map { "\($0.line.map(String.init) ?? "-") \($0.severity) \($0.kind): \($0.message)" }
}

@Suite struct TargetImportTests {
    /// The real header and first rows of daklak-2024-par-sipas-targets.csv.
    static let sipas = """
        code,level,name,max_score,target_2024,target_rank,lead_agency
        1,field,CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH CCHC,9.5,9.5,10/63,Sở Nội vụ
        1.1,criterion,Thực hiện kế hoạch CCHC,1.5,1.5,,
        1.2,criterion,Thực hiện chế độ báo cáo CCHC định kỳ,0.5,0.5,,
        1.3,criterion,Công tác kiểm tra CCHC,2,2,,
        1.5,criterion,"Đổi mới, sáng tạo trong triển khai nhiệm vụ CCHC",2,2,,
        1.7,criterion,"Thực hiện nhiệm vụ được Chính phủ, Thủ tướng Chính phủ giao",1.5,1.5,,Văn phòng UBND tỉnh
        2,field,CẢI CÁCH THỂ CHẾ,10,9.2,19/63,Sở Tư pháp

        """

    @Test func sipasHeaderWithScoreDefault() throws {
        let (rows, findings) = TargetImport.read(Array(Self.sipas.utf8), file: "sipas.csv", defaults: ["measure": "score"])
        #expect(summary(findings) == [
            "1 warning unknown-column: header: ignoring column 'level'; targets read the columns indicator, name, measure, target, max, direction, aggregation, deadline, lead, cooperating, rule, for, comparator, target_rank, versus (or their Vietnamese names)"
        ])
        // The target ranks of the field rows ("10/63") are kept as rank targets (issue 17).
        #expect(rows.map(\.line) == [2, 2, 3, 4, 5, 6, 7, 8, 8])
        #expect(rows.map(\.indicator.code) == ["1", "1-rank", "1.1", "1.2", "1.3", "1.5", "1.7", "2", "2-rank"])
        let rank = try #require(rows.first { $0.indicator.code == "2-rank" })
        #expect(rank.indicator == Indicator(
            code: "2-rank", name: "Thứ hạng phấn đấu: CẢI CÁCH THỂ CHẾ (/63)", measure: .rank, direction: .lower,
            aggregation: .none, group: "2"))
        #expect(rank.target == Target(indicator: "2-rank", value: 19, comparator: .atMost, lead: "Sở Tư pháp"))
        let row = try #require(rows.first { $0.indicator.code == "1.1" })
        #expect(row.indicator == Indicator(
            code: "1.1", name: "Thực hiện kế hoạch CCHC", measure: .score, direction: .higher, aggregation: .none,
            maxScore: Exact("1.5")))
        #expect(row.target == Target(indicator: "1.1", value: Exact("1.5")!, comparator: .atLeast))
        #expect(rows[6].indicator.name == "Thực hiện nhiệm vụ được Chính phủ, Thủ tướng Chính phủ giao")
        #expect(rows[6].target.lead == "Văn phòng UBND tỉnh")
        #expect(rows[7].target.value == Exact("9.2")! && rows[7].indicator.maxScore == 10)
        #expect(rows.allSatisfy { $0.target.provenance == nil && $0.target.deadline == nil })
        // The rows make valid documents.
        for row in rows {
            let path = "plans/2024/targets/\(row.target.indicator).json"
            #expect(DocumentValidator.validate(bytes: try CanonicalJSON.encode(row.target), path: path).1 == [])
        }
    }

    @Test func withoutTheMeasureDefaultTheColumnIsMissing() {
        let (rows, findings) = TargetImport.read(Array(Self.sipas.utf8), file: "sipas.csv")
        #expect(rows == [])
        #expect(findings.map(\.kind) == ["missing-column", "unknown-column"])
        #expect(findings.first?.message.description.hasPrefix("header: no 'measure' column; add a column named 'measure' (or one of: Đơn vị đo, Loại)") == true)
        #expect(findings.allSatisfy { $0.file == "sipas.csv" && $0.line == 1 && $0.column == nil })
    }

    @Test func allColumns() throws {
        let text = """
            indicator,name,measure,target,max,direction,aggregation,deadline,lead,cooperating,rule
            DVC-ONLINE,Tỷ lệ hồ sơ trực tuyến,percent,55,,,,2024-12-31,Sở TT&TT,"Văn phòng UBND tỉnh; Sở Nội vụ | UBND các huyện, thị xã, thành phố",uplift:5;exempt:BDT|TTR
            PAR-RANK,Thứ hạng PAR Index,rank,10,,,,31/12/2024,,,
            7.3.6,Điểm DVC,điểm,1.2,1.5,,mean,Quý III/2024,,,
            HAS-PLAN,Có kế hoạch,boolean,1,,,,trước ngày 20/6/2024,,,
            SIPAS,Chỉ số hài lòng,%,80.5%,,lower,,,,,

            """
        let (rows, findings) = TargetImport.read(Array(text.utf8), file: "t.csv")
        #expect(findings == [])
        #expect(rows.count == 5)
        #expect(rows[0].target == Target(
            indicator: "DVC-ONLINE", value: 55, comparator: .atLeast, deadline: CivilDate("2024-12-31"),
            lead: "Sở TT&TT", cooperating: ["Văn phòng UBND tỉnh", "Sở Nội vụ", "UBND các huyện, thị xã, thành phố"],
            rule: "uplift:5;exempt:BDT|TTR"))
        #expect(rows[0].indicator.aggregation == .ratio && rows[0].indicator.direction == .higher)
        #expect(rows[1].indicator.direction == .lower && rows[1].indicator.aggregation == .latest)
        #expect(rows[1].target.comparator == .atMost && rows[1].target.deadline == CivilDate("2024-12-31"))
        #expect(rows[2].indicator.measure == .score && rows[2].indicator.aggregation == .mean)
        #expect(rows[2].target.deadline == CivilDate("2024-09-30"))
        #expect(rows[3].indicator.aggregation == .min && rows[3].target.deadline == CivilDate("2024-06-20"))
        #expect(rows[4].indicator.measure == .percent && rows[4].target.value == Exact("80.5")!)
        #expect(rows[4].target.comparator == .atMost)
    }

    @Test func vietnameseHeadersNFDAndSpaces() throws {
        // "Mã chỉ tiêu" and "Mục tiêu năm 2024" in decomposed form, with stray spaces and capitals.
        let header = "  Ma\u{0303} chi\u{0309} tie\u{0302}u , TÊN CHỈ TIÊU,Đơn vị đo,Mu\u{0323}c tie\u{0302}u na\u{0306}m 2024 ,Điểm tối đa,Thời hạn,Cơ quan chủ trì,Cơ quan phối hợp,Quy tắc"
        let text = header + "\n7.3.6,Tỷ lệ hồ sơ,điểm,1.4,1.5,trước ngày 20/11,Sở Nội vụ,Sở Tư pháp; Văn phòng UBND tỉnh,copy\n"
        let (rows, findings) = TargetImport.read(Array(text.utf8), file: "vi.csv")
        #expect(findings == [])
        let row = try #require(rows.first)
        #expect(row.indicator.code == "7.3.6" && row.indicator.name == "Tỷ lệ hồ sơ" && row.indicator.maxScore == Exact("1.5"))
        // The year of "Mục tiêu năm 2024" completes "trước ngày 20/11".
        #expect(row.target.deadline == CivilDate("2024-11-20"))
        #expect(row.target.lead == "Sở Nội vụ" && row.target.cooperating == ["Sở Tư pháp", "Văn phòng UBND tỉnh"])
        #expect(row.target.rule == "copy")
    }

    @Test func otherAliases() {
        for header in ["Chỉ tiêu,Mục tiêu,Loại", "Mã,Mục tiêu,Đơn vị đo", "code,target_2025,measure", "MÃ CHỈ TIÊU,mục tiêu,LOẠI"] {
            let (rows, findings) = TargetImport.read(Array((header + "\nA1,5,count\n").utf8), file: "a.csv")
            #expect(findings == [], "\(header)")
            #expect(rows.map(\.target.value) == [5], "\(header)")
        }
    }

    @Test func bomCRLFAndTabs() {
        let text = "\u{FEFF}Mã\tTên\tLoại\tMục tiêu\tChủ trì\r\n1.1\tThực hiện kế hoạch CCHC\tđiểm\t1.5\tSở Nội vụ\r\n1.2\t\"Báo cáo, định kỳ\"\tđiểm\t0.5\t\r\n"
        let (rows, findings) = TargetImport.read(Array(text.utf8), file: "t.tsv")
        #expect(findings == [])
        #expect(rows.map(\.line) == [2, 3])
        #expect(rows.map(\.indicator.name) == ["Thực hiện kế hoạch CCHC", "Báo cáo, định kỳ"])
        #expect(rows.map(\.target.lead) == ["Sở Nội vụ", nil])
    }

    @Test func badRowsNameTheirLines() {
        let text = """
            indicator,measure,target,max,deadline
            A,percent,abc,,
            B,percent,"62,4",,
            C,score,1e400,,
            D,count,1\(String(repeating: "1", count: 99)),,
            E,count,NaN,,
            F,percent,101,,
            G,score,1.75,1.5,
            Đ 1,count,1,,
            ,count,1,,
            H,,1,,
            A,percent,50,,
            I,ratio,1,,
            J,score,1,0,
            K,count,1,,Thường xuyên
            L,percent,,,
            a,count,1,,
            M,boolean,2,,
            N,rank,0.5,,
            O,count,-1,,
            P,count,2,,"31/02/2024"
            Q,percent,"multi
            line",,
            R,count,3,,2024-12-31
            """
        let (rows, findings) = TargetImport.read(Array(text.utf8), file: "bad.csv")
        #expect(rows.map(\.indicator.code) == ["R"])
        #expect(summary(findings) == [
            "2 error type: row 2: target 'abc' is not a number; write decimals with a point, e.g. 62.4",
            "3 error type: row 3: target '62,4' uses a decimal comma or a thousands separator; write decimals with a point, e.g. 62.4, and no thousands separator",
            "4 error type: row 4: target '1e400' is written with an exponent; write decimals with a point, e.g. 62.4 (no 'e')",
            "5 error type: row 5: target '1\(String(repeating: "1", count: 99))' has more than 38 digits; plancascade keeps at most 38",
            "6 error type: row 6: target 'NaN' is not a number; write decimals with a point, e.g. 62.4",
            "7 error range: row 7: target 101 is a percentage and must lie within 0–100",
            "8 error range: row 8: target 1.75 is above the maximum score 1.5; lower the target or correct the max",
            "9 error identifier: row 9: indicator code 'Đ 1' contains 'Đ' which is not an ASCII letter, digit, '.', '-' or '_'; use only ASCII letters, digits, '.', '-' or '_', e.g. 7.3.6 or DVC-ONLINE",
            "10 error missing-field: row 10: the indicator cell is empty; write the indicator code, e.g. 1.1 or DVC-ONLINE",
            "11 error missing-field: row 11: the measure cell is empty; write percent, score, count, rank or boolean",
            "12 error duplicate-id: row 12: indicator 'A' is already on row 2; keep one row per indicator",
            "13 error type: row 13: measure 'ratio' is not one of percent (or %), score (or điểm), count, rank, boolean",
            "14 error range: row 14: max 0 must be greater than 0",
            "15 error type: row 15: deadline 'Thường xuyên' is not a date; write YYYY-MM-DD or DD/MM/YYYY (e.g. 2024-12-31 or 31/12/2024) or a timeframe such as 'Quý III/2024' or 'trước ngày 20/6/2024'",
            "16 error missing-field: row 16: the target cell is empty; write the target value, e.g. 62.4",
            "17 error duplicate-id: row 17: indicator 'a' differs only in letter case from 'A' on row 2; keep one row per indicator",
            "18 error range: row 18: target 2 is a yes/no indicator and must be 1 (yes) or 0 (no)",
            "19 error range: row 19: target 0.5 is a rank and must be a whole number from 1 (e.g. 10 for 10/63)",
            "20 error range: row 20: target -1 is a count and must not be negative",
            "21 error type: row 21: deadline '31/02/2024' is not a date; write YYYY-MM-DD or DD/MM/YYYY (e.g. 2024-12-31 or 31/12/2024) or a timeframe such as 'Quý III/2024' or 'trước ngày 20/6/2024'",
            "22 error type: row 22: target 'multi\nline' is not a number; write decimals with a point, e.g. 62.4",
        ])
        #expect(findings.allSatisfy { $0.file == "bad.csv" && $0.column == nil })
        #expect(rows.last?.line == 24)
    }

    @Test func unreadableFileIsOneFinding() {
        let (rows, findings) = TargetImport.read(Array("indicator,measure,target\nA,count,\"1\n".utf8), file: "q.csv")
        #expect(rows == [])
        #expect(summary(findings) == [
            "2 error syntax: a quoted cell opened on this line is never closed (unbalanced \"); close it or double the quote (\"\")"
        ])
        let short = TargetImport.read(Array("indicator,measure,target\nA,count,1,9\nB,count,2\n".utf8), file: "s.csv")
        #expect(short.rows.map(\.indicator.code) == ["B"])
        #expect(summary(short.findings) == [
            "2 error syntax: row 2: 4 cells but the header has 3; quote cells that contain ','; the row is skipped"
        ])
    }

    @Test func missingTargetColumnNamesItsForms() {
        let (rows, findings) = TargetImport.read(Array("indicator,measure\nA,count\n".utf8), file: "m.csv")
        #expect(rows == [])
        #expect(summary(findings) == [
            "1 error missing-column: header: no 'target' column; add a column named 'target' (or one of: Mục tiêu, target_<year>, Mục tiêu năm <year>) — the header is: indicator, measure"
        ])
    }

    @Test func timeframeDeadlineWithoutYearNeedsAYearHeader() {
        let text = "indicator,measure,target,deadline\nA,count,1,Quý IV\nB,count,1,Quý IV/2024\n"
        let (rows, findings) = TargetImport.read(Array(text.utf8), file: "y.csv")
        #expect(rows.map(\.target.deadline) == [CivilDate("2024-12-31")])
        #expect(findings.map(\.line) == [2])
        let withYear = TargetImport.read(Array(text.replacingOccurrences(of: ",target,", with: ",target_2025,").utf8), file: "y.csv")
        #expect(withYear.findings == [])
        #expect(withYear.rows.map(\.target.deadline) == [CivilDate("2025-12-31"), CivilDate("2024-12-31")])
    }

    @Test func unknownDefaultIsAWarning() {
        let (rows, findings) = TargetImport.read(
            Array("indicator,target\nA,1\n".utf8), file: "d.csv", defaults: ["measure": "count", "colour": "red"])
        #expect(rows.count == 1)
        #expect(summary(findings) == [
            "1 warning unknown-column: a default is given for 'colour', which is not a column of targets; it is ignored"
        ])
    }

    /// A score is not summed across units by default (issue 17: two districts' 1.5 are not
    /// the province's 3 of a maximum 1.5).
    @Test func defaultAggregations() {
        #expect(Measure.allCases.map(TargetImport.defaultAggregation) == [.ratio, .none, .sum, .latest, .min])
    }

    /// `import indicators`: Tuy Phước's 2023 results need definitions but have no targets.
    @Test func indicatorsWithoutTargets() {
        let csv = """
            indicator,name,measure,max,aggregation,target
            TP-PAR-INDEX,Chỉ số cải cách hành chính (%),percent,,latest,
            TP-SIPAS,Điểm Chỉ số hài lòng của người dân và tổ chức,score,30,,
            TP-BAD,Sai,colour,,,
            TP-PAR-INDEX,Trùng,percent,,,

            """
        let (rows, findings) = TargetImport.readIndicators(Array(csv.utf8), file: "results.csv")
        #expect(rows.map(\.indicator) == [
            Indicator(code: "TP-PAR-INDEX", name: "Chỉ số cải cách hành chính (%)", measure: .percent, aggregation: .latest),
            Indicator(code: "TP-SIPAS", name: "Điểm Chỉ số hài lòng của người dân và tổ chức", measure: .score, aggregation: .none, maxScore: 30),
        ])
        #expect(rows.map(\.line) == [2, 3])
        #expect(summary(findings).map { String($0.prefix(28)) } == [
            "1 warning unknown-column: he", "4 error type: row 4: measure", "5 error duplicate-id: row 5:",
        ])
        // Without a measure column (or default) nothing can be read.
        let bare = TargetImport.readIndicators(Array("indicator,name\nA,B\n".utf8), file: "x.csv")
        #expect(bare.rows.isEmpty && summary(bare.findings).first?.contains("missing-column") == true)
    }
}

@Suite struct TaskImportTests {
    /// The real header and two rows of tuyphuoc-2024-tasks.csv (cells shortened).
    static let tuyphuoc = """
        section,kind,no,content,tasks,agencies,timeframe,note
        I CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH,khắc phục,1,"Thực hiện nhiệm vụ do UBND tỉnh, Chủ tịch UBND tỉnh giao","Rà soát, tham mưu UBND huyện | Đôn đốc, nhắc nhở","Các phòng, ban chuyên môn huyện; UBND các xã, thị trấn có liên quan | Văn phòng HĐND và UBND huyện",Theo tiến độ tỉnh giao | Thường xuyên,
        IV CẢI CÁCH TỔ CHỨC BỘ MÁY,duy trì,3,Thực hiện phân cấp,Tổ chức kiểm tra | Gửi hồ sơ về Phòng Nội vụ trước ngày 20/11,Các cơ quan | Phòng Nội vụ,Hoàn thành trước tháng 12/2024 | Hoàn thành trước tháng 12/2024,
        IX KHÁC,,1,Đối thoại với doanh nghịệp,Tổ chức đối thoại,Phòng Tài chính - Kế hoạch,Quý III-IV,

        """

    @Test func seedHeader() throws {
        let (rows, findings) = TaskImport.read(Array(Self.tuyphuoc.utf8), file: "tuyphuoc.csv", defaultYear: 2024)
        #expect(summary(findings) == [
            "1 warning unknown-column: header: ignoring columns 'section', 'no', 'tasks', 'note'; tasks read the columns id, content, lead, cooperating, timeframe, product, kind, indicators, for (or their Vietnamese names)"
        ])
        #expect(rows.map(\.line) == [2, 3, 4])
        let first = rows[0].task
        #expect(first.content == "Thực hiện nhiệm vụ do UBND tỉnh, Chủ tịch UBND tỉnh giao")
        #expect(first.id == TaskImport.derivedID(content: first.content))
        #expect(first.kind == .remedy)
        #expect(first.lead == "Các phòng, ban chuyên môn huyện; UBND các xã, thị trấn có liên quan | Văn phòng HĐND và UBND huyện")
        #expect(first.timeframe == "Theo tiến độ tỉnh giao | Thường xuyên" && first.deadline == nil)
        #expect(rows[1].task.kind == .maintain && rows[1].task.deadline == CivilDate("2024-11-30"))
        #expect(rows[2].task.kind == .remedy && rows[2].task.deadline == CivilDate("2024-12-31"))
        #expect(rows.allSatisfy { $0.task.provenance == nil && $0.task.cooperating == [] })
        for row in rows {
            let path = "plans/2024/tasks/\(row.task.id).json"
            #expect(DocumentValidator.validate(bytes: try CanonicalJSON.encode(row.task), path: path).1 == [])
        }
    }

    @Test func derivedIDsAreStable() {
        // FNV-1a 32 of the UTF-8 bytes: "" → 811c9dc5, "a" → e40c292c.
        #expect(TaskImport.derivedID(content: "") == "task-811c9dc5")
        #expect(TaskImport.derivedID(content: "a") == "task-e40c292c")
        // NFD and NFC content give the same id.
        #expect(TaskImport.derivedID(content: "Hoa\u{0300}n tha\u{0300}nh") == TaskImport.derivedID(content: "Hoàn thành"))
        let text = Array("content\nRà soát\n".utf8)
        let first = TaskImport.read(text, file: "a.csv", defaultYear: 2024).rows.map(\.task.id)
        #expect(first == TaskImport.read(text, file: "a.csv", defaultYear: 2024).rows.map(\.task.id))
        #expect(first.count == 1 && first[0].hasPrefix("task-") && first[0].utf8.count == 13)
    }

    @Test func allColumnsInVietnamese() throws {
        let text = """
            Mã nhiệm vụ,Nhiệm vụ,Cơ quan chủ trì,Cơ quan phối hợp,Thời gian thực hiện,Sản phẩm,Loại,Chỉ tiêu
            t1,Rà soát TTHC,Văn phòng UBND tỉnh,Các sở; UBND cấp huyện,Quý III/2024,Báo cáo,duy trì,"7.3.6, DVC-ONLINE|SIPAS; 7.3.6"

            """
        let (rows, findings) = TaskImport.read(Array(text.utf8), file: "vi.csv", defaultYear: 2024)
        #expect(findings == [])
        #expect(rows.map(\.task) == [
            PlanTask(
                id: "t1", content: "Rà soát TTHC", lead: "Văn phòng UBND tỉnh", cooperating: ["Các sở", "UBND cấp huyện"],
                timeframe: "Quý III/2024", deadline: CivilDate("2024-09-30"), product: "Báo cáo", kind: .maintain,
                indicators: ["7.3.6", "DVC-ONLINE", "SIPAS"])
        ])
    }

    @Test func otherAliases() {
        let cases = [
            "Nội dung,Chủ trì,Phối hợp,Thời gian", "tasks,lead_agency,cooperating_agencies,Thời hạn",
            "NHIỆM VỤ,Cơ quan thực hiện,Phối hợp,thời gian", "Nội dung,agencies,Cơ quan phối hợp,timeframe",
        ]
        for header in cases {
            let (rows, findings) = TaskImport.read(Array((header + "\nX,A,B,Quý IV\n").utf8), file: "a.csv", defaultYear: 2025)
            #expect(findings == [], "\(header)")
            #expect(rows.map(\.task.lead) == ["A"] && rows.map(\.task.cooperating) == [["B"]], "\(header)")
            #expect(rows.first?.task.deadline == CivilDate("2025-12-31"), "\(header)")
        }
    }

    @Test func badRows() {
        let text = """
            id,content,kind,indicators
            1.1,Rà soát,remedy,
            1.1,Đôn đốc,maintain,
            ,Kiểm tra,khắc phục,
            ,Kiểm tra,duy trì,
            a/b,Tuyên truyền,,
            2.1,,,
            2.2,Báo cáo,tiêu chí,
            2.3,Báo cáo,,DVC ONLINE; 7.3.6
            T1,X,,
            t1,Y,,
            """
        let (rows, findings) = TaskImport.read(Array(text.utf8), file: "tasks.csv", defaultYear: 2024)
        #expect(rows.map(\.task.id) == ["1.1", TaskImport.derivedID(content: "Kiểm tra"), "T1"])
        #expect(summary(findings) == [
            "3 error duplicate-id: row 3: task id '1.1' is already used on row 2; give each task its own id",
            "5 error duplicate-id: row 5: task id '\(TaskImport.derivedID(content: "Kiểm tra"))' (derived from the content) is the same as on row 4: the two rows have the same content; give each row an id in an 'id' column or merge them",
            "6 error identifier: row 6: task id 'a/b' contains '/'; use only ASCII letters, digits, '.', '-' or '_', e.g. 1.1 or so-noi-vu-1",
            "7 error missing-field: row 7: the content cell is empty; write what is to be done",
            "8 error type: row 8: kind 'tiêu chí' is not 'remedy' (khắc phục) or 'maintain' (duy trì); leave it empty for remedy",
            "9 error identifier: row 9: indicator code 'DVC ONLINE' contains whitespace; use only ASCII letters, digits, '.', '-' or '_', e.g. 7.3.6 or DVC-ONLINE",
            "11 error duplicate-id: row 11: task id 't1' differs only in letter case from 'T1' on row 10; give each task its own id",
        ])
    }

    @Test func missingContentColumn() {
        let (rows, findings) = TaskImport.read(Array("id,lead\n1,A\n".utf8), file: "x.csv", defaultYear: 2024)
        #expect(rows == [])
        #expect(findings.map(\.kind) == ["missing-column"])
        #expect(findings.first?.message.description.hasPrefix("header: no 'content' column; add a column named 'content' (or one of: Nội dung, Nhiệm vụ, tasks)") == true)
    }
}

@Suite struct BaselineImportTests {
    @Test func readsAndGroups() throws {
        let text = """
            Đơn vị,Chỉ tiêu,Giá trị,Ngày
            buon-don,DVC-ONLINE,6.6,31/10/2024
            buon-don,DVC-PAYMENT,12.5%,2024-10-31
            krong-buk,DVC-ONLINE,8.43,

            """
        let (rows, findings) = BaselineImport.read(Array(text.utf8), file: "b.csv")
        #expect(findings == [])
        #expect(rows == [
            BaselineRow(line: 2, unit: "buon-don", indicator: "DVC-ONLINE", value: Exact("6.6")!, asOf: CivilDate("2024-10-31")),
            BaselineRow(line: 3, unit: "buon-don", indicator: "DVC-PAYMENT", value: Exact("12.5")!, asOf: CivilDate("2024-10-31")),
            BaselineRow(line: 4, unit: "krong-buk", indicator: "DVC-ONLINE", value: Exact("8.43")!),
        ])
        let documents = BaselineImport.documents(rows)
        #expect(documents.map(\.unit) == ["buon-don", "krong-buk"])
        #expect(documents[0].values["DVC-ONLINE"] == BaselineValue(value: Exact("6.6")!, asOf: CivilDate("2024-10-31")))
        for document in documents {
            let path = "plans/2024/baselines/\(document.unit).json"
            #expect(DocumentValidator.validate(bytes: try CanonicalJSON.encode(document), path: path).1 == [])
        }
    }

    @Test func seedActualsHeader() {
        // The real header of daklak-2024-dvc-actuals.csv: units are names, not ids.
        let text = """
            unit,level,indicator,actual_pct,as_of,score,rank
            Tỉnh Đắk Lắk,province,online_service_rate,34.2,2024-10-31,,
            Tỉnh Đắk Lắk,province,service_index,,2024-10-31,75.65,46/63
            buon-don,district,online_service_rate,"6,6",2024-10-31,,
            buon-don,district,online_payment_rate,6.6,31/10/24,,
            buon-don,district,online_service_rate,7,2024-10-31,,
            ea-sup,district,online_service_rate,7,2024-10-31,,

            """
        let (rows, findings) = BaselineImport.read(Array(text.utf8), file: "actuals.csv")
        #expect(rows.map(\.line) == [7])
        #expect(summary(findings) == [
            "1 warning unknown-column: header: ignoring columns 'level', 'score', 'rank'; baselines read the columns unit, indicator, value, as_of (or their Vietnamese names)",
            "2 error identifier: row 2: unit id 'Tỉnh Đắk Lắk' contains 'ỉ' which is not an ASCII letter, digit, '.', '-' or '_'; use only ASCII letters, digits, '.', '-' or '_', e.g. buon-don",
            "3 error identifier: row 3: unit id 'Tỉnh Đắk Lắk' contains 'ỉ' which is not an ASCII letter, digit, '.', '-' or '_'; use only ASCII letters, digits, '.', '-' or '_', e.g. buon-don",
            "3 error missing-field: row 3: the actual_pct cell is empty; write the figure, e.g. 6.6",
            "4 error type: row 4: actual_pct '6,6' uses a decimal comma or a thousands separator; write decimals with a point, e.g. 62.4, and no thousands separator",
            "5 error type: row 5: as_of '31/10/24' is not a date; write YYYY-MM-DD or DD/MM/YYYY (e.g. 2024-12-31 or 31/12/2024)",
            "6 error duplicate-id: row 6: unit 'buon-don' and indicator 'online_service_rate' are already on row 4; keep one figure per unit and indicator",
        ])
    }

    @Test func otherAliases() {
        for header in ["unit,indicator,Kết quả,asOf", "ĐƠN VỊ,chỉ tiêu,actual_pct,as_of", "unit,indicator,value,Ngày"] {
            let (rows, findings) = BaselineImport.read(Array((header + "\nx,Y,1,2024-01-31\n").utf8), file: "a.csv")
            #expect(findings == [], "\(header)")
            #expect(rows.map(\.asOf) == [CivilDate("2024-01-31")], "\(header)")
        }
    }
}

/// Reads the real seed files when they sit next to the package (`../shared/seed-data`).
@Suite struct SeedFileImportTests {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/seed-data")

    static func bytes(_ name: String) -> [UInt8]? {
        (try? Data(contentsOf: folder.appendingPathComponent(name))).map { Array($0) }
    }

    @Test(.enabled(if: bytes("daklak-2024-par-sipas-targets.csv") != nil))
    func sipasTargets() throws {
        let bytes = try #require(Self.bytes("daklak-2024-par-sipas-targets.csv"))
        let (rows, findings) = TargetImport.read(bytes, file: "daklak-2024-par-sipas-targets.csv", defaults: ["measure": "score"])
        #expect(findings.map(\.kind) == ["unknown-column"])
        // 133 criteria and the 8 fields' target ranks (10/63 …, issue 17).
        #expect(rows.count == 141)
        #expect(rows.filter { $0.indicator.measure == .rank }.map(\.target.value) == [10, 19, 12, 30, 30, 3, 25, 35])
        let fields = rows.filter { !$0.indicator.code.contains(".") && $0.indicator.measure == .score }
        #expect(fields.reduce(Exact.zero) { $0 + $1.target.value } == Exact("91.65")!)
        #expect(fields.reduce(Exact.zero) { $0 + ($1.indicator.maxScore ?? 0) } == 100)
    }

    @Test(.enabled(if: bytes("tuyphuoc-2024-tasks.csv") != nil))
    func tuyphuocTasks() throws {
        let bytes = try #require(Self.bytes("tuyphuoc-2024-tasks.csv"))
        let (rows, findings) = TaskImport.read(bytes, file: "tuyphuoc-2024-tasks.csv", defaultYear: 2024)
        #expect(!findings.containsErrors, "\(findings)")
        #expect(rows.count == 51)
        #expect(Set(rows.map(\.task.id)).count == 51)
        #expect(rows.contains { $0.task.deadline == CivilDate("2024-12-15") })
    }
}
