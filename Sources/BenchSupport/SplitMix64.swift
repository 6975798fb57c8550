/// A small seeded pseudo-random generator (SplitMix64, Steele, Lea & Flood 2014): the same
/// seed gives the same sequence on every machine, so a benchmark hierarchy is reproducible.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `range` (no dependence on the standard library's algorithm,
    /// which may change between Swift versions).
    public mutating func int(in range: ClosedRange<Int>) -> Int {
        let width = UInt64(range.upperBound - range.lowerBound) + 1
        return range.lowerBound + Int(next() % width)
    }

    /// A generator for one named purpose, independent of how much another purpose drew.
    public func fork(_ label: String) -> SplitMix64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325  // FNV-1a
        for byte in label.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01B3 }
        var copy = SplitMix64(seed: state ^ hash)
        _ = copy.next()
        return copy
    }
}
