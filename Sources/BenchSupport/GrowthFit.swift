import Foundation

/// A command's cost as a function of N (communes under the district), fitted by least
/// squares on a + b·N + c·N² (a + b·N with two sizes, a with one), and classified by how
/// much of the fitted cost at the largest N the N-dependent terms make.
public struct GrowthFit: Codable, Sendable, Equatable {
    public enum Law: String, Codable, Sendable {
        /// b·N + c·N² is under `threshold` of the cost at the largest N.
        case constant
        /// The N-dependent part is at least `threshold`, the N² term is not.
        case linear
        /// c·N² alone is at least `threshold` of the cost at the largest N.
        case worse = "worse than linear"
    }

    /// The share of the cost at the largest N above which a term counts (the issue's "the
    /// same whether 10 or 1,000 children, within 20%").
    public static let threshold = 0.2

    public let a: Double
    public let b: Double
    public let c: Double
    /// How many terms were fitted (1, 2 or 3: as many as there are sizes, at most 3).
    public let terms: Int
    /// The largest N measured.
    public let largest: Double
    /// Coefficient of determination of the fit (1 when it passes through every point).
    public let r2: Double

    public var atLargest: Double { a + b * largest + c * largest * largest }
    /// (b·N + c·N²) ÷ cost, at the largest N.
    public var growingShare: Double { (b * largest + c * largest * largest) / max(abs(atLargest), 1e-12) }
    /// c·N² ÷ cost, at the largest N.
    public var quadraticShare: Double { c * largest * largest / max(abs(atLargest), 1e-12) }

    public var law: Law {
        if growingShare < Self.threshold { return .constant }
        return quadraticShare >= Self.threshold ? .worse : .linear
    }

    /// Fits `values` (one per size) against `sizes`; nil without a point.
    public init?(sizes: [Int], values: [Double]) {
        let points = zip(sizes, values).filter { $0.1.isFinite }
        guard !points.isEmpty else { return nil }
        let count = min(3, Set(points.map(\.0)).count)
        let top = Double(points.map(\.0).max()!)
        // Columns 1, x, x² with x = N ÷ largest, for a well-conditioned solve.
        let rows = points.map { point -> [Double] in
            let x = Double(point.0) / top
            return Array([1, x, x * x].prefix(count))
        }
        let y = points.map(\.1)
        var normal = [[Double]](repeating: [Double](repeating: 0, count: count + 1), count: count)
        for (row, value) in zip(rows, y) {
            for i in 0..<count {
                for j in 0..<count { normal[i][j] += row[i] * row[j] }
                normal[i][count] += row[i] * value
            }
        }
        let solution = Self.solve(normal) ?? Array(repeating: 0, count: count)
        let scaled = solution + Array(repeating: 0, count: 3 - count)
        let mean = y.reduce(0, +) / Double(y.count)
        let total = y.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
        let fitted = rows.map { row in zip(row, scaled).reduce(0) { $0 + $1.0 * $1.1 } }
        let residual = zip(y, fitted).reduce(0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        terms = count
        largest = top
        a = scaled[0]
        b = scaled[1] / top
        c = scaled[2] / (top * top)
        r2 = total == 0 ? 1 : 1 - residual / total
    }

    /// Gaussian elimination with partial pivoting of an augmented n × (n+1) matrix.
    static func solve(_ matrix: [[Double]]) -> [Double]? {
        var m = matrix
        let n = m.count
        for column in 0..<n {
            let pivot = (column..<n).max { abs(m[$0][column]) < abs(m[$1][column]) }!
            guard abs(m[pivot][column]) > 1e-12 else { return nil }
            m.swapAt(column, pivot)
            for row in (column + 1)..<n {
                let factor = m[row][column] / m[column][column]
                for k in column...n { m[row][k] -= factor * m[column][k] }
            }
        }
        var x = [Double](repeating: 0, count: n)
        for row in stride(from: n - 1, through: 0, by: -1) {
            let rest = ((row + 1)..<n).reduce(0) { $0 + m[row][$1] * x[$1] }
            x[row] = (m[row][n] - rest) / m[row][row]
        }
        return x
    }

    /// "a + b·N + c·N²" in the unit of the values (ms), with as many terms as were fitted.
    public var formula: String {
        func number(_ value: Double) -> String {
            abs(value) >= 100 ? String(format: "%.0f", value) : abs(value) >= 1 ? String(format: "%.1f", value)
                : abs(value) >= 0.01 ? String(format: "%.3f", value) : String(format: "%.2e", value)
        }
        var text = number(a)
        if terms >= 2 { text += (b < 0 ? " − " : " + ") + number(abs(b)) + "·N" }
        if terms >= 3 { text += (c < 0 ? " − " : " + ") + number(abs(c)) + "·N²" }
        return text
    }
}
