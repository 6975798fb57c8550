/// A remote's URL taken apart the way git reads it: `scheme://[user[:password]@]host[:port]/path`,
/// or scp-like `[user@]host:path` (ssh). Local paths and `file://` have no host.
///
/// Lenient on purpose: a password holding `/`, `@`, `#` or `?` unescaped (which a strict
/// parser rejects) still ends at the last `@` before the host, so it can be removed or
/// masked; an `@` in a hub's path must be written `%40`.
public struct RemoteAddress: Equatable, Sendable {
    /// Lower-cased scheme: `https`, `http`, `ssh`, `git`, `file`; `ssh` for scp-like addresses;
    /// nil for a local path.
    public let scheme: String?
    public let username: String?
    public let password: String?
    /// The host as written (`localhost`, `10.0.0.5`, `::1` without brackets).
    public let host: String?
    /// The port written in the URL, nil for the scheme's default.
    public let port: Int?
    /// What follows the authority, starting with `/` (or the scp-like path after `:`).
    public let path: String
    /// Whether it was written scp-like (`git@host:plans/tinh.git`).
    public let scpLike: Bool
    /// The address as written.
    public let text: String

    /// The scheme's default port: https 443, http 80, ssh 22, git 9418.
    public static func defaultPort(of scheme: String?) -> Int? {
        switch scheme {
        case "https": 443
        case "http": 80
        case "ssh", "git+ssh", "ssh+git": 22
        case "git": 9418
        case "ftp": 21
        case "ftps": 990
        default: nil
        }
    }

    /// The port connected to: the one written, else the scheme's default.
    public var effectivePort: Int? { port ?? Self.defaultPort(of: scheme) }

    /// Whether the address reaches a server over ssh (`ssh://` or scp-like).
    public var isSSH: Bool { ["ssh", "git+ssh", "ssh+git"].contains(scheme ?? "") }

    /// Parses `text`; nil for a local path (no scheme and not scp-like) or `file://`.
    public init?(_ text: String) {
        if let schemeEnd = text.range(of: "://") {
            let scheme = text[..<schemeEnd.lowerBound].lowercased()
            guard !scheme.isEmpty, scheme.allSatisfy({ $0.isLetter || $0.isNumber || "+-.".contains($0) }), scheme != "file" else { return nil }
            let rest = text[schemeEnd.upperBound...]
            var userinfo: Substring?
            var afterUser = rest
            if let range = Self.userinfoRange(in: text) {
                userinfo = text[range]
                afterUser = text[text.index(after: range.upperBound)...]
            }
            let authority = afterUser.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
            let (host, port) = Self.hostAndPort(authority)
            self.init(
                scheme: scheme, userinfo: userinfo, host: host, port: port,
                path: String(afterUser[authority.endIndex...]), scpLike: false, text: text)
            return
        }
        // scp-like: [user@]host:path, no slash before the colon, and not a drive letter.
        var userinfo: Substring?
        var tail = text[...]
        if let range = Self.userinfoRange(in: text) {
            userinfo = text[range]
            tail = text[text.index(after: range.upperBound)...]
        }
        guard let colon = Self.scpColon(in: tail) else { return nil }
        let hostPart = tail[..<colon]
        let host = hostPart.hasPrefix("[") && hostPart.hasSuffix("]") ? String(hostPart.dropFirst().dropLast()) : String(hostPart)
        guard !host.isEmpty else { return nil }
        self.init(scheme: "ssh", userinfo: userinfo, host: host, port: nil, path: String(tail[tail.index(after: colon)...]), scpLike: true, text: text)
    }

    private init(scheme: String, userinfo: Substring?, host: String?, port: Int?, path: String, scpLike: Bool, text: String) {
        self.text = text
        self.scheme = scheme
        if let userinfo {
            if let colon = userinfo.firstIndex(of: ":") {
                username = Self.percentDecoded(userinfo[..<colon])
                password = Self.percentDecoded(userinfo[userinfo.index(after: colon)...])
            } else {
                username = Self.percentDecoded(userinfo)
                password = nil
            }
        } else {
            username = nil
            password = nil
        }
        self.host = host
        self.port = port
        self.path = path
        self.scpLike = scpLike
    }

    /// The colon that ends the host of an scp-like address, nil when `text` is not one.
    static func scpColon(in text: Substring) -> String.Index? {
        var inBrackets = false
        for index in text.indices {
            switch text[index] {
            case "[": inBrackets = true
            case "]": inBrackets = false
            case "/": return nil
            case ":" where !inBrackets:
                return text[..<index].count <= 1 ? nil : index  // "C:" is a drive, not a host
            default: continue
            }
        }
        return nil
    }

    private static func hostAndPort(_ authority: Substring) -> (String?, Int?) {
        if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {
            let host = String(authority[authority.index(after: authority.startIndex)..<close])
            let rest = authority[authority.index(after: close)...]
            return (host, rest.hasPrefix(":") ? Int(rest.dropFirst()) : nil)
        }
        let parts = authority.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
        let host = parts.first.map(String.init) ?? ""
        return (host.isEmpty ? nil : host, parts.count > 1 ? Int(parts[1]) : nil)
    }

    /// `%XX` sequences decoded; text that is not valid UTF-8 after decoding is kept as written.
    static func percentDecoded(_ text: Substring) -> String {
        guard text.contains("%") else { return String(text) }
        var bytes: [UInt8] = []
        var index = text.utf8.startIndex
        let utf8 = text.utf8
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == UInt8(ascii: "%"), let h = utf8.index(index, offsetBy: 1, limitedBy: utf8.endIndex), h < utf8.endIndex,
               let l = utf8.index(h, offsetBy: 1, limitedBy: utf8.endIndex), l < utf8.endIndex,
               let value = UInt8(String(decoding: [utf8[h], utf8[l]], as: UTF8.self), radix: 16) {
                bytes.append(value)
                index = utf8.index(after: l)
            } else {
                bytes.append(byte)
                index = utf8.index(after: index)
            }
        }
        return String(validating: bytes, as: UTF8.self) ?? String(text)
    }

    /// `host` or `host:port` (a non-default port), as git's credential protocol writes it.
    public var hostForCredentials: String? {
        guard let host else { return nil }
        let shown = host.contains(":") ? "[\(host)]" : host
        if let port, port != Self.defaultPort(of: scheme) { return "\(shown):\(port)" }
        return shown
    }

    /// The address as written, without password (and, for http(s), without user name
    /// either: a token is often written as the user name); an ssh user name (`git@`) is
    /// kept, it names the account.
    public var withoutSecrets: String { Self.strippingSecrets(text) }

    /// `text` without the secrets of its userinfo (see ``withoutSecrets``); the rest as written.
    public static func strippingSecrets(_ text: String) -> String {
        guard let range = userinfoRange(in: text) else { return text }
        let userinfo = text[range]
        let ssh = text.range(of: "://").map { ["ssh", "git+ssh", "ssh+git"].contains(text[..<$0.lowerBound].lowercased()) } ?? true
        if ssh, let user = userinfo.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first,
           !user.isEmpty, !user.contains("/") {
            return text.replacingCharacters(in: range, with: user)
        }
        return text.replacingCharacters(in: range.lowerBound..<text.index(after: range.upperBound), with: "")
    }

    /// Where the userinfo of `text` is (the `@` after it excluded), nil when there is none.
    ///
    /// With `scheme://`, a password may hold unescaped `/`, `@`, `:`: the userinfo ends at
    /// the last `@` that a host and a path (`/…`) follow, and in a URL without a path at the
    /// last `@`, unless a `/` comes before it (`https://host/a@b.git` has no userinfo).
    /// scp-like, it ends at the last `@` before the host's `:`.
    public static func userinfoRange(in text: String) -> Range<String.Index>? {
        if let scheme = text.range(of: "://") {
            let rest = text[scheme.upperBound...]
            let ats = rest.indices.filter { rest[$0] == "@" }
            if let at = ats.last(where: { rest[rest.index(after: $0)...].contains("/") }) { return scheme.upperBound..<at }
            if let at = ats.last, !rest[..<at].contains("/") { return scheme.upperBound..<at }
            return nil
        }
        guard let at = text.lastIndex(of: "@"), at > text.startIndex else { return nil }
        let after = text[text.index(after: at)...]
        guard let colon = after.firstIndex(of: ":"), !after[..<colon].isEmpty, !after[..<colon].contains("/") else { return nil }
        return text.startIndex..<at
    }

    /// Whether the address carries a secret: a password, or an http(s) user name (often a token).
    public var hasSecrets: Bool {
        password != nil || (!isSSH && username != nil)
    }

    private static func userEscaped(_ user: String) -> String {
        var out = ""
        for scalar in user.unicodeScalars {
            if "@:/%".unicodeScalars.contains(scalar) { out += "%" + String(scalar.value, radix: 16, uppercase: true) } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }
}
