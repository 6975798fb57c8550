import Foundation

/// One imported target row: the indicator it defines and its target.
public struct TargetRow: Hashable, Sendable {
    /// The CSV line the row starts on.
    public var line: Int
    public var indicator: Indicator
    public var target: Target
    /// The `versus` cell (`So với năm trước`): a rule over the unit's own figure of the
    /// previous year (`improve:0.1`, `rank:-5`, `higher`, `maintain`); the import workflow
    /// computes the target from that figure. Nil when the row gives its target.
    public var versus: String?

    public init(line: Int, indicator: Indicator, target: Target, versus: String? = nil) {
        self.versus = versus
        self.line = line
        self.indicator = indicator
        self.target = target
    }
}

/// One imported indicator definition (`plancascade import indicators`).
public struct IndicatorRow: Hashable, Sendable {
    /// The CSV line the row starts on.
    public var line: Int
    public var indicator: Indicator

    public init(line: Int, indicator: Indicator) {
        self.line = line
        self.indicator = indicator
    }
}

/// Reads indicators and targets from a CSV or TSV file (pure: bytes in, rows and findings
/// out).
///
/// Columns (header case-insensitive, any Unicode normal form, surrounding spaces ignored):
///
/// | column | also accepted | |
/// |---|---|---|
/// | `indicator` | `Chỉ tiêu`, `Mã`, `Mã chỉ tiêu`, `code` | required; a valid id |
/// | `name` | `Tên`, `Tên chỉ tiêu`, `Nội dung` | the code when empty |
/// | `measure` | `Đơn vị đo`, `Loại` | required: percent (`%`), score (`điểm`), count, rank, boolean |
/// | `target` | `Mục tiêu`, `target_<year>`, `Mục tiêu năm <year>` | required; an exact decimal |
/// | `max` | `Điểm tối đa`, `max_score`, `maxScore` | the maximum score |
/// | `direction` | | higher or lower; default from the measure |
/// | `aggregation` | | ratio, sum, mean, min, max, latest, none; default from the measure (`none` for scores; `sum` is refused for a score) |
/// | `deadline` | `Thời hạn` | `YYYY-MM-DD`, `DD/MM/YYYY` or a timeframe text |
/// | `lead` | `Chủ trì`, `Cơ quan chủ trì`, `lead_agency` | |
/// | `cooperating` | `Phối hợp`, `Cơ quan phối hợp`, `cooperating_agencies` | split on `;` or ` \| ` |
/// | `rule` | `Quy tắc` | kept verbatim |
/// | `for` | `Giao cho` | who receives the target: child ids, levels, `lead`, `cooperating`, split on `;`, `\|` or `,`; written into the rule as `for:A\|B` |
/// | `comparator` | `So sánh`, `Điều kiện` | `>=`, `>`, `<=`, `<`, `=`, `between` or the documents' words (``Comparator/init(text:)``); default `>=` or `<=` by the direction; a band's target is written `31–50` (also `31-50`, `31..50`, `từ 31 đến 50`) |
/// | `versus` | `So với năm trước` | a rule over the unit's own figure of the previous year (`improve:N`, `rank:-N`, `higher`, `maintain`); the target cell (the column is still there) is then left empty: the import computes it (issue 17 part 5) |
/// | `target_rank` | `Thứ hạng phấn đấu`, `Thứ hạng` | a rank target of the row's indicator (`10/63`, `10`): kept as the target `<= 10` of a rank indicator `<code>-rank` (000 Phụ lục I) |
///
/// A timeframe deadline without a year ("Quý IV", "trước ngày 20/11") takes the year of a
/// `target_<year>` or `Mục tiêu năm <year>` header, and is an error otherwise. Other columns
/// are ignored with a warning. Rows with an error are left out of `rows`; every finding
/// names the file and the line.
public enum TargetImport {
    static let columns: [ImportColumn] = [
        ImportColumn("indicator", aliases: ImportColumn.indicatorAliases, required: true),
        ImportColumn("name", aliases: ["Tên", "Tên chỉ tiêu", "Nội dung"]),
        ImportColumn("measure", aliases: ["Đơn vị đo", "Loại"], required: true),
        ImportColumn(
            "target", aliases: ["Mục tiêu"], required: true, matches: { targetYear(header: $0) != nil },
            forms: ["target_<year>", "Mục tiêu năm <year>"]),
        ImportColumn("max", aliases: ["Điểm tối đa", "max_score", "maxScore"]),
        ImportColumn("direction"),
        ImportColumn("aggregation"),
        ImportColumn("deadline", aliases: ["Thời hạn"]),
        ImportColumn("lead", aliases: ["Chủ trì", "Cơ quan chủ trì", "lead_agency"]),
        ImportColumn("cooperating", aliases: ["Phối hợp", "Cơ quan phối hợp", "cooperating_agencies"]),
        ImportColumn("rule", aliases: ["Quy tắc"]),
        ImportColumn("for", aliases: ["Giao cho"]),
        ImportColumn("comparator", aliases: ["So sánh", "Điều kiện"]),
        ImportColumn("target_rank", aliases: ["Thứ hạng phấn đấu", "Thứ hạng"]),
        ImportColumn("versus", aliases: ["So với năm trước"]),
    ]

    /// Reads `bytes` (the file at `file`, for findings).
    /// - Parameter defaults: cell text by column name (`["measure": "score"]`) used when the
    ///   column is absent or a cell is empty; a required column may come from here.
    /// - Returns: the rows without errors, and every finding sorted by line.
    public static func read(
        _ bytes: [UInt8], file: String, sheet sheetName: String? = nil, defaults: [String: String] = [:]
    ) -> (rows: [TargetRow], findings: [Finding]) {
        let (opened, openFindings) = ImportSheet.open(bytes, file: file, sheet: sheetName, columns: columns, defaults: defaults, what: .targets)
        guard let sheet = opened, sheet.usable else { return ([], openFindings) }
        var findings = openFindings
        // `target_2024` or `Mục tiêu năm 2024`: the year of timeframe deadlines without one.
        let year = sheet.header(of: "target").flatMap { targetYear(header: normalizedHeader($0)) }
        var seen = SeenIDs()
        var rows: [TargetRow] = []
        for record in sheet.table.records {
            var check = sheet.check(record)
            let row = readRow(record, sheet: sheet, year: year, seen: &seen, check: &check)
            let rank = row.flatMap { rankRow(record, sheet: sheet, of: $0.indicator, target: $0.target, check: &check) }
            findings += check.findings
            if let row, let target = row.target, !check.failed {
                rows.append(TargetRow(line: record.line, indicator: row.indicator, target: target,
                                      versus: ImportValue.optional(sheet.cell("versus", in: record))))
                if let rank { rows.append(TargetRow(line: record.line, indicator: rank.indicator, target: rank.target)) }
            }
        }
        return (rows, Finding.sortedByPosition(findings))
    }

    /// Reads indicator definitions only (`plancascade import indicators`): the columns of
    /// ``read(_:file:defaults:)`` without `target`, `deadline`, `lead`, `cooperating` and
    /// `rule` — for a year whose results are known but whose targets were never set (a
    /// 2023 assessment reported before the 2024 plan).
    public static func readIndicators(
        _ bytes: [UInt8], file: String, sheet sheetName: String? = nil, defaults: [String: String] = [:]
    ) -> (rows: [IndicatorRow], findings: [Finding]) {
        let spec = columns.filter { indicatorColumns.contains($0.name) }
        let (opened, openFindings) = ImportSheet.open(bytes, file: file, sheet: sheetName, columns: spec, defaults: defaults, what: .indicators)
        guard let sheet = opened, sheet.usable else { return ([], openFindings) }
        var findings = openFindings
        var seen = SeenIDs()
        var rows: [IndicatorRow] = []
        for record in sheet.table.records {
            var check = sheet.check(record)
            let row = readRow(record, sheet: sheet, year: nil, seen: &seen, check: &check, withTarget: false)
            findings += check.findings
            if let row, !check.failed { rows.append(IndicatorRow(line: record.line, indicator: row.indicator)) }
        }
        return (rows, Finding.sortedByPosition(findings))
    }

    /// The columns that define an indicator (``readIndicators(_:file:defaults:)``).
    static let indicatorColumns: Set<String> = ["indicator", "name", "measure", "max", "direction", "aggregation"]

    /// One row: its indicator, and its target unless `withTarget` is false.
    static func readRow(
        _ record: CSVTable.Record, sheet: ImportSheet, year: Int?, seen: inout SeenIDs, check: inout RowCheck,
        withTarget: Bool = true
    ) -> (indicator: Indicator, target: Target?)? {
        func cell(_ name: String) -> String { sheet.cell(name, in: record) }

        var code: String?
        if let text = check.required(cell("indicator"), "indicator", example: "import.example.indicator"),
            let valid = check.identifier(text, ValidationTerm.indicatorCode, example: .term("import.example.indicator-id"))
        {
            code = valid
            if let earlier = seen.check(valid, line: record.line) {
                check.report(
                    "duplicate-id",
                    earlier.id == valid
                        ? Message("import.duplicate-indicator", ["code": .text(valid), "line": .count(earlier.line)])
                        : Message(
                            "import.indicator-case", ["code": .text(valid), "first": .text(earlier.id), "line": .count(earlier.line)]))
            }
        }

        var measure: Measure?
        if let text = check.required(cell("measure"), "measure", example: "import.example.measure") {
            measure = parseMeasure(text)
            if measure == nil {
                check.report("type", Message("import.unknown-measure", ["text": .text(text)]))
            }
        }

        var comparator: Comparator?
        let comparatorText = cell("comparator")
        if withTarget, !comparatorText.isEmpty {
            comparator = Comparator(text: comparatorText)
            if comparator == nil {
                check.report("type", Message("comparison.import.unknown-comparator", ["text": .text(comparatorText)]), column: "comparator")
            }
        }

        var value: Exact?
        var band: (low: Exact, high: Exact)?
        let versus = withTarget ? ImportValue.optional(cell("versus")) : nil
        let computed = withTarget && versus != nil
        if computed, !cell("target").isEmpty {
            check.report("type", Message("comparison.import.target-and-versus", ["versus": .text(versus!)]), column: "target")
        } else if computed {
            value = 0  // computed by the import workflow from the unit's own previous-year figure
        } else if withTarget, let text = check.required(cell("target"), "target", example: "import.example.target") {
            if comparator == .between || (comparatorText.isEmpty && Self.bandParts(text) != nil) {
                if let parts = Self.bandParts(text),
                   let low = check.number(parts.low, "target", allowPercentSign: measure == .percent),
                   let high = check.number(parts.high, "target", allowPercentSign: measure == .percent) {
                    if low > high {
                        check.report("range", Message("comparison.import.band-order", ["low": .number(low), "high": .number(high)]), column: "target")
                    } else {
                        band = (low, high)
                        comparator = .between
                    }
                } else if Self.bandParts(text) == nil {
                    check.report("type", Message("comparison.import.not-band", ["text": .text(text)]), column: "target")
                }
            } else {
                value = check.number(text, "target", allowPercentSign: measure == .percent)
            }
        }

        var maxScore: Exact?
        let maxText = cell("max")
        if !maxText.isEmpty, let max = check.number(maxText, "max") {
            if max <= 0 {
                check.report("range", Message("import.max-positive", ["value": .number(max)]))
            } else {
                maxScore = max
            }
        }

        var direction = measure?.defaultDirection ?? .higher
        let directionText = cell("direction")
        if !directionText.isEmpty {
            if let parsed = Direction(rawValue: directionText.lowercased()) {
                direction = parsed
            } else {
                check.report("type", Message("import.unknown-direction", ["text": .text(directionText)]))
            }
        }

        var aggregation = measure.map(defaultAggregation) ?? .sum
        let aggregationText = cell("aggregation")
        if !aggregationText.isEmpty {
            if let parsed = Aggregation(rawValue: aggregationText.lowercased()) {
                aggregation = parsed
            } else {
                let allowed = Aggregation.allCases.map { Message.Value.text($0.rawValue) }
                check.report("type", Message("import.unknown-aggregation", ["text": .text(aggregationText), "allowed": .list(allowed)]))
            }
        }

        if measure == .score, aggregation == .sum {
            check.report("type", Message("comparison.import.score-sum", ["indicator": .text(cell("indicator"))]), column: "aggregation")
        }

        var deadline: CivilDate?
        let deadlineText = cell("deadline")
        if !deadlineText.isEmpty {
            deadline = check.date(deadlineText, "deadline", timeframe: true, defaultYear: year)
        }

        var bound: Exact?
        if let band {
            // A band's value is the end its direction makes the floor: the higher number
            // for a rank (lower is better), the lower one otherwise.
            value = direction == .lower ? band.high : band.low
            bound = direction == .lower ? band.low : band.high
        }
        if let comparator, let way = comparator.direction, way != direction {
            check.report("type", Message("comparison.import.against-direction", [
                "comparator": .text(comparator.rawValue), "direction": .text(direction.rawValue),
                "other": .text(way.rawValue)]), column: "comparator")
        }
        if let measure, let value, !computed {
            checkRange(value, measure: measure, max: maxScore, check: &check)
            if let bound { checkRange(bound, measure: measure, max: maxScore, check: &check) }
        }

        guard let code, let measure else { return nil }
        let indicator = Indicator(
            code: code, name: ImportValue.optional(cell("name")) ?? code, measure: measure, direction: direction,
            aggregation: aggregation, maxScore: maxScore)
        guard withTarget else { return (indicator, nil) }
        guard let value else { return nil }
        let target = Target(
            indicator: code, value: value, comparator: comparator ?? Comparator(direction: direction), deadline: deadline,
            lead: ImportValue.optional(cell("lead")), cooperating: ImportValue.agencies(cell("cooperating")),
            rule: ruleText(rule: cell("rule"), recipients: cell("for")), provenance: nil, bound: bound)
        return (indicator, target)
    }

    /// The rule cell with the `for` cell written into it as `for:A|B` (nil when both are
    /// empty); a rule that already has a `for:` part is refused later, as a duplicate.
    static func ruleText(rule: String, recipients: String) -> String? {
        let items = ImportValue.list(recipients, separators: [";", "|", ","])
        let parts = [rule].filter { !$0.isEmpty } + (items.isEmpty ? [] : ["for:" + items.joined(separator: "|")])
        return parts.isEmpty ? nil : parts.joined(separator: ";")
    }

    static func checkRange(_ value: Exact, measure: Measure, max: Exact?, check: inout RowCheck) {
        switch measure {
        case .percent:
            if value < 0 || value > 100 {
                check.report("range", Message("import.range.percent", ["value": .number(value)]))
            }
        case .score:
            if value < 0 {
                check.report("range", Message("import.range.score-negative", ["value": .number(value)]))
            } else if let max, value > max {
                check.report("range", Message("import.range.above-max", ["value": .number(value), "max": .number(max)]))
            }
        case .count:
            if value < 0 { check.report("range", Message("import.range.count-negative", ["value": .number(value)])) }
        case .rank:
            if value < 1 || !value.isInteger {
                check.report("range", Message("import.range.rank", ["value": .number(value)]))
            }
        case .boolean:
            if value != 0 && value != 1 {
                check.report("range", Message("import.range.boolean", ["value": .number(value)]))
            }
        }
    }

    /// `percent`/`%`, `score`/`điểm`, `count`, `rank`, `boolean` (case-insensitive).
    static func parseMeasure(_ text: String) -> Measure? {
        let key = normalizedHeader(text)
        switch key {
        case "%": return .percent
        case "điểm": return .score
        default: return Measure(rawValue: key)
        }
    }

    /// ratio for percentages, none for scores (a unit's score is its own, never the sum of
    /// its children's: issue 17 part 4), sum for counts, latest for ranks, min for booleans.
    public static func defaultAggregation(_ measure: Measure) -> Aggregation {
        switch measure {
        case .percent: return .ratio
        case .score: return .none
        case .count: return .sum
        case .rank: return .latest
        case .boolean: return .min
        }
    }

    /// The year of a `target_<year>` or `mục tiêu năm <year>` header (normalised).
    static func targetYear(header: String) -> Int? {
        for prefix in ["target_", "mục tiêu năm "] where header.hasPrefix(prefix) {
            let rest = header.dropFirst(prefix.count)
            if rest.utf8.count == 4, let year = parseDigits(ArraySlice(rest.utf8)), year >= 1 { return year }
        }
        return nil
    }
}
