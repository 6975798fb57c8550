internal import CLibGit2
import Foundation

/// An open git repository; owns its `git_repository` handle and frees it once.
///
/// Not thread-safe (libgit2 handles are not): use one `Repository` from one thread.
public final class Repository {
    let handle: OpaquePointer
    /// True while ``writingOnePack(_:)`` holds new objects in memory.
    var batchOpen = false
    /// The commits written since ``writingOnePack(_:)`` opened: the roots of what it stores.
    var batchCommits: [Oid] = []
    /// The objects copied in since it opened (``copyObject(_:from:)``), stored with the batch
    /// whether or not a new commit reaches them through new trees; true for a tree.
    var batchCopies: [(oid: Oid, isTree: Bool)] = []

    private init(handle: OpaquePointer) {
        self.handle = handle
    }

    deinit {
        git_repository_free(handle)
    }

    /// Opens the repository at `path` (a work tree, its `.git`, or a bare repository);
    /// does not search parent directories.
    /// - Throws: `GitError` with `.notFound` when there is no repository there.
    public static func open(at path: String) throws -> Repository {
        Libgit2.initialize()
        var raw: OpaquePointer?
        try git("git_repository_open_ext") {
            git_repository_open_ext(&raw, path, GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue, nil)
        }
        return try Repository(handle: unwrap(raw, "git_repository_open_ext"))
    }

    /// Opens the repository git describes in the environment (`GIT_DIR`, and inside a
    /// server hook `GIT_OBJECT_DIRECTORY` / `GIT_ALTERNATE_OBJECT_DIRECTORIES`, where the
    /// pushed objects wait in quarantine), else the one containing the current directory.
    public static func openFromEnvironment() throws -> Repository {
        Libgit2.initialize()
        var raw: OpaquePointer?
        try git("git_repository_open_ext") { git_repository_open_ext(&raw, nil, GIT_REPOSITORY_OPEN_FROM_ENV.rawValue, nil) }
        return try Repository(handle: unwrap(raw, "git_repository_open_ext"))
    }

    /// Opens the repository containing `path`, searching parent directories like `git` does.
    public static func discover(from path: String) throws -> Repository {
        Libgit2.initialize()
        var raw: OpaquePointer?
        try git("git_repository_open_ext") { git_repository_open_ext(&raw, path, 0, nil) }
        return try Repository(handle: unwrap(raw, "git_repository_open_ext"))
    }

    /// Creates a new repository at `path` whose `HEAD` points at `refs/heads/<initialBranch>`.
    /// - Parameters:
    ///   - bare: a bare repository has no work tree (hubs are bare).
    /// - Throws: `GitError` with `.exists` when a repository is already there.
    public static func create(at path: String, bare: Bool, initialBranch: String = "main") throws -> Repository {
        Libgit2.initialize()
        var options = git_repository_init_options()
        try git("git_repository_init_options_init") {
            git_repository_init_options_init(&options, UInt32(GIT_REPOSITORY_INIT_OPTIONS_VERSION))
        }
        var flags = GIT_REPOSITORY_INIT_MKPATH.rawValue | GIT_REPOSITORY_INIT_NO_REINIT.rawValue
        if bare { flags |= GIT_REPOSITORY_INIT_BARE.rawValue }
        options.flags = flags
        var raw: OpaquePointer?
        try initialBranch.withCString { branch in
            options.initial_head = branch
            try git("git_repository_init_ext") { git_repository_init_ext(&raw, path, &options) }
        }
        return try Repository(handle: unwrap(raw, "git_repository_init_ext"))
    }

    /// Clones `url` into `path`.
    public static func clone(from url: String, to path: String, bare: Bool = false) throws -> Repository {
        Libgit2.initialize()
        var options = git_clone_options()
        try git("git_clone_options_init") { git_clone_options_init(&options, UInt32(GIT_CLONE_OPTIONS_VERSION)) }
        options.bare = bare ? 1 : 0
        var raw: OpaquePointer?
        try git("git_clone") { git_clone(&raw, url, path, &options) }
        return try Repository(handle: unwrap(raw, "git_clone"))
    }

    /// True when the repository has no work tree.
    public var isBare: Bool { git_repository_is_bare(handle) == 1 }

    /// The path of the git directory (`.../.git/` or the bare repository), with a trailing slash.
    public var gitDirectory: String { String(cString: git_repository_path(handle)) }

    /// The work tree's path with a trailing slash, nil for a bare repository.
    public var workDirectory: String? { git_repository_workdir(handle).map { String(cString: $0) } }
}

/// Returns `pointer` or throws: libgit2 promised a value and gave none.
func unwrap<T>(_ pointer: T?, _ function: String) throws -> T {
    guard let pointer else {
        throw GitError(code: .generic, message: "libgit2 returned no object", function: function)
    }
    return pointer
}
