/// git's `<section>.<url>.<key>` configuration (`credential.https://hub.tinh.gov.vn.helper`,
/// `http.https://hub.tinh.gov.vn/plans/.sslCAInfo`): which entries apply to a URL, and the
/// value git would use — as git-config(1) describes `http.<url>.*`.
///
/// A pattern applies when its scheme and port equal the URL's, its host equals the URL's
/// (a `*` label matches one label), its path is a prefix of the URL's at a `/`, and its user
/// name, when it has one, is the URL's. Among several, the longest path wins, then the one
/// naming a user; a plain `<section>.<key>` applies to every URL and loses to any match.
public enum ConfigURLMatch {
    /// How specifically `pattern` matches `url`: nil when it does not apply; higher wins.
    public static func specificity(of pattern: String, for url: RemoteAddress) -> Int? {
        guard let wanted = RemoteAddress(pattern), let scheme = url.scheme, let host = url.host else { return nil }
        guard wanted.scheme == scheme, let wantedHost = wanted.host, hostMatches(wantedHost, host),
              wanted.effectivePort == url.effectivePort else { return nil }
        if let user = wanted.username, user != url.username { return nil }
        let pattern = wanted.path.hasSuffix("/") ? String(wanted.path.dropLast()) : wanted.path
        let path = url.path
        guard pattern.isEmpty || path == pattern || path.hasPrefix(pattern + "/") else { return nil }
        return 1 + pattern.count * 2 + (wanted.username == nil ? 0 : 1)
    }

    /// The value of `<section>.<key>` for `url`: from the most specific `<section>.<url>.<key>`
    /// entry, else from `<section>.<key>`; the last of equally specific entries wins, as git's
    /// last-one-wins rule for single values.
    public static func value(section: String, key: String, for url: RemoteAddress, in entries: [ConfigEntry]) -> String? {
        var best: (score: Int, value: String)?
        let prefix = section + ".", suffix = "." + key
        for entry in entries where entry.name.hasPrefix(prefix) && entry.name.hasSuffix(suffix) {
            let middle = entry.name.dropFirst(prefix.count).dropLast(suffix.count)
            let score: Int?
            if entry.name == section + "." + key { score = 0 } else if middle.isEmpty { score = nil } else { score = specificity(of: String(middle), for: url) }
            guard let score else { continue }
            if best == nil || score >= best!.score { best = (score, entry.value) }
        }
        return best?.value
    }

    /// Every value of multi-valued `<section>.<key>` that applies to `url`, in configuration
    /// order (`credential.helper` and the matching `credential.<url>.helper`); an empty value
    /// clears the list gathered so far, as gitcredentials(7) says of `credential.helper`.
    public static func values(section: String, key: String, for url: RemoteAddress, in entries: [ConfigEntry]) -> [String] {
        var values: [String] = []
        let prefix = section + ".", suffix = "." + key
        for entry in entries where entry.name.hasPrefix(prefix) && entry.name.hasSuffix(suffix) {
            let applies: Bool
            if entry.name == section + "." + key {
                applies = true
            } else {
                let middle = entry.name.dropFirst(prefix.count).dropLast(suffix.count)
                applies = !middle.isEmpty && specificity(of: String(middle), for: url) != nil
            }
            guard applies else { continue }
            if entry.value.isEmpty { values.removeAll() } else { values.append(entry.value) }
        }
        return values
    }

    private static func hostMatches(_ pattern: String, _ host: String) -> Bool {
        let wanted = pattern.lowercased().split(separator: ".", omittingEmptySubsequences: false)
        let actual = host.lowercased().split(separator: ".", omittingEmptySubsequences: false)
        guard wanted.count == actual.count else { return false }
        return zip(wanted, actual).allSatisfy { $0 == "*" || $0 == $1 }
    }
}
