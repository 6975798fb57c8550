import Foundation

/// Wall-clock and CPU timings of benchmark phases, by phase and level, with the process's
/// peak resident memory after each. CPU time (user + system of this process) barely moves
/// when other work shares the machine; wall-clock time does.
public final class Recorder {
    public struct Phase: Codable, Sendable {
        public var name: String
        public var level: String
        public var units: Int = 0
        public var seconds: Double = 0
        public var maxSeconds: Double = 0
        /// User + system CPU seconds the process spent in the phase.
        public var cpuSeconds: Double = 0
        /// Peak resident set of the whole benchmark process when the phase last ran (MiB).
        public var peakMiB: Double = 0
        public var perUnit: Double { units == 0 ? 0 : seconds / Double(units) }
        public var cpuPerUnit: Double { units == 0 ? 0 : cpuSeconds / Double(units) }
    }

    public private(set) var phases: [Phase] = []
    public var log: (String) -> Void = { _ in }

    public init() {}

    /// Times `body` as one unit's share of phase `name` at `level`.
    @discardableResult
    public func time<T>(_ name: String, level: String, _ body: () throws -> T) rethrows -> T {
        let clock = ContinuousClock()
        let start = clock.now, cpuStart = Self.cpuSeconds()
        let result = try body()
        add(name, level: level, seconds: (clock.now - start).seconds, cpuSeconds: Self.cpuSeconds() - cpuStart)
        return result
    }

    /// Adds `seconds` (and `cpuSeconds`) of one unit to phase `name` at `level`.
    public func add(_ name: String, level: String, seconds: Double, cpuSeconds: Double = 0) {
        let index = phases.firstIndex { $0.name == name && $0.level == level } ?? {
            if let last = phases.last { report(last) }
            phases.append(Phase(name: name, level: level))
            return phases.count - 1
        }()
        phases[index].units += 1
        phases[index].seconds += seconds
        phases[index].cpuSeconds += cpuSeconds
        phases[index].maxSeconds = max(phases[index].maxSeconds, seconds)
        phases[index].peakMiB = Self.peakMiB()
    }

    /// Writes a phase's summary to `log` (progress of a long run; the table comes at the end).
    public func report(_ phase: Phase) {
        log(String(format: "%@ %@: %d units, %.2f s, %.1f ms per unit (CPU %.1f ms), peak RSS %.0f MiB",
                   phase.name, phase.level, phase.units, phase.seconds, phase.perUnit * 1000, phase.cpuPerUnit * 1000, phase.peakMiB))
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

    /// User + system CPU time of this process so far, in seconds.
    public static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
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
