import Foundation
import Testing
import TestSupport

/// Issue 17 parts 4 and 8, over the built binary and real repositories: the comparators the
/// documents write, the criteria tree's computed totals, scores that are not summed across
/// units, and the documents' own figures.
@Suite struct ComparisonCommandTests {
    init() { IsolatedGit.setUp() }

    /// The Repos/ folder of this source tree.
    static let repos = SourceTree.repos

    func run(_ arguments: [String], in directory: String) throws -> CommandResult {
        try Tool.run(arguments, in: directory)
    }

    /// `run` that must succeed.
    @discardableResult
    func ok(_ arguments: [String], in directory: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> CommandResult {
        let result = try run(arguments, in: directory)
        #expect(result.status == 0, "\(arguments): \(result.stdout)\(result.stderr)", sourceLocation: sourceLocation)
        return result
    }

    func json(_ result: CommandResult) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }

    /// The status rows of `unit` by indicator.
    func status(_ directory: String, unit: String, asOf: String = "2024-10-15") throws -> [String: [String: Any]] {
        let rows = try #require(try json(try run(["status", "--json", "--as-of", asOf], in: directory)) as? [[String: Any]])
        var result: [String: [String: Any]] = [:]
        for row in rows where row["unit"] as? String == unit { result[row["indicator"] as! String] = row }
        return result
    }

    /// A province (and its hub) in `dir`.
    func province(_ dir: TemporaryDirectory, id: String = "daklak") throws -> String {
        try ok(["init", id, "--unit", id, "--name", "UBND tỉnh", "--level", "province", "--hub", "hubs/\(id).git"], in: dir.path)
        return dir.appending(id)
    }

    /// A child of `parent` that has pulled its targets.
    func child(_ dir: TemporaryDirectory, _ id: String, of parent: String, level: String = "district") throws -> String {
        try ok(["init", id, "--unit", id, "--name", id, "--level", level, "--parent", "hubs/\(parent).git", "--hub", "hubs/\(id).git"], in: dir.path)
        try ok(["pull"], in: dir.appending(id))
        return dir.appending(id)
    }

    func write(_ text: String, _ name: String, in dir: TemporaryDirectory) throws {
        try text.write(toFile: dir.appending(name), atomically: true, encoding: .utf8)
    }

    // MARK: - comparators

    /// "cao hơn năm 2023" (000 II.2 2.4: 2023 đạt 81,54%), "đạt trên 80%" (001 IX.2) and the
    /// band "từ vị trí thứ 31 đến 50" (000 II.1 1.18) in a `So sánh` column; the strict forms
    /// are met only above the value, the band only within it; a child's `>=` at the parent's
    /// `>` value is weaker and refused; status says so.
    @Test func strictComparatorsAndBandsAsTheDocumentsWriteThem() throws {
        let dir = try TemporaryDirectory()
        let province = try province(dir)
        try write("""
            Chỉ tiêu,Tên chỉ tiêu,Đơn vị đo,Mục tiêu,So sánh,Thời hạn\r
            SIPAS-2.4,Tỷ lệ hài lòng về kết quả giải quyết TTHC,%,81.54,cao hơn,31/12/2024\r
            HDND-EVAL,Đánh giá của đại biểu HĐND về sự phục vụ hành chính,%,80,trên,31/12/2024\r
            BUDGET-RANK,Thứ hạng giá trị thu ngân sách,rank,từ vị trí thứ 31 đến 50,,31/12/2024\r

            """, "compare.csv", in: dir)
        try ok(["import", "targets", "../compare.csv", "--year", "2024"], in: province)
        let targets = try #require(try json(try ok(["targets", "--json"], in: province)) as? [[String: Any]])
        func target(_ code: String) -> [String: Any]? { targets.first { $0["indicator"] as? String == code } }
        #expect(target("SIPAS-2.4")?["comparator"] as? String == ">")
        #expect(target("HDND-EVAL")?["comparator"] as? String == ">")
        #expect(target("BUDGET-RANK")?["comparator"] as? String == "between")
        #expect("\(target("BUDGET-RANK")?["value"] ?? "")" == "50" && "\(target("BUDGET-RANK")?["bound"] ?? "")" == "31")
        #expect(target("BUDGET-RANK")?["condition"] as? String == "31–50")
        #expect(try ok(["targets"], in: province).stdout.contains("31–50"))
        #expect(try ok(["validate"], in: province).stdout.contains("no problems"))

        // At the value: not met under ">"; above it: met. A rank inside the band: met; 30
        // (better than the band) and 51 (worse): not.
        try ok(["report", "2024-Q3", "SIPAS-2.4=8154/10000", "HDND-EVAL=8001/10000", "BUDGET-RANK=50"], in: province)
        var rows = try status(province, unit: "daklak")
        #expect(rows["SIPAS-2.4"]?["state"] as? String == "at-risk")
        #expect(rows["HDND-EVAL"]?["state"] as? String == "on-track")
        #expect(rows["BUDGET-RANK"]?["state"] as? String == "on-track")
        let table = try ok(["status", "--as-of", "2024-10-15"], in: province).stdout
        #expect(table.contains("> 81.54") && table.contains("31–50"), "\(table)")
        try ok(["report", "2024-Q4", "SIPAS-2.4=8155/10000", "BUDGET-RANK=30"], in: province)
        rows = try status(province, unit: "daklak", asOf: "2025-01-15")
        #expect(rows["SIPAS-2.4"]?["state"] as? String == "on-track")
        #expect(rows["BUDGET-RANK"]?["state"] as? String == "missed")
        let check = try run(["check", "--as-of", "2025-01-15", "--json"], in: province)
        #expect(check.stdout.contains("31–50"), "\(check.stdout)")

        // A district derives "> 81.54"; ">=" at the same value is weaker, refused without
        // --force and then an error of `check`; ">" again, or a higher ">=", is allowed.
        try ok(["child", "add", "krong-buk", "--name", "UBND huyện Krông Búk", "--level", "district"], in: province)
        try ok(["publish"], in: province)
        let district = try child(dir, "krong-buk", of: "daklak")
        let derived = try #require(try json(try ok(["targets", "--json"], in: district)) as? [[String: Any]])
        let sipas = try #require(derived.first { $0["indicator"] as? String == "SIPAS-2.4" })
        #expect(sipas["comparator"] as? String == ">")
        #expect((sipas["provenance"] as? [String: Any])?["comparator"] as? String == ">")
        let weaker = try run(["target", "set", "SIPAS-2.4", "81.54", "--comparator", ">="], in: district)
        #expect(weaker.status == 1)
        #expect(weaker.stderr.contains("81.54"), "\(weaker.stderr)")
        let against = try run(["target", "set", "SIPAS-2.4", "90", "--comparator", "<="], in: district)
        #expect(against.status != 0)
        #expect(against.stderr.contains("--comparator"), "\(against.stderr)")
        try ok(["target", "set", "SIPAS-2.4", "81.6", "--comparator", "tối thiểu"], in: district)
        try ok(["target", "set", "SIPAS-2.4", "81.54", "--comparator", "cao hơn"], in: district)
        try ok(["target", "set", "SIPAS-2.4", "81.54", "--comparator", ">=", "--force"], in: district)
        let found = try run(["check", "--json"], in: district)
        #expect(found.status == 1)
        #expect(found.stdout.contains("below-inherited"), "\(found.stdout)")
        // The band travels with both ends.
        let band = try #require(derived.first { $0["indicator"] as? String == "BUDGET-RANK" })
        #expect(band["condition"] as? String == "31–50")
    }

    /// Refused comparator cells say which cell and what to write.
    @Test func badComparatorCellsAreRefused() throws {
        let dir = try TemporaryDirectory()
        let province = try province(dir)
        try write("""
            indicator,measure,target,comparator\r
            A,percent,50,roughly\r
            B,percent,50,<=\r
            C,rank,50-31,\r
            D,score,1,\r

            """, "bad.csv", in: dir)
        let refused = try run(["import", "targets", "../bad.csv", "--year", "2024"], in: province)
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("row 2") && refused.stderr.contains("'roughly'"), "\(refused.stderr)")
        #expect(refused.stderr.contains("row 3") && refused.stderr.contains("direction"), "\(refused.stderr)")
        #expect(refused.stderr.contains("row 4") && refused.stderr.contains("31–50"), "\(refused.stderr)")
        try write("indicator,measure,target,aggregation,max\r\n1.1,score,1.5,sum,1.5\r\n", "sum.csv", in: dir)
        let summed = try run(["import", "targets", "../sum.csv", "--year", "2024"], in: province)
        #expect(summed.status == 1)
        #expect(summed.stderr.contains("never the sum of its children's"), "\(summed.stderr)")
    }

    // MARK: - scores across units

    /// Two districts reporting criterion 1.1 = 1.5 (maximum 1.5) do not give the province
    /// 1.1 = 3: a unit's score is its own (aggregation none, the default for scores); `mean`
    /// gives 1.5; a figure above the maximum is refused at `report`.
    @Test func scoresAreNotSummedAcrossUnits() throws {
        let dir = try TemporaryDirectory()
        let province = try province(dir)
        try write("indicator,name,measure,target,max\r\n1.1,Thực hiện kế hoạch CCHC,score,1.5,1.5\r\n1.2,Báo cáo CCHC định kỳ,score,0.5,0.5\r\n", "score.csv", in: dir)
        try ok(["import", "targets", "../score.csv", "--year", "2024"], in: province)
        try write("indicator,name,measure,target,max,aggregation\r\n1.2,Báo cáo CCHC định kỳ,score,0.5,0.5,mean\r\n", "mean.csv", in: dir)
        try ok(["import", "targets", "../mean.csv", "--year", "2024"], in: province)
        for id in ["krong-buk", "lak"] {
            try ok(["child", "add", id, "--name", id, "--level", "district"], in: province)
        }
        try ok(["publish"], in: province)
        for id in ["krong-buk", "lak"] {
            let district = try child(dir, id, of: "daklak")
            let above = try run(["report", "2024", "1.1=1.6"], in: district)
            #expect(above.status == 1)
            #expect(above.stderr.contains("1.6") && above.stderr.contains("1.5"), "\(above.stderr)")
            try ok(["report", "2024", "1.1=1.5", "1.2=\(id == "lak" ? "0.5" : "0.25")"], in: district)
            try ok(["push"], in: district)
        }
        try ok(["collect"], in: province)
        let rows = try status(province, unit: "daklak", asOf: "2025-01-15")
        #expect(rows["1.1"]?["actual"] == nil || rows["1.1"]?["actual"] is NSNull, "\(rows)")
        #expect(rows["1.1"]?["state"] as? String == "no-data")
        #expect("\(rows["1.2"]?["actual"] ?? "")" == "0.375")
        let lak = try status(province, unit: "lak", asOf: "2025-01-15")
        #expect("\(lak["1.1"]?["actual"] ?? "")" == "1.5")
        // A district that raises the maximum in its own copy of 1.1 to report 3 is refused
        // at collect: the maximum is the province's.
        try ok(["child", "add", "ea-sup", "--name", "ea-sup", "--level", "district"], in: province)
        try ok(["publish"], in: province)
        let hostile = try child(dir, "ea-sup", of: "daklak")
        try write("indicator,name,measure,max\r\n1.1,Thực hiện kế hoạch CCHC,score,3\r\n", "raised.csv", in: dir)
        try ok(["import", "indicators", "../raised.csv", "--year", "2024"], in: hostile)
        try ok(["report", "2024", "1.1=3"], in: hostile)
        try ok(["push"], in: hostile)
        // The hub's pre-receive check says the same of that push.
        let hub = dir.appending("hubs/daklak.git")
        let pushed = try Command.run("git", ["rev-parse", "refs/children/ea-sup/main"], in: hub, environment: IsolatedGit.environment(["GIT_DIR": hub]))
            .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let zero = String(repeating: "0", count: 40)
        let hook = try Command.run(Tool.path, ["hook", "pre-receive"], in: hub, environment: IsolatedGit.environment(["GIT_DIR": hub]),
                                   input: "\(zero) \(pushed) refs/children/ea-sup/main\n")
        #expect(hook.status != 0)
        #expect(hook.stderr.contains("the maximum 1.5 of this unit's plan"), "\(hook.stdout)\(hook.stderr)")
        let refused = try run(["collect"], in: province)
        #expect(refused.stdout.contains("ea-sup") || refused.stderr.contains("ea-sup"))
        #expect((refused.stdout + refused.stderr).contains("the maximum 1.5 of this unit's plan"), "\(refused.stdout)\(refused.stderr)")
        #expect(try status(province, unit: "ea-sup", asOf: "2025-01-15")["1.1"]?["actual"] == nil)

        // The province's own assessed score is its figure, whatever its districts report.
        try ok(["report", "2024", "1.1=1.2"], in: province)
        #expect("\(try status(province, unit: "daklak", asOf: "2025-01-15")["1.1"]?["actual"] ?? "")" == "1.2")
    }

    // MARK: - the criteria tree

    /// 000 Phụ lục I through a real repository: the total 100 / 91.65 is computed from the 133
    /// criteria (no row of the file holds it), each field keeps its target rank (10/63 …);
    /// a parent target that disagrees with its children is a `tree-sum` warning of `validate`.
    @Test func phuLucIComputesTheTotalAndKeepsTheRanks() throws {
        let dir = try TemporaryDirectory()
        let province = try province(dir)
        try ok(["import", "targets", Self.repos + "/daklak-2024/par-sipas-targets.csv", "--default", "measure=score", "--year", "2024"], in: province)
        let tree = try #require(try json(try ok(["tree", "--json"], in: province)) as? [String: Any])
        let rows = try #require(tree["rows"] as? [[String: Any]])
        let root = try #require(rows.first)
        #expect(root["code"] == nil && "\(root["maxScore"]!)" == "100" && "\(root["target"]!)" == "91.65")
        #expect(rows.count == 134)
        let ranks = ["1": 10, "2": 19, "3": 12, "4": 30, "5": 30, "6": 3, "7": 25, "8": 35]
        for (code, rank) in ranks {
            let field = try #require(rows.first { $0["code"] as? String == code })
            #expect("\(field["targetRank"]!)" == "\(rank)", "field \(code)")
        }
        let text = try ok(["tree"], in: province).stdout
        #expect(text.contains("TOTAL") && text.contains("91.65"), "\(text)")
        #expect(try ok(["validate"], in: province).stdout.contains("no problems"))

        try ok(["target", "set", "1", "9.4"], in: province)
        let validated = try run(["validate"], in: province)
        #expect(validated.status == 0, "a warning: \(validated.stdout)\(validated.stderr)")
        #expect((validated.stdout + validated.stderr).contains("criterion 1 has target 9.4, but its sub-criteria"))
        // The total follows the declared field target, never a typed total.
        let after = try #require(try json(try ok(["tree", "--json"], in: province)) as? [String: Any])
        #expect("\((after["rows"] as! [[String: Any]])[0]["target"]!)" == "91.55")
    }

    /// 003 Phụ lục through a real repository: the listed criteria's assessed scores, with each
    /// parent's unlisted criteria at their maximum, give the fields and the total 86.2482 of
    /// 100, deduction −13.7518 (rule 38); 7.3.6 reported as its counts 41,940/58,818 is 1.0696
    /// (rule 36); 3.4.1 reported as 101,835/102,337 is 1.4926 exactly 1.49264…, not the printed
    /// 1.4925, so the total becomes 86.2483 (rule 37).
    @Test func quangTri2023TotalIsComputed() throws {
        let dir = try TemporaryDirectory()
        let unit = try province(dir, id: "quangtri")
        let seed = try String(contentsOfFile: Self.repos + "/quangtri-2023/source/quangtri-2023-par-deductions.csv", encoding: .utf8)
        var lines = seed.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        let header = parseCSVLine(lines.removeFirst())
        let rows = lines.map { Dictionary(uniqueKeysWithValues: zip(header, parseCSVLine($0))) }
        #expect(rows.count == 54)
        let codes = Set(rows.map { $0["code"]! })
        func parent(_ code: String) -> String? {
            var parts = code.split(separator: ".")
            while parts.count > 1 { parts.removeLast(); if codes.contains(parts.joined(separator: ".")) { return parts.joined(separator: ".") } }
            return nil
        }
        var children: [String: [String]] = [:]
        for code in codes { if let p = parent(code) { children[p, default: []].append(code) } }
        let max = Dictionary(uniqueKeysWithValues: rows.map { ($0["code"]!, Decimal(string: $0["max_score"]!)!) })
        var indicators = "indicator,name,measure,max\r\n"
        var figures: [String] = []
        for row in rows {
            let code = row["code"]!
            indicators += "\(code),\"\(row["name"]!.replacingOccurrences(of: "\"", with: "\"\""))\",score,\(row["max_score"]!)\r\n"
            if children[code] == nil { figures.append("\(code)=\(row["assessed_score"]!)") }
        }
        // The criteria the appendix does not list kept their maximum: one leaf per parent.
        for (code, kids) in children {
            let rest = max[code]! - kids.reduce(Decimal(0)) { $0 + max[$1]! }
            guard rest != 0 else { continue }
            indicators += "\(code).unlisted,Các tiêu chí không bị trừ điểm,score,\(rest)\r\n"
            figures.append("\(code).unlisted=\(rest)")
        }
        try write(indicators, "criteria.csv", in: dir)
        try ok(["import", "indicators", "../criteria.csv", "--year", "2023"], in: unit)
        try ok(["report", "2023"] + figures, in: unit)
        func tree() throws -> [String: [String: Any]] {
            let outcome = try #require(try json(try ok(["tree", "--year", "2023", "--json"], in: unit)) as? [String: Any])
            var result: [String: [String: Any]] = [:]
            for row in outcome["rows"] as! [[String: Any]] { result[row["code"] as? String ?? "TOTAL"] = row }
            return result
        }
        var t = try tree()
        #expect("\(t["TOTAL"]!["score"]!)" == "86.2482")
        #expect("\(t["TOTAL"]!["maxScore"]!)" == "100")
        for row in rows where children[row["code"]!] != nil {
            #expect(Decimal(string: "\(t[row["code"]!]!["score"]!)") == Decimal(string: row["assessed_score"]!), "field \(row["code"]!)")
        }
        let text = try ok(["tree", "--year", "2023"], in: unit).stdout
        #expect(text.contains("-13.7518"), "\(text)")
        #expect("\(t["TOTAL"]!["deduction"]!)" == "-13.7518")
        // Every listed criterion's deduction is the appendix's Điểm bị trừ; 7.1.2 is the
        // national −0.5 (rules.md 39).
        for row in rows where children[row["code"]!] == nil {
            #expect(Decimal(string: "\(t[row["code"]!]!["deduction"]!)") == Decimal(string: row["deducted"]!), "deduction \(row["code"]!)")
        }
        #expect("\(t["7.1.2"]!["deduction"]!)" == "-0.5")

        try ok(["report", "2023", "7.3.6=41940/58818"], in: unit)
        t = try tree()
        #expect("\(t["7.3.6"]!["score"]!)" == "1.0696")
        #expect("\(t["TOTAL"]!["score"]!)" == "86.2482")
        try ok(["report", "2023", "3.4.1=101835/102337"], in: unit)
        t = try tree()
        #expect("\(t["3.4.1"]!["score"]!)" == "1.4926")
        #expect(("\(t["3.4.1"]!["exactScore"]!)").hasPrefix("1.49264"))
        #expect("\(t["TOTAL"]!["score"]!)" == "86.2483")
        #expect(try ok(["tree", "--year", "2023"], in: unit).stdout.contains("from the counts exactly 1.49264"))
    }

    // MARK: - a unit's own year-on-year rules

    /// 002 II.1–II.4 and 000 I.1 as a unit's own rules, without a parent: Quảng Trị's own
    /// 2023 figures (003: PAPI 42.7705, PAR Index rank 41, SIPAS 79.46%) give its 2024
    /// targets by improve:0.1, rank:-5 and "cao hơn năm 2023" (strictly higher), each with the
    /// figure's report file and commit; the own rule is the target's floor.
    @Test func ownYearOnYearRules() throws {
        let dir = try TemporaryDirectory()
        let unit = try province(dir, id: "quangtri")
        try write("""
            indicator,name,measure,aggregation
            PAPI,Chỉ số PAPI,score,
            PAR-RANK,Thứ hạng Chỉ số CCHC,rank,
            SIPAS,Chỉ số SIPAS,percent,latest
            SIPAS-2.2,Tỷ lệ hài lòng về thủ tục hành chính,percent,latest
            SIPAS-2.5,Tỷ lệ hài lòng về tiếp nhận xử lý phản ánh kiến nghị,percent,latest

            """, "indicators.csv", in: dir)
        try ok(["import", "indicators", "../indicators.csv", "--year", "2023"], in: unit)
        try ok(["import", "indicators", "../indicators.csv", "--year", "2024"], in: unit)
        try write("indicator,name,measure,max\r\n1.1,Thực hiện kế hoạch CCHC,score,1.5\r\n", "max.csv", in: dir)
        for year in ["2023", "2024"] { try ok(["import", "indicators", "../max.csv", "--year", year], in: unit) }
        try ok(["report", "2023", "PAPI=42.7705", "PAR-RANK=41", "SIPAS=79.46", "SIPAS-2.2=79.46", "SIPAS-2.5=81.58", "1.1=1.5"], in: unit)

        let papi = try ok(["target", "set", "PAPI", "--year", "2024", "--versus-previous", "improve:0.1"], in: unit)
        #expect(papi.stdout.contains(">= 42.8705"), "\(papi.stdout)")
        #expect(papi.stdout.contains("own 2023 figure 42.7705 by improve:0.1 (progress/2023/2023.json"), "\(papi.stdout)")
        try ok(["target", "set", "PAR-RANK", "--year", "2024", "--versus-previous", "rank:-5"], in: unit)
        try ok(["target", "set", "SIPAS", "--year", "2024", "--versus-previous", "higher"], in: unit)
        // 002 II.3 (SIPAS at least +10 over 2023) and II.1 (criteria at the maximum kept there).
        #expect(try ok(["target", "set", "SIPAS-2.2", "--year", "2024", "--versus-previous", "improve:10"], in: unit).stdout.contains(">= 89.46"))
        #expect(try ok(["target", "set", "1.1", "--year", "2024", "--versus-previous", "maintain"], in: unit).stdout.contains(">= 1.5"))
        let targets = try #require(try json(try ok(["targets", "--year", "2024", "--json"], in: unit)) as? [[String: Any]])
        func target(_ code: String) throws -> [String: Any] { try #require(targets.first { $0["indicator"] as? String == code }) }
        let rank = try target("PAR-RANK"), sipas = try target("SIPAS"), papiTarget = try target("PAPI")
        #expect("\(rank["value"]!)" == "36" && rank["comparator"] as? String == "<=")
        #expect("\(sipas["value"]!)" == "79.46" && sipas["comparator"] as? String == ">")
        let versus = try #require(papiTarget["versus"] as? [String: Any])
        #expect("\(versus["figure"]!)" == "42.7705" && versus["file"] as? String == "progress/2023/2023.json")
        #expect(versus["period"] as? String == "2023" && (versus["commit"] as? String)?.count == 40)
        #expect(papiTarget["provenance"] == nil)
        #expect(try ok(["targets", "--year", "2024"], in: unit).stdout.contains("own 2023 figure 42.7705, improve:0.1 (progress/2023/2023.json@"))
        #expect(try ok(["validate"], in: unit).stdout.contains("no problems"))

        // The own rule is the floor: lower is refused without --force, higher is fine.
        let lowered = try run(["target", "set", "PAPI", "42.8", "--year", "2024"], in: unit)
        #expect(lowered.status == 1)
        #expect(lowered.stderr.contains("its own rule improve:0.1 over its 2023 figure 42.7705"), "\(lowered.stderr)")
        let notStrict = try run(["target", "set", "SIPAS", "79.46", "--year", "2024", "--comparator", ">="], in: unit)
        #expect(notStrict.status == 1, "\(notStrict.stdout)")
        // Forced below it, `check` warns below-own-rule; raising it again clears that.
        try ok(["target", "set", "PAPI", "42.8", "--year", "2024", "--force"], in: unit)
        let warned = try run(["check", "--json", "--as-of", "2024-06-30"], in: unit)
        #expect(warned.stdout.contains("below-own-rule"), "\(warned.stdout)")
        #expect(warned.stdout.contains("--versus-previous improve:0.1"), "\(warned.stdout)")
        try ok(["target", "set", "PAPI", "43", "--year", "2024"], in: unit)
        #expect(!(try run(["check", "--json", "--as-of", "2024-06-30"], in: unit)).stdout.contains("below-own-rule"))
        try ok(["target", "set", "PAR-RANK", "30", "--year", "2024"], in: unit)

        // "Higher than 2023" is met only above 79.46.
        try ok(["report", "2024-Q3", "SIPAS=79.46"], in: unit)
        #expect(try status(unit, unit: "quangtri", asOf: "2024-09-20")["SIPAS"]?["state"] as? String == "at-risk")
        try ok(["report", "2024-Q4", "SIPAS=79.47"], in: unit)
        #expect(try status(unit, unit: "quangtri", asOf: "2025-01-15")["SIPAS"]?["state"] as? String == "on-track")

        // In bulk: the import's `So với năm trước` column (000 II.2 2.5: "tăng ít nhất 5% so với
        // năm 2023 (năm 2023 đạt 81,58%)"); a row without its 2023 figure is refused by line.
        try write("""
            indicator,name,measure,aggregation,Mục tiêu,So với năm trước\r
            SIPAS-2.5,Tỷ lệ hài lòng về tiếp nhận xử lý phản ánh kiến nghị,percent,latest,,improve:5\r
            PCI-2,Chỉ số PCI,score,,,higher\r

            """, "versus.csv", in: dir)
        let partial = try run(["import", "targets", "../versus.csv", "--year", "2024"], in: unit)
        #expect(partial.status == 1)
        #expect(partial.stderr.contains("row 3") && partial.stderr.contains("PCI-2"), "\(partial.stderr)")
        try write("""
            indicator,name,measure,aggregation,Mục tiêu,So với năm trước\r
            SIPAS-2.5,Tỷ lệ hài lòng về tiếp nhận xử lý phản ánh kiến nghị,percent,latest,,improve:5\r

            """, "versus.csv", in: dir)
        try ok(["import", "targets", "../versus.csv", "--year", "2024"], in: unit)
        let imported = try #require(try json(try ok(["targets", "--year", "2024", "--json"], in: unit)) as? [[String: Any]])
        let sipas25 = try #require(imported.first { $0["indicator"] as? String == "SIPAS-2.5" })
        #expect("\(sipas25["value"]!)" == "86.58" && "\((sipas25["versus"] as? [String: Any])?["figure"] ?? "")" == "81.58")

        // No own figure of the previous year: said so, nothing written.
        try write("indicator,name,measure\r\nPCI,Chỉ số PCI,score\r\n", "pci.csv", in: dir)
        try ok(["import", "indicators", "../pci.csv", "--year", "2024"], in: unit)
        let none = try run(["target", "set", "PCI", "--year", "2024", "--versus-previous", "higher"], in: unit)
        #expect(none.status != 0)
        #expect(none.stderr.contains("PCI") && none.stderr.contains("2023"), "\(none.stderr)")
        #expect(try run(["target", "set", "PCI", "--year", "2024"], in: unit).status != 0)
    }

    // MARK: - 004 III.2.a

    /// The 18 unit targets of 004 III.2.a through real repositories: every unit 004 II.2
    /// names with a figure below the central minimum pulls minimum + 5 (55 for online
    /// dossiers, 50 for online payment), with its 31/10/2024 figure as the baseline.
    @Test func dvcUpliftGivesTheEighteenUnitTargets() throws {
        let dir = try TemporaryDirectory()
        let province = try province(dir)
        try ok(["import", "targets", Self.repos + "/daklak-2024/dvc-targets.csv", "--year", "2024"], in: province)
        let baselines = try String(contentsOfFile: Self.repos + "/daklak-2024/dvc-baselines.csv", encoding: .utf8)
            .components(separatedBy: .newlines).dropFirst().filter { !$0.isEmpty }.map { $0.components(separatedBy: ",") }
        #expect(baselines.count == 18)
        let units = Array(Set(baselines.map { $0[0] })).sorted()
        for id in units { try ok(["child", "add", id, "--name", id, "--level", "department"], in: province) }
        try ok(["import", "baselines", Self.repos + "/daklak-2024/dvc-baselines.csv"], in: province)
        try ok(["publish"], in: province)
        var derived = 0
        for id in units {
            let unit = try child(dir, id, of: "daklak", level: "department")
            let targets = try #require(try json(try ok(["targets", "--json"], in: unit)) as? [[String: Any]])
            for row in baselines where row[0] == id {
                let target = try #require(targets.first { $0["indicator"] as? String == row[1] }, "\(id) \(row[1])")
                let provenance = try #require(target["provenance"] as? [String: Any])
                #expect("\(target["value"]!)" == (row[1] == "DVC-ONLINE" ? "55" : "50"), "\(id) \(row[1])")
                #expect("\(provenance["baseline"]!)" == row[2] && provenance["parentUnit"] as? String == "daklak")
                derived += 1
            }
        }
        #expect(derived == 18)
    }
}

/// One RFC 4180 line (no line breaks inside cells in the seed tables used here).
func parseCSVLine(_ line: String) -> [String] {
    var cells: [String] = [], cell = "", quoted = false
    var chars = Array(line)[...]
    while let c = chars.popFirst() {
        if quoted {
            if c == "\"" { if chars.first == "\"" { cell.append("\""); chars.removeFirst() } else { quoted = false } } else { cell.append(c) }
        } else if c == "\"" { quoted = true } else if c == "," { cells.append(cell); cell = "" } else { cell.append(c) }
    }
    cells.append(cell)
    return cells
}
