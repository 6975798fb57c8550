import Cascade
import Foundation
import Git
import PlanModel

/// Three-way merge of two commits of one unit, file by file and, inside JSON documents,
/// field by field (`JSONMerge`). Pure apart from reading objects.
enum FieldMerge {
    struct Result {
        /// Path → merged bytes (nil: delete), for every path where the result differs from ours.
        var changes: [String: [UInt8]?] = [:]
        var mergedFiles: [String] = []
        var conflicts: [ConflictRecord] = []
    }

    static func merge(ours: Oid, theirs: Oid, in git: Repository) throws -> Result {
        let base = try git.mergeBase(ours, theirs)
        let baseFiles = try base.map { try git.files(in: try git.commit($0).tree) } ?? [:]
        let ourFiles = try git.files(in: try git.commit(ours).tree)
        let theirFiles = try git.files(in: try git.commit(theirs).tree)
        var result = Result()
        for path in Set(ourFiles.keys).union(theirFiles.keys).union(baseFiles.keys).sorted() {
            let b = baseFiles[path], o = ourFiles[path], t = theirFiles[path]
            if o == t || t == b { continue }
            if o == b {
                result.changes[path] = try t.map { try git.blob($0) }
                result.mergedFiles.append(path)
                continue
            }
            // Both sides changed the file. A child's subtree is never merged field by field:
            // ours stays, and the next `collect` grafts the child's latest head whole.
            if path.hasPrefix("children/") || path.hasPrefix(Layout.conflictsFolder + "/") || !path.hasSuffix(".json") {
                continue
            }
            let merged: (bytes: [UInt8]?, conflicts: [FieldConflict])
            do {
                let ourBytes = try o.map { try git.blob($0) }, theirBytes = try t.map { try git.blob($0) }
                var baseBytes = try b.map { try git.blob($0) }
                if baseBytes == nil, let ourBytes, let theirBytes {
                    // Both clerks created the document (the same period's report, say): merge
                    // field by field against their common skeleton, so that only fields given
                    // different values conflict, each where a clerk would name it.
                    baseBytes = CanonicalJSON.render(skeleton(try JSONParser.parse(ourBytes), try JSONParser.parse(theirBytes)))
                }
                merged = try JSONMerge.mergeBytes(base: baseBytes, ours: ourBytes, theirs: theirBytes)
            } catch {
                throw PlanStoreError.invalidDocument(path: path, findings: ["cannot merge: \(error)"])
            }
            var (bytes, conflicts) = merged
            if DocumentPath(path)?.kind == .progress {
                (bytes, conflicts) = settleReportStamp(bytes, conflicts)
            }
            let current = try o.map { try git.blob($0) }
            if bytes != current { result.changes[path] = bytes }
            result.mergedFiles.append(path)
            for conflict in conflicts {
                result.conflicts.append(ConflictRecord(
                    id: conflictID(path: path, field: conflict.path, theirs: theirs), file: path, path: conflict.path,
                    item: item(path: path, field: conflict.path), base: conflict.base, ours: conflict.ours, theirs: conflict.theirs,
                    oursCommit: ours.hex, theirsCommit: theirs.hex))
            }
        }
        return result
    }

    /// The objects two documents share, without any of their values: the base to merge two
    /// independently created documents against.
    static func skeleton(_ ours: JSONValue, _ theirs: JSONValue) -> JSONValue {
        guard case .object(let left, _) = ours, case .object(let right, _) = theirs else { return .object([], at: .unknown) }
        var members: [JSONMember] = []
        for member in left {
            guard case .object = member.value, let other = right.first(where: { $0.key == member.key }), case .object = other.value else { continue }
            members.append(JSONMember(key: member.key, keyLocation: .unknown, value: skeleton(member.value, other.value)))
        }
        return .object(members, at: .unknown)
    }

    /// Who reported and when are not figures: when both clerks reported, the later stamp
    /// (by `reportedAt`) is kept for both fields instead of asking anyone.
    static func settleReportStamp(_ bytes: [UInt8]?, _ conflicts: [FieldConflict]) -> ([UInt8]?, [FieldConflict]) {
        let stamp = ["$.reportedAt", "$.reportedBy"]
        let stampConflicts = conflicts.filter { stamp.contains($0.path) }
        guard !stampConflicts.isEmpty, let bytes, var document = try? JSONParser.parse(bytes) else { return (bytes, conflicts) }
        func time(_ value: JSONValue?) -> Timestamp? {
            if case .string(let text, _)? = value { return Timestamp(text) }
            return nil
        }
        let at = conflicts.first { $0.path == "$.reportedAt" }
        let theirsLater: Bool
        switch (time(at?.ours), time(at?.theirs)) {
        case (let ours?, let theirs?): theirsLater = theirs > ours
        case (nil, _?): theirsLater = true
        default: theirsLater = false
        }
        if theirsLater {
            for conflict in stampConflicts {
                if let updated = try? JSONMerge.apply(conflict.theirs, at: conflict.path, in: document) {
                    document = updated
                }
            }
        }
        return (CanonicalJSON.render(document), conflicts.filter { !stamp.contains($0.path) })
    }

    /// What a clerk calls the conflicted thing: the indicator of a target or figure, the task id.
    static func item(path: String, field: String) -> String? {
        if let range = field.range(of: #"^\$\.(figures|tasks)\["([^"]+)"\]"#, options: .regularExpression) {
            let text = String(field[range])
            if let open = text.range(of: "[\""), let close = text.range(of: "\"]", options: .backwards) {
                return String(text[open.upperBound..<close.lowerBound])
            }
        }
        if let location = DocumentPath(path), [.target, .indicator, .task, .baselines].contains(location.kind) {
            return location.name
        }
        return nil
    }

    /// A short stable id: `c-` and 8 hex digits of FNV-1a over file, field and their commit.
    static func conflictID(path: String, field: String, theirs: Oid) -> String {
        var hash: UInt32 = 2_166_136_261
        for byte in Array((path + "\u{0}" + field + "\u{0}" + theirs.hex).utf8) {
            hash = (hash ^ UInt32(byte)) &* 16_777_619
        }
        return "c-" + String(format: "%08x", hash)
    }
}
