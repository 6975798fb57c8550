import Foundation
import Git
import PlanModel

/// `plancascade validate`: checks files, folders or unit repositories and returns every
/// problem as a `Finding` whose file is shown as the user named it.
public struct ValidateWorkflow {
    /// Rewrite valid files that are not in canonical form (work trees and folders only).
    public var fix: Bool
    /// The files `fix` rewrote, as the user named them.
    public private(set) var fixed: [String] = []

    public init(fix: Bool = false) {
        self.fix = fix
    }

    /// Validates each of `paths` (a file, a folder, a unit repository or its git directory).
    /// An empty list means the repository containing the current directory.
    /// - Throws: `PlanStoreError` when a path does not exist or cannot be read.
    public mutating func run(paths: [String], currentDirectory: String = FileManager.default.currentDirectoryPath) throws -> [Finding] {
        if paths.isEmpty {
            let repository = try UnitRepository.open(at: currentDirectory)
            return try validate(repository: repository, shownAs: relative(repository.displayRoot, to: currentDirectory))
        }
        var findings: [Finding] = []
        for path in paths {
            findings += try validate(path: path, currentDirectory: currentDirectory)
        }
        return findings
    }

    private mutating func validate(path: String, currentDirectory: String) throws -> [Finding] {
        let absolute = path.hasPrefix("/") ? path : (currentDirectory as NSString).appendingPathComponent(path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory) else {
            throw PlanStoreError.io(path: path, reason: Message("error.io.no-such-path"))
        }
        if isDirectory.boolValue {
            if let bare = try? Repository.open(at: absolute), bare.isBare {
                return try validate(repository: UnitRepository(bare), shownAs: path)
            }
            return try validate(folder: absolute, shownAs: path)
        }
        // A single file: validate the unit it belongs to (cross-file rules need the
        // indicators), but report only this file's findings.
        let root = Self.unitRoot(containing: (absolute as NSString).deletingLastPathComponent)
        let base = root ?? (absolute as NSString).deletingLastPathComponent
        let relativePath = String(absolute.dropFirst(base.count + 1))
        var files = root.map { (try? Self.readTree(at: $0)) ?? [] } ?? []
        if !files.contains(where: { $0.path == relativePath }) {
            files.append((relativePath, try Self.read(absolute)))
        }
        let findings = root == nil
            ? DocumentValidator.validate(bytes: try Self.read(absolute), path: Self.guessLayoutPath(relativePath)).1
            : TreeValidator.validate(files: files).filter { $0.file == relativePath }
        return findings.map { $0.shown(as: path) }
    }

    private mutating func validate(repository: UnitRepository, shownAs display: String) throws -> [Finding] {
        if let workTree = repository.git.workDirectory {
            return try validate(folder: String(workTree.dropLast()), shownAs: display)
        }
        guard let head = try repository.head() else {
            throw PlanStoreError.notAUnitRepository(path: display)
        }
        let tree = try repository.git.commit(head).tree
        let files = try repository.git.files(in: tree).map { (path: $0.key, bytes: try repository.git.blob($0.value)) }
        return TreeValidator.validate(files: files.sorted { $0.path < $1.path }).map { $0.prefixed(by: display) }
    }

    private mutating func validate(folder: String, shownAs display: String) throws -> [Finding] {
        let files = try Self.readTree(at: folder)
        var findings = TreeValidator.validate(files: files)
        if fix {
            let rewritten = try rewriteCanonically(files, in: folder, findings: findings)
            findings.removeAll { $0.kind == "not-canonical" && $0.file.map(rewritten.contains) == true }
            fixed += rewritten.sorted().map { display == "." ? $0 : display + "/" + $0 }
        }
        return findings.map { $0.prefixed(by: display) }
    }

    /// Rewrites each file that is valid but not canonical; returns their relative paths.
    private func rewriteCanonically(_ files: [(path: String, bytes: [UInt8])], in folder: String, findings: [Finding]) throws -> Set<String> {
        let broken = Set(findings.filter { $0.severity == .error }.map(\.file))
        let candidates = Set(findings.filter { $0.kind == "not-canonical" }.map(\.file)).subtracting(broken)
        var rewritten: Set<String> = []
        for file in files where candidates.contains(file.path) {
            guard let value = try? JSONParser.parse(file.bytes) else { continue }
            let full = (folder as NSString).appendingPathComponent(file.path)
            guard FileManager.default.createFile(atPath: full + ".plancascade-tmp", contents: Data(CanonicalJSON.render(value))),
                  rename(full + ".plancascade-tmp", full) == 0 else {
                throw PlanStoreError.io(path: full, reason: Message("error.io.not-rewritten"))
            }
            rewritten.insert(file.path)
        }
        return rewritten
    }

    /// Every regular file below `folder` (not following links, skipping `.git`), with its
    /// `/`-separated path relative to `folder`.
    static func readTree(at folder: String) throws -> [(path: String, bytes: [UInt8])] {
        let manager = FileManager.default
        guard let enumerator = manager.enumerator(atPath: folder) else {
            throw PlanStoreError.io(path: folder, reason: Message("error.io.unreadable"))
        }
        var files: [(path: String, bytes: [UInt8])] = []
        while let relative = enumerator.nextObject() as? String {
            if relative == ".git" || relative.hasPrefix(".git/") || relative.hasPrefix(".build") {
                enumerator.skipDescendants()
                continue
            }
            let full = (folder as NSString).appendingPathComponent(relative)
            let attributes = try? manager.attributesOfItem(atPath: full)
            guard attributes?[.type] as? FileAttributeType == .typeRegular, relative.hasSuffix(".json") else { continue }
            files.append((relative, try read(full)))
        }
        return files.sorted { $0.path < $1.path }
    }

    static func read(_ path: String) throws -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PlanStoreError.io(path: path, reason: Message("error.io.unreadable"))
        }
        return Array(data)
    }

    /// The nearest folder at or above `folder` that holds `unit.json`.
    static func unitRoot(containing folder: String) -> String? {
        var current = folder
        while true {
            if FileManager.default.fileExists(atPath: (current as NSString).appendingPathComponent(Layout.unitFile)) {
                return current
            }
            let parent = (current as NSString).deletingLastPathComponent
            if parent == current || parent.isEmpty { return nil }
            current = parent
        }
    }

    /// For a loose file outside any unit: the shortest trailing part of its path that the
    /// layout recognises (`…/targets/X.json` → `plans/2024/targets/X.json` when it has them).
    static func guessLayoutPath(_ path: String) -> String {
        let parts = path.split(separator: "/")
        for start in parts.indices {
            let candidate = parts[start...].joined(separator: "/")
            if DocumentKind.classify(path: candidate) != nil { return candidate }
        }
        return path
    }

    private func relative(_ path: String, to directory: String) -> String {
        if path == directory { return "." }
        if path.hasPrefix(directory + "/") { return String(path.dropFirst(directory.count + 1)) }
        return path
    }
}

extension Finding {
    /// The same finding with its file shown under `folder` as the user named it.
    func prefixed(by folder: String) -> Finding {
        guard folder != "." else { return self }
        let file = self.file ?? ""
        return shown(as: folder.hasSuffix("/") ? folder + file : folder + "/" + file)
    }

    func shown(as file: String) -> Finding {
        var copy = self
        copy.file = file
        return copy
    }
}
