import Foundation
import Git
import PlanModel

/// A bundle file as it arrives (a USB stick, an e-mail attachment): read with bounds, its
/// pack indexed into a quarantine of the receiving repository, checked there, and only then
/// let in. What a child sends is hostile input, whether it comes by push or by file.
struct BundleFile {
    let path: String
    let bundle: GitBundle
    let packOffset: Int

    /// Reads the header of the bundle at `path`.
    /// - Parameter maxBytes: the largest file taken (the receiver's `maxPushBytes`).
    /// - Throws: `PlanStoreError.io` naming the file and what is wrong with it.
    static func open(_ path: String, maxBytes: Int) throws -> BundleFile {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw PlanStoreError.io(path: path, reason: Message("bundle.unreadable"))
        }
        defer { try? handle.close() }
        let size = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? 0
        if size > maxBytes + GitBundle.maxHeaderBytes {
            throw PlanStoreError.io(path: path, reason: Self.tooLarge(size: size, limit: maxBytes))
        }
        let start = Array((try? handle.read(upToCount: GitBundle.maxHeaderBytes + 4)) ?? Data())
        do {
            let (bundle, offset) = try GitBundle.parse(start)
            return BundleFile(path: path, bundle: bundle, packOffset: offset)
        } catch {
            throw PlanStoreError.io(path: path, reason: Self.describe(error))
        }
    }

    /// A bundle of `size` bytes over the `limit` a push may bring (in KiB, rounded up).
    private static func tooLarge(size: Int, limit: Int) -> Message {
        Message("bundle.too-large", ["size": .count((size + 1023) >> 10), "limit": .count(limit >> 10)])
    }

    private static func describe(_ error: GitBundle.FormatError) -> Message {
        switch error {
        case .notABundle: Message("bundle.not-a-bundle")
        case .headerTooLong: Message("bundle.header-too-long", ["limit": .count(GitBundle.maxHeaderBytes >> 10)])
        case .badLine(let line): Message("bundle.bad-line", ["line": .count(line)])
        case .tooManyReferences(let count): Message("bundle.too-many-refs", ["count": .count(count), "limit": .count(GitBundle.maxReferences)])
        case .tooManyPrerequisites(let count): Message("bundle.too-many-prerequisites", ["count": .count(count), "limit": .count(GitBundle.maxPrerequisites)])
        case .noReferences: Message("bundle.no-refs")
        case .noPack: Message("bundle.no-pack")
        }
    }

    /// The bundle's one reference; refuses a bundle with several.
    func onlyReference() throws -> (name: String, target: Oid) {
        guard bundle.references.count == 1, let reference = bundle.references.first else {
            throw PlanStoreError.io(path: path, reason: Message("bundle.one-ref", ["refs": .list(bundle.references.map { .text($0.name) })]))
        }
        return reference
    }

    /// Refuses when `git` lacks a commit the bundle builds on, saying which one and how to
    /// get a bundle that does not need it.
    func ensurePrerequisites(in git: Repository, receiver: String) throws {
        for oid in bundle.prerequisites where !git.contains(oid) {
            throw PlanStoreError.io(path: path, reason: Message("bundle.missing-prerequisite", ["commit": .text(oid.short), "unit": .text(receiver)]))
        }
    }

    /// Indexes the bundle's pack into a quarantine of `git`, bounded by `policy` (as a
    /// push's objects are: no more bytes than `maxPushBytes`, no more objects than
    /// `maxNewEntries` allows for files, folders and their commits).
    func quarantine(in git: Repository, policy: ChildPolicy) throws -> BundleQuarantine {
        do {
            return try BundleQuarantine(indexing: path, from: packOffset, into: git, maxObjects: policy.maxNewEntries * 2, maxBytes: policy.maxPushBytes)
        } catch BundleQuarantine.Bound.tooManyObjects(let limit) {
            throw PlanStoreError.io(path: path, reason: Message("bundle.too-many-objects", ["limit": .count(limit)]))
        } catch BundleQuarantine.Bound.tooManyBytes(let limit) {
            let size = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int) ?? limit
            throw PlanStoreError.io(path: path, reason: Self.tooLarge(size: size - packOffset, limit: limit))
        } catch let error as GitError {
            throw PlanStoreError.io(path: path, reason: Message("bundle.damaged-pack", ["error": .text(error.message)]))
        }
    }

    /// A handle on the repository at `gitDirectory` that also reads the quarantine's objects.
    static func checker(of gitDirectory: String, seeing quarantine: BundleQuarantine) throws -> Repository {
        let checker = try Repository.open(at: gitDirectory)
        try checker.borrowObjects(inFolder: quarantine.folder)
        return checker
    }

    /// The unit a bundle's commit `tip` says it is, read through `checker`; refuses a tip
    /// that is not a commit or has no readable `unit.json`.
    func unit(at tip: Oid, checker: Repository) throws -> PlanModel.Unit {
        guard (try? checker.commit(tip)) != nil else {
            throw PlanStoreError.io(path: path, reason: Message("bundle.tip-not-commit", ["commit": .text(tip.short)]))
        }
        let repository = UnitRepository(checker)
        guard let unit = try? repository.document(PlanModel.Unit.self, at: Layout.unitFile, in: tip) else {
            throw PlanStoreError.io(path: path, reason: Message("bundle.no-unit", ["commit": .text(tip.short)]))
        }
        return unit
    }
}
