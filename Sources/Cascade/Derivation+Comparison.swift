import PlanModel

/// "Never weaker" with strict comparators and bands (issue 17 part 4): a floor reached
/// under `>` ("cao hơn năm 2023") is not met by the same value under `>=`.
extension Derivation {
    /// The comparator a derivation records in its provenance: only `>`, `<` and `between`
    /// (a `>=` or `<=` floor is the default and stays unrecorded, so older files keep
    /// their bytes).
    static func recordedComparator(_ comparator: Comparator) -> Comparator? {
        comparator.isStrict || comparator == .between ? comparator : nil
    }

    /// Whether a target of `value` under `comparator` is weaker than the floor `floor`
    /// reached under `floorComparator` (nil: `>=`/`<=` by `direction`).
    ///
    /// - a value weaker than the floor by `direction` is weaker;
    /// - the floor's own value is weaker only when the floor is strict and the target is
    ///   not (`>= 80` is weaker than `> 80`; `> 80` is not weaker than `>= 80`);
    /// - a comparator that asks figures to go the other way (`<=` on a higher-is-better
    ///   indicator) is weaker than any floor;
    /// - `=` and a band are judged by their value (a band's `value` is its floor end).
    public static func isWeaker(
        _ value: Exact, comparator: Comparator, than floor: Exact, floorComparator: Comparator?, direction: Direction
    ) -> Bool {
        if let way = comparator.direction, way != direction { return true }
        if isWeaker(value, than: floor, direction: direction) { return true }
        return value == floor && floorComparator?.isStrict == true && !comparator.isStrict
    }

    /// Whether `target` (its value and comparator) is weaker than `floor`, a floor of its
    /// own provenance (``floor(for:)``, ``assigned(for:)``, ``strictestFloor(for:direction:)``).
    public static func isBelow(_ target: Target, floor: Exact, direction: Direction) -> Bool {
        isWeaker(target.value, comparator: target.comparator, than: floor,
                 floorComparator: target.provenance?.comparator, direction: direction)
    }
}
