internal import CLibGit2

/// Process-wide libgit2 set-up.
///
/// libgit2's options are process-global, so they are set here once, before the first
/// repository is opened; every entry point of this module calls `initialize()`.
public enum Libgit2 {
    private static let initialized: Bool = {
        git_libgit2_init()
        // Writes must survive a crash of the tool: ask libgit2 to fsync what it writes.
        _ = plancascade_git_enable_fsync_gitdir(1)
        _ = plancascade_git_enable_strict_object_creation(1)
        return true
    }()

    /// Initialises libgit2 once for the process; later calls do nothing.
    public static func initialize() {
        _ = initialized
    }

    /// Points libgit2's global, XDG and system configuration search paths at `directory`,
    /// so that nothing outside it (such as `$HOME/.gitconfig`) is read.
    ///
    /// Process-global: call it once at start-up (tests do, to isolate configuration).
    /// - Throws: `GitError` when libgit2 refuses the option.
    public static func isolateConfiguration(in directory: String) throws {
        initialize()
        for level in [GIT_CONFIG_LEVEL_SYSTEM, GIT_CONFIG_LEVEL_XDG, GIT_CONFIG_LEVEL_GLOBAL, GIT_CONFIG_LEVEL_PROGRAMDATA] {
            try git("git_libgit2_opts(GIT_OPT_SET_SEARCH_PATH)") {
                plancascade_git_set_search_path(Int32(level.rawValue), directory)
            }
        }
    }

    /// Turns libgit2's check that a repository belongs to the user running the process on
    /// or off (on by default, even for root; libgit2 1.5 honours explicit `safe.directory`
    /// paths but ignores `safe.directory=*`).
    ///
    /// Process-global. Only for a process that opens one repository git itself has already
    /// trusted (a hook git runs in it) or that an administrator named explicitly.
    public static func setOwnerValidation(_ enabled: Bool) {
        initialize()
        _ = plancascade_git_set_owner_validation(enabled ? 1 : 0)
    }

    /// The linked libgit2 version, e.g. "1.5.1".
    public static var version: String {
        var major: Int32 = 0, minor: Int32 = 0, revision: Int32 = 0
        git_libgit2_version(&major, &minor, &revision)
        return "\(major).\(minor).\(revision)"
    }
}
