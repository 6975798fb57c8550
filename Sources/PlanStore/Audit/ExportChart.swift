import PlanModel

/// An indicator's figures over the periods against its target, as inline SVG: a line of
/// the figures, a dashed line at the target, the periods along the bottom. No script.
enum ExportChart {
    static let width = 560, height = 240
    static let left = 48, right = 16, top = 32, bottom = 40

    static func svg(_ series: ExportReport.Series, _ words: ExportRenderer.Words) -> String {
        let values = series.points.map(\.value) + [series.target]
        let high = values.max() ?? 1
        let ceiling = high <= 0 ? Exact(1) : high * Exact("1.1")!
        let plotWidth = Double(width - left - right), plotHeight = Double(height - top - bottom)
        func y(_ value: Exact) -> String { format(Double(top) + plotHeight * (1 - ratio(value, ceiling))) }
        func x(_ index: Int) -> String {
            let count = max(series.points.count, 1)
            return format(Double(left) + (count == 1 ? plotWidth / 2 : plotWidth * Double(index) / Double(count - 1)))
        }
        let target: [String: Message.Value] = ["comparator": .text(series.comparator), "target": .number(series.target)]
        let title = words("export.chart.title", target.merging(["indicator": .text(series.indicator)]) { first, _ in first })
        var svg = "<svg class=\"chart\" id=\"chart-\(ExportRenderer.escape(series.indicator))\" xmlns=\"http://www.w3.org/2000/svg\" "
            + "width=\"\(width)\" height=\"\(height)\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(ExportRenderer.escape(title))\">\n"
        svg += "<title>\(ExportRenderer.escape(title))</title>\n"
        svg += "<text x=\"\(left)\" y=\"18\" font-size=\"13\" font-weight=\"bold\">\(ExportRenderer.escape(series.indicator + " — " + series.name))</text>\n"
        svg += "<line x1=\"\(left)\" y1=\"\(top)\" x2=\"\(left)\" y2=\"\(height - bottom)\" stroke=\"#333\"/>\n"
        svg += "<line x1=\"\(left)\" y1=\"\(height - bottom)\" x2=\"\(width - right)\" y2=\"\(height - bottom)\" stroke=\"#333\"/>\n"
        for tick in [Exact(0), ceiling.rounded(scale: 2) / 2, ceiling.rounded(scale: 2)] {
            svg += "<text x=\"\(left - 4)\" y=\"\(y(tick))\" font-size=\"10\" text-anchor=\"end\">\(words(.number(tick.rounded(scale: 1))))</text>\n"
        }
        svg += "<line class=\"target\" x1=\"\(left)\" y1=\"\(y(series.target))\" x2=\"\(width - right)\" y2=\"\(y(series.target))\" stroke=\"#c00\" stroke-dasharray=\"6 4\"/>\n"
        svg += "<text x=\"\(width - right)\" y=\"\(y(series.target))\" dy=\"-4\" font-size=\"10\" text-anchor=\"end\" fill=\"#c00\">\(ExportRenderer.escape(words("export.chart.target", target)))</text>\n"
        if series.points.isEmpty {
            svg += "<text x=\"\(x(0))\" y=\"\(top + Int(plotHeight / 2))\" font-size=\"12\" text-anchor=\"middle\">\(ExportRenderer.escape(words("export.chart.no-figures")))</text>\n"
        } else {
            let path = series.points.enumerated().map { "\(x($0.offset)),\(y($0.element.value))" }.joined(separator: " ")
            svg += "<polyline class=\"figures\" points=\"\(path)\" fill=\"none\" stroke=\"#1f5fa8\" stroke-width=\"2\"/>\n"
            for (index, point) in series.points.enumerated() {
                svg += "<circle cx=\"\(x(index))\" cy=\"\(y(point.value))\" r=\"3.5\" fill=\"#1f5fa8\"><title>\(ExportRenderer.escape(words("export.chart.point", ["period": .period(point.period), "value": .number(point.value.rounded(scale: 2))])))</title></circle>\n"
                // The last period's name ends at its point, so a long one (Quý III/2024) stays on the page.
                let anchor = index > 0 && index == series.points.count - 1 ? "end" : "middle"
                svg += "<text x=\"\(x(index))\" y=\"\(height - bottom + 16)\" font-size=\"10\" text-anchor=\"\(anchor)\">\(ExportRenderer.escape(words(.period(point.period))))</text>\n"
                svg += "<text x=\"\(x(index))\" y=\"\(y(point.value))\" dy=\"-7\" font-size=\"10\" text-anchor=\"middle\">\(words(.number(point.value.rounded(scale: 2))))</text>\n"
            }
        }
        return svg + "</svg>"
    }

    /// value / ceiling within 0…1, for positions only (never for figures shown as numbers).
    static func ratio(_ value: Exact, _ ceiling: Exact) -> Double {
        let share = Double((value / ceiling).rounded(scale: 4).description) ?? 0
        return min(max(share, 0), 1)
    }

    static func format(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
