internal import CLibGit2

/// One configuration entry as git reads it: normalised name (`credential.https://host.helper`),
/// value, and the level of the file it came from (system < global < local).
public struct ConfigEntry: Equatable, Sendable {
    public let name: String
    public let value: String
    public let level: Int32
}

extension Repository {
    /// Every entry of the repository's configuration (system, global and repository files)
    /// whose name starts with `prefix` and ends with `suffix`, in the order git applies them:
    /// system first, the repository's own file last, each file top to bottom.
    ///
    /// Read by iterating a snapshot, not with a regular expression (see ``remoteURL(_:)`` on
    /// libgit2 1.5.1's regex leak).
    public func configEntries(prefix: String, suffix: String = "") throws -> [ConfigEntry] {
        var config: OpaquePointer?
        try git("git_repository_config_snapshot") { git_repository_config_snapshot(&config, handle) }
        defer { git_config_free(config) }
        var iterator: OpaquePointer?
        try git("git_config_iterator_new") { git_config_iterator_new(&iterator, config) }
        defer { git_config_iterator_free(iterator) }
        var found: [(index: Int, entry: ConfigEntry)] = []
        var entry: UnsafeMutablePointer<git_config_entry>?
        var index = 0
        while git_config_next(&entry, iterator) == 0, let current = entry?.pointee {
            index += 1
            guard let namePointer = current.name else { continue }
            let name = String(cString: namePointer)
            guard name.hasPrefix(prefix), name.hasSuffix(suffix), name.count >= prefix.count + suffix.count else { continue }
            let value = current.value.map { String(cString: $0) } ?? ""
            found.append((index, ConfigEntry(name: name, value: value, level: Int32(current.level.rawValue))))
        }
        // libgit2 iterates its backends from the highest priority down: put them in git's order.
        return found.sorted { ($0.entry.level, $0.index) < ($1.entry.level, $1.index) }.map(\.entry)
    }
}
