import Dispatch
import Foundation
import Git
import PlanModel

extension DocumentCache {
    /// Reads and decodes, on every core, the documents of `kinds` of every unit in `tree`
    /// (the unit and its whole collected `children/`) that the cache does not hold yet, so
    /// that a query walking the units one by one (`check`) finds them decoded.
    ///
    /// Each worker reads through its own handle on the repository (libgit2 handles are not
    /// shared between threads). A file that does not decode is left out: the query decodes
    /// it again in its turn and reports it with its path, as without prefetching.
    func prefetch(tree: Oid, kinds: Set<DocumentKind>, in git: Repository) throws {
        var wanted: [Wanted] = []
        var queued = Set<DocumentKey>()
        for (path, oid) in try git.files(in: tree) where path.hasSuffix(".json") {
            // unit.json: every snapshot reads it, whatever its kinds.
            guard let kind = DocumentKind.classify(path: path), kind == .unit || kinds.contains(kind),
                  let type = Self.type(of: kind) else { continue }
            let key = DocumentKey(blob: oid, type: type)
            if documents[key] != nil || !queued.insert(key).inserted { continue }
            wanted.append(Wanted(key: key, kind: kind, path: path))
        }
        guard !wanted.isEmpty else { return }
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, 8, wanted.count / 64))
        let decoded = UnsafeMutableBufferPointer<(any Sendable)?>.allocate(capacity: wanted.count)
        decoded.initialize(repeating: nil)
        defer { decoded.deallocate() }
        nonisolated(unsafe) let results = decoded
        let items = wanted, directory = git.gitDirectory
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            // Each worker takes every `workers`-th file, through its own repository handle.
            guard let reader = try? Repository.open(at: directory) else { return }
            for index in stride(from: worker, to: items.count, by: workers) {
                guard let bytes = try? reader.blob(items[index].key.blob) else { continue }
                results[index] = Self.decode(items[index].kind, bytes, path: items[index].path)
            }
        }
        for (index, item) in wanted.enumerated() {
            guard let document = decoded[index] else { continue }
            documents[item.key] = document
            decodes += 1
        }
    }

    struct Wanted: Sendable {
        let key: DocumentKey
        let kind: DocumentKind
        let path: String
    }

    /// The type a snapshot reads a document of `kind` as (nil: not a snapshot's document).
    static func type(of kind: DocumentKind) -> ObjectIdentifier? {
        switch kind {
        case .unit: ObjectIdentifier(PlanModel.Unit.self)
        case .plan: ObjectIdentifier(Plan.self)
        case .indicator: ObjectIdentifier(Indicator.self)
        case .target: ObjectIdentifier(Target.self)
        case .task: ObjectIdentifier(PlanTask.self)
        case .baselines: ObjectIdentifier(Baselines.self)
        case .progress: ObjectIdentifier(ProgressReport.self)
        case .rollup: ObjectIdentifier(Rollup.self)
        case .approval: ObjectIdentifier(Approval.self)
        case .reorganisation: ObjectIdentifier(Reorganisation.self)
        case .conflict: nil
        }
    }

    /// `bytes` decoded as the type of `kind`; nil when they do not decode.
    static func decode(_ kind: DocumentKind, _ bytes: [UInt8], path: String) -> (any Sendable)? {
        func as_<T: Decodable & Sendable>(_: T.Type) -> (any Sendable)? { try? PlanSnapshot.decode(bytes, path: path) as T }
        switch kind {
        case .unit: return as_(PlanModel.Unit.self)
        case .plan: return as_(Plan.self)
        case .indicator: return as_(Indicator.self)
        case .target: return as_(Target.self)
        case .task: return as_(PlanTask.self)
        case .baselines: return as_(Baselines.self)
        case .progress: return as_(ProgressReport.self)
        case .rollup: return as_(Rollup.self)
        case .approval: return as_(Approval.self)
        case .reorganisation: return as_(Reorganisation.self)
        case .conflict: return nil
        }
    }
}
