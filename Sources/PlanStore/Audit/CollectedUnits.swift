import Git
import PlanModel

/// The unit at the root of a tree and every descendant collected under `children/`, with
/// the head each was collected at, depth first.
struct CollectedUnit {
    /// `""` for the unit itself, `children/<id>/…` for a descendant.
    let prefix: String
    let id: String
    /// `main` for the unit itself, the head collected last for a descendant (nil when the
    /// collect that brought it is not in this history).
    let head: Oid?
    let depth: Int

    static func all(in tree: Oid, head: Oid, reader: DocumentReader) throws -> [CollectedUnit] {
        var result: [CollectedUnit] = []
        // One first-parent walk per unit with children, not one per child.
        let trailers = FirstParentTrailers.Index(reader.git)
        func visit(_ prefix: String, _ head: Oid?, _ depth: Int) throws {
            guard let id = try reader.unitID(in: tree, prefix: prefix) else { return }
            result.append(CollectedUnit(prefix: prefix, id: id, head: head, depth: depth))
            guard let folder = try reader.git.entry(at: prefix + "children", in: tree), folder.kind == .tree else { return }
            for entry in try reader.git.tree(folder.oid) where entry.kind == .tree {
                let child = try head.flatMap { try trailers($0).collected[entry.name] }
                try visit(prefix + "children/\(entry.name)/", child, depth + 1)
            }
        }
        try visit("", head, 0)
        return result
    }
}
