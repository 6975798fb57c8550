import Git

/// Remote URLs as people see them and as files keep them: a password or token written into
/// a URL of any scheme (`https://user:token@host/…`, `ssh://user:pass@host/…`, scp-like
/// `user:pass@host:path`, and strings no URL parser accepts, such as a password holding an
/// unescaped `/` or `@`) is never printed, logged, committed, exported or stored.
///
/// The one home of that rule: every URL shown goes through ``redacted(_:)``, every text
/// that may repeat one (libgit2's errors, a server's reply) through ``maskingURLs(in:)``,
/// and every URL written to `.git/config` or `unit.json` through ``withoutCredentials(_:)``.
public enum RemoteURL {
    /// The URL with any password or token in it replaced by `***`
    /// (`https://user:***@host/x`, `https://***@host/x`, `ssh://git:***@host/x`,
    /// `git:***@host:x`); a URL without a secret unchanged (an ssh user name such as
    /// `git@` names an account, not a secret).
    public static func redacted(_ url: String) -> String {
        guard let range = userinfoRange(in: url) else { return url }
        let userinfo = url[range]
        let ssh = isSSH(url)
        if let colon = userinfo.firstIndex(of: ":") {
            let user = userinfo[..<colon]
            // A user name that holds a `/` was not one: the whole is masked.
            if user.contains("/") || user.isEmpty { return url.replacingCharacters(in: range, with: "***") }
            return url.replacingCharacters(in: range, with: user + ":***")
        }
        if ssh, !userinfo.contains("/") { return url }
        return url.replacingCharacters(in: range, with: "***")
    }

    /// The URL without credentials, for `.git/config` and `unit.json` (a clone logs in with
    /// its own helper, agent or keys): http(s) loses user and password, ssh its password
    /// (its user name names the account); the rest stays as written.
    public static func withoutCredentials(_ url: String) -> String {
        RemoteAddress.strippingSecrets(url)
    }

    /// Whether `url` carries a password or token (which must not be stored).
    public static func hasCredentials(_ url: String) -> Bool {
        redacted(url) != url
    }

    /// `text` with every URL in it redacted: libgit2's error messages and servers' replies
    /// repeat the URL they were given.
    public static func maskingURLs(in text: String) -> String {
        guard text.contains("@") else { return text }
        var out = ""
        var token = ""
        func flush() {
            out += token.contains("@") ? redactedToken(token) : token
            token = ""
        }
        for character in text {
            if character.isWhitespace || "'\"<>()`,;".contains(character) {
                flush()
                out.append(character)
            } else {
                token.append(character)
            }
        }
        flush()
        return out
    }

    /// A word of free text that holds an `@`: the URL in it (after any `prefix=`) redacted.
    private static func redactedToken(_ token: String) -> String {
        if let scheme = token.range(of: "://") {
            let start = token[..<scheme.lowerBound].lastIndex { !($0.isLetter || $0.isNumber || "+-.".contains($0)) }
                .map { token.index(after: $0) } ?? token.startIndex
            return String(token[..<start]) + redacted(String(token[start...]))
        }
        return redacted(token)
    }

    private static func userinfoRange(in url: String) -> Range<String.Index>? {
        RemoteAddress.userinfoRange(in: url)
    }

    private static func isSSH(_ url: String) -> Bool {
        guard let scheme = url.range(of: "://") else { return true }  // scp-like
        return ["ssh", "git+ssh", "ssh+git"].contains(url[..<scheme.lowerBound].lowercased())
    }
}
