import Foundation
import Git
import PlanModel

/// `plancascade init`: creates a unit's repository with `unit.json` committed on `main`,
/// its `parent` remote, and its bare hub as `origin`.
public struct InitWorkflow {
    public struct Options: Sendable {
        public var path: String
        public var unitID: String
        public var name: String
        public var level: String
        public var parentID: String?
        public var parentURL: String?
        public var hubURL: String?
        public var bare: Bool

        public init(path: String, unitID: String, name: String, level: String, parentID: String? = nil,
                    parentURL: String? = nil, hubURL: String? = nil, bare: Bool = false) {
            self.path = path
            self.unitID = unitID
            self.name = name
            self.level = level
            self.parentID = parentID
            self.parentURL = parentURL
            self.hubURL = hubURL
            self.bare = bare
        }
    }

    /// What `init` did, for the command line to print.
    public struct Outcome: Sendable {
        public let repositoryPath: String
        public let commit: Oid
        public let unit: PlanModel.Unit
        /// The hub's path when `init` created it.
        public let createdHub: String?
        public let pushedToHub: Bool
    }

    public let environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    /// Runs `init`. Arguments are checked before anything is written.
    public func run(_ options: Options) throws -> Outcome {
        var options = options
        // Remotes are resolved from wherever a later command runs: store local paths absolute.
        // Credentials written into a URL are kept in memory for this command only (and go to
        // the credential helper once the hub accepts them): never into .git/config or unit.json.
        options.hubURL = options.hubURL.map { RemoteURL.withoutCredentials(GivenCredentials.remember(Self.absoluteIfLocal($0))) }
        options.parentURL = options.parentURL.map { RemoteURL.withoutCredentials(GivenCredentials.remember(Self.absoluteIfLocal($0))) }
        try check(options)
        let unit = PlanModel.Unit(
            schema: PlanModel.schemaVersion, id: options.unitID,
            name: options.name.precomposedStringWithCanonicalMapping,
            level: options.level, parent: options.parentID, parentHub: options.parentURL, children: [])
        let bytes = try CanonicalJSON.encode(unit)
        let (_, findings) = DocumentValidator.validate(bytes: bytes, path: Layout.unitFile)
        let errors = findings.filter { $0.severity == .error }
        guard errors.isEmpty else {
            throw PlanStoreError.invalidDocument(path: Layout.unitFile, findings: errors.map(\.lineMessage))
        }

        let existed = FileManager.default.fileExists(atPath: options.path)
        do {
            return try create(options, unit: unit, bytes: bytes)
        } catch {
            // Leave nothing half-made behind: the folder was absent or empty before.
            if existed {
                for item in (try? FileManager.default.contentsOfDirectory(atPath: options.path)) ?? [] {
                    try? FileManager.default.removeItem(atPath: (options.path as NSString).appendingPathComponent(item))
                }
            } else {
                try? FileManager.default.removeItem(atPath: options.path)
            }
            throw error
        }
    }

    private func create(_ options: Options, unit: PlanModel.Unit, bytes: [UInt8]) throws -> Outcome {
        let git = try Repository.create(at: options.path, bare: options.bare)
        let repository = UnitRepository(git)
        try FolderPlace.record(in: git)
        if let parentURL = options.parentURL {
            try git.addRemote(Layout.parentRemote, url: parentURL, fetchRefspec: Layout.parentFetchRefspec)
        }
        let identity = try Identity.resolve(for: git, environment: environment)
        let message = CommitTrailers.initialise(level: unit.level, parent: unit.parent).message("Initialise unit \(unit.id) (\(unit.name))")
        guard let commit = try repository.commit([Layout.unitFile: bytes], message: message, identity: identity) else {
            throw PlanStoreError.io(path: options.path, reason: Message("workflow.init.empty-commit"))
        }

        var createdHub: String?
        var pushed = false
        if let hubURL = options.hubURL {
            try git.addRemote(Layout.originRemote, url: hubURL)
            if let local = Self.localPath(of: hubURL), !FileManager.default.fileExists(atPath: local) {
                _ = try Repository.create(at: local, bare: true)
                createdHub = local
            }
            do {
                try repository.push(
                    to: .named(Layout.originRemote), refspecs: ["\(Layout.mainBranch):\(Layout.mainBranch)"],
                    describedAs: hubURL,
                    hint: Message("workflow.init.hub-has-history", ["hub": .text(RemoteURL.redacted(hubURL))]))
            } catch {
                if let createdHub { try? FileManager.default.removeItem(atPath: createdHub) }
                throw error
            }
            pushed = true
            if !options.bare {
                try git.setConfig("branch.main.remote", Layout.originRemote)
                try git.setConfig("branch.main.merge", Layout.mainBranch)
            }
        }
        return Outcome(
            repositoryPath: repository.displayRoot, commit: commit, unit: unit, createdHub: createdHub, pushedToHub: pushed)
    }

    private func check(_ options: Options) throws {
        if let problem = Identifier.problem(options.unitID) {
            throw PlanStoreError.invalidArgument(name: "--unit", value: options.unitID, reason: problem)
        }
        if let problem = Identifier.problem(options.level) {
            throw PlanStoreError.invalidArgument(name: "--level", value: options.level, reason: problem)
        }
        if let parent = options.parentID, let problem = Identifier.problem(parent) {
            throw PlanStoreError.invalidArgument(name: "--parent-id", value: parent, reason: problem)
        }
        if options.name.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw PlanStoreError.invalidArgument(name: "--name", value: options.name, reason: Message("workflow.init.empty-name"))
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: options.path, isDirectory: &isDirectory) {
            let contents = isDirectory.boolValue ? (try? FileManager.default.contentsOfDirectory(atPath: options.path)) ?? [] : ["file"]
            if !contents.isEmpty { throw PlanStoreError.alreadyExists(path: options.path) }
        }
        if let hub = options.hubURL, let local = Self.localPath(of: hub),
           URL(fileURLWithPath: local).standardized.path == URL(fileURLWithPath: options.path).standardized.path {
            throw PlanStoreError.invalidArgument(name: "--hub", value: hub, reason: Message("workflow.init.hub-is-repository"))
        }
    }

    /// `url` made absolute when it is a relative local path; other URLs unchanged.
    static func absoluteIfLocal(_ url: String) -> String {
        guard let path = localPath(of: url), !path.hasPrefix("/") else { return url }
        return URL(fileURLWithPath: path).standardized.path
    }

    /// The local path a remote URL names (a plain path or `file://`), nil for network URLs.
    static func localPath(of url: String) -> String? {
        if url.hasPrefix("file://") { return String(url.dropFirst("file://".count)) }
        if url.contains("://") { return nil }
        if url.contains(":"), !url.hasPrefix("/"), !url.hasPrefix(".") { return nil }  // scp-like ssh
        return url
    }
}
