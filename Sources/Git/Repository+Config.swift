internal import CLibGit2

extension Repository {
    /// The value of configuration `key` (e.g. `user.name`) as git would read it for this
    /// repository (repository, global and system files), nil when unset.
    public func configString(_ key: String) throws -> String? {
        var config: OpaquePointer?
        try git("git_repository_config_snapshot") { git_repository_config_snapshot(&config, handle) }
        defer { git_config_free(config) }
        var value: UnsafePointer<CChar>?
        let rc = git_config_get_string(&value, config, key)
        if rc == GIT_ENOTFOUND.rawValue { return nil }
        try git("git_config_get_string") { rc }
        return value.map { String(cString: $0) }
    }

    /// Sets `key` to `value` in the repository's own configuration file.
    public func setConfig(_ key: String, _ value: String) throws {
        var config: OpaquePointer?
        try git("git_repository_config") { git_repository_config(&config, handle) }
        defer { git_config_free(config) }
        var local: OpaquePointer?
        try git("git_config_open_level") { git_config_open_level(&local, config, GIT_CONFIG_LEVEL_LOCAL) }
        defer { git_config_free(local) }
        try git("git_config_set_string") { git_config_set_string(local, key, value) }
    }
}
