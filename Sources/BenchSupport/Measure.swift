import Foundation

/// Wall-clock timings of benchmark phases, by phase and level, with the process's peak
/// resident memory after each.
public final class Recorder {
    public struct Phase: Codable, Sendable {
        public var name: String
        public var level: String
        public var units: Int = 0
        public var seconds: Double = 0
        public var maxSeconds: Double = 0
        /// Peak resident set of the whole benchmark process when the phase last ran (MiB).
        public var peakMiB: Double = 0
        public var perUnit: Double { units == 0 ? 0 : seconds / Double(units) }
    }

    public private(set) var phases: [Phase] = []
    public var log: (String) -> Void = { _ in }

    public init() {}

    /// Times `body` as one unit's share of phase `name` at `level`.
    @discardableResult
    public func time<T>(_ name: String, level: String, _ body: () throws -> T) rethrows -> T {
        let clock = ContinuousClock()
        let start = clock.now
        let result = try body()
        add(name, level: level, seconds: (clock.now - start).seconds)
        return result
    }

    /// Adds `seconds` of one unit to phase `name` at `level`.
    public func add(_ name: String, level: String, seconds: Double) {
        let index = phases.firstIndex { $0.name == name && $0.level == level } ?? {
            if let last = phases.last { report(last) }
            phases.append(Phase(name: name, level: level))
            return phases.count - 1
        }()
        phases[index].units += 1
        phases[index].seconds += seconds
        phases[index].maxSeconds = max(phases[index].maxSeconds, seconds)
        phases[index].peakMiB = Self.peakMiB()
    }

    /// Writes a phase's summary to `log` (progress of a long run; the table comes at the end).
    public func report(_ phase: Phase) {
        log(String(format: "%@ %@: %d units, %.2f s, %.1f ms per unit, peak RSS %.0f MiB",
                   phase.name, phase.level, phase.units, phase.seconds, phase.perUnit * 1000, phase.peakMiB))
    }

    public func total(_ names: Set<String>) -> Double {
        phases.filter { names.contains($0.name) }.reduce(0) { $0 + $1.seconds }
    }

    /// Seconds per unit of each of `names` at `level`.
    public func perUnit(_ names: [String], level: String) -> [String: Double] {
        Dictionary(uniqueKeysWithValues: names.map { ($0, phase($0, level: level)?.perUnit ?? 0) })
    }

    public func phase(_ name: String, level: String) -> Phase? {
        phases.first { $0.name == name && $0.level == level }
    }

    /// The peak resident set size of this process so far, in MiB (`getrusage`, Linux KiB).
    public static func peakMiB() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}

extension Duration {
    var seconds: Double {
        let (s, attoseconds) = components
        return Double(s) + Double(attoseconds) / 1e18
    }
}
