/// Remote URLs as people see them: credentials written into a URL
/// (`https://user:token@host/…`) are never printed, logged or committed.
public enum RemoteURL {
    /// The URL with any password or token in it replaced by `***`
    /// (`https://user:***@host/x`, `https://***@host/x`); other URLs unchanged.
    public static func redacted(_ url: String) -> String {
        guard let (scheme, userinfo, rest) = split(url) else { return url }
        if let colon = userinfo.firstIndex(of: ":") { return scheme + userinfo[..<colon] + ":***@" + rest }
        return scheme + "***@" + rest
    }

    /// The URL without credentials, for `unit.json` (clones use their own credential helper).
    public static func withoutCredentials(_ url: String) -> String {
        guard let (scheme, _, rest) = split(url) else { return url }
        return scheme + rest
    }

    /// `scheme://`, the userinfo and what follows `@`, for http(s) and ftp(s) URLs with a
    /// userinfo; ssh's `git@host` names a user, not a secret, and is left alone.
    private static func split(_ url: String) -> (String, Substring, Substring)? {
        let lower = url.lowercased()
        guard let scheme = ["https://", "http://", "ftps://", "ftp://"].first(where: { lower.hasPrefix($0) }) else { return nil }
        let afterScheme = url.dropFirst(scheme.count)
        let authority = afterScheme.prefix { $0 != "/" }
        guard let at = authority.lastIndex(of: "@") else { return nil }
        return (String(url.prefix(scheme.count)), afterScheme[..<at], afterScheme[afterScheme.index(after: at)...])
    }
}
