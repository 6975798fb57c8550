extension TreeValidator {
    /// The error findings in the changed files of a unit's own documents after `changes`
    /// — exactly what ``validate(files:)`` of all the unit's own `.json` files (not
    /// `children/`) with the changes applied reports in those files — reading only the
    /// files the rules can involve (see ``ChangeScope``).
    ///
    /// - Parameters:
    ///   - changes: new bytes by path, nil for a removed file.
    ///   - files: every file path under a folder of the unchanged tree, recursively (empty
    ///     when there is no such folder).
    ///   - read: the bytes of a file of the unchanged tree; nil when there is none.
    public static func errors(
        after changes: [String: [UInt8]?], files: (_ folder: String) throws -> [String], read: (_ path: String) throws -> [UInt8]?
    ) rethrows -> [Finding] {
        let changed = Set(changes.compactMap { $0.value == nil ? nil : $0.key })
        guard !changed.isEmpty else { return [] }
        func run(_ scope: ChangeScope) throws -> [Finding] {
            var selected: [String: [UInt8]] = [:]
            for path in scope.files where changes[path] == nil {
                if let bytes = try read(path) { selected[path] = bytes }
            }
            for (folder, stems) in scope.folders {
                for path in try files(folder) where path.hasSuffix(".json") && changes[path] == nil {
                    if let stems, !stems.contains(String(path.dropFirst(folder.count + 1).dropLast(5))) { continue }
                    if let bytes = try read(path) { selected[path] = bytes }
                }
            }
            for (path, bytes) in changes { if let bytes { selected[path] = bytes } }
            return validate(files: selected.map { (path: $0.key, bytes: $0.value) })
                .filter { $0.severity == .error && $0.file.map(changed.contains) == true }
        }
        let scope = ChangeScope(changes: changes)
        let findings = try run(scope)
        // Only the indicators the changed files name were read: an unknown one is judged,
        // and its message listing the known ones written, against all of them.
        guard scope.isNarrowed, findings.contains(where: { $0.kind == "unknown-indicator" }) else { return findings }
        return try run(scope.widened())
    }
}

/// Which files of a unit's own tree the cross-file rules of ``TreeValidator`` (`UnitCheck`)
/// can involve when judging changed files:
///
/// - `unit.json`: reports and rollups name the unit, baselines its children;
/// - the changed file's own folder (for a conflict record `conflicts/`, for an approval all
///   of `approvals/`): ids must be unique among the files of a kind and year;
/// - `plans/<year>/indicators/` of the changed file's year for targets, tasks, baselines,
///   reports and rollups (which must name defined indicators, within their range) — narrowed
///   to the files named like a string of the changed file, since a valid indicator file is
///   named after its code; ``widened()`` reads them all.
///
/// Task ids matter only for a warning (`unknown-task`), and `children/` is never read. A new
/// cross-file rule in `UnitCheck` must be reflected here.
public struct ChangeScope: Sendable {
    /// Single files to read.
    public private(set) var files: Set<String> = ["unit.json"]
    /// Folders to read recursively, each with the file-name stems wanted (nil: every file).
    public private(set) var folders: [String: Set<String>?] = [:]

    public init(changes: [String: [UInt8]?]) {
        for (path, bytes) in changes {
            guard let bytes, let location = DocumentPath(path), location.unitPath.isEmpty else { continue }
            let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
            switch location.kind {
            case .unit, .plan:
                continue
            case .conflict:
                folders["conflicts"] = .some(nil)
            case .approval:
                folders["approvals"] = .some(nil)
            case .reorganisation:
                folders["reorg"] = .some(nil)
            case .indicator:
                folders[parts.dropLast().joined(separator: "/")] = .some(nil)
            case .target, .task, .baselines, .progress, .rollup:
                folders[parts.dropLast().joined(separator: "/")] = .some(nil)
                let indicators = "plans/\(parts[1])/indicators"
                switch folders[indicators] {
                case .some(nil): continue
                case .some(let stems?): folders[indicators] = stems.union(Self.strings(in: bytes))
                case nil: folders[indicators] = Self.strings(in: bytes)
                }
            }
        }
    }

    /// Whether some folder is read only in part.
    public var isNarrowed: Bool { folders.values.contains { $0 != nil } }

    /// The same scope with every folder read whole.
    public func widened() -> ChangeScope {
        var scope = self
        for folder in folders.keys { scope.folders[folder] = .some(nil) }
        return scope
    }

    /// Every string and object key in a JSON document (none when it does not parse).
    static func strings(in bytes: [UInt8]) -> Set<String> {
        guard let value = try? JSONParser.parse(bytes) else { return [] }
        var strings: Set<String> = []
        var pending = [value]
        while let value = pending.popLast() {
            switch value {
            case .string(let text, _): strings.insert(text)
            case .array(let items, _): pending += items
            case .object(let members, _):
                for member in members {
                    strings.insert(member.key)
                    pending.append(member.value)
                }
            case .null, .bool, .number: continue
            }
        }
        return strings
    }
}
