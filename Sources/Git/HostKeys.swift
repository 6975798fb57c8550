import Foundation

/// OpenSSH's known_hosts files, read the way `ssh` reads them (sshd(8), "SSH_KNOWN_HOSTS FILE
/// FORMAT"): every key type a file lists (ssh-ed25519, ecdsa-sha2-*, ssh-rsa, …), plain and
/// hashed (`|1|salt|hash`) host names, the `[host]:port` form, `*`/`?` wildcards, `!`
/// negation and `@revoked` markers. libgit2 1.5's own check looks at one line only.
public struct KnownHosts: Sendable {
    /// One key line of a file.
    public struct Entry: Equatable, Sendable {
        public enum Marker: Equatable, Sendable { case none, revoked, certAuthority }
        public let marker: Marker
        /// The comma-separated host patterns, or one `|1|salt|hash`.
        public let patterns: [String]
        public let keyType: String
        /// The key blob (SSH wire format), as base64-decoded from the line.
        public let key: [UInt8]
        public let file: String
        public let line: Int
    }

    public let entries: [Entry]
    /// The files read (existing or not), for messages.
    public let files: [String]

    /// The user's `~/.ssh/known_hosts` (under `home`) and the system's `/etc/ssh/ssh_known_hosts`.
    public static func standardFiles(home: String) -> [String] {
        [(home as NSString).appendingPathComponent(".ssh/known_hosts"), "/etc/ssh/ssh_known_hosts"]
    }

    /// Entries already read (tests), from no file.
    init(entries: [Entry]) {
        self.entries = entries
        files = []
    }

    /// Reads `files`; missing or unreadable files hold no entries.
    public init(files: [String]) {
        self.files = files
        entries = files.flatMap { file in
            guard let data = FileManager.default.contents(atPath: file) else { return [Entry]() }
            return Self.parse(String(decoding: data, as: UTF8.self), file: file)
        }
    }

    /// The entries of one file's text; lines that are comments or malformed are skipped.
    public static func parse(_ text: String, file: String) -> [Entry] {
        var entries: [Entry] = []
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var fields = rawLine.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard let first = fields.first, !first.hasPrefix("#") else { continue }
            var marker = Entry.Marker.none
            if first.hasPrefix("@") {
                switch first {
                case "@revoked": marker = .revoked
                case "@cert-authority": marker = .certAuthority
                default: continue
                }
                fields.removeFirst()
            }
            guard fields.count >= 3, let key = Data(base64Encoded: fields[2]) else { continue }
            entries.append(Entry(
                marker: marker, patterns: fields[0].split(separator: ",").map(String.init), keyType: fields[1],
                key: [UInt8](key), file: file, line: number + 1))
        }
        return entries
    }

    /// What the files say about `key`, offered by `host` on `port`.
    public enum Verdict: Equatable, Sendable {
        case known
        /// No line for this host holds this key; `knownTypes` are the key types listed for it.
        case unknown(knownTypes: [String])
        /// A line for this host holds another key of the same type, or revokes this one.
        case changed(file: String, line: Int)
    }

    public func verdict(host: String, port: Int, key: [UInt8]) -> Verdict {
        let name = Self.name(host: host, port: port)
        let type = Self.keyType(of: key) ?? ""
        var matched = false
        var changed: Entry?
        var knownTypes: [String] = []
        for entry in entries where entry.marker != .certAuthority && Self.matches(entry.patterns, name: name) {
            if entry.key == key {
                if entry.marker == .revoked { return .changed(file: entry.file, line: entry.line) }
                matched = true
            } else if entry.marker == .none {
                if entry.keyType == type, changed == nil { changed = entry }
                if !knownTypes.contains(entry.keyType) { knownTypes.append(entry.keyType) }
            }
        }
        if matched { return .known }
        if let changed { return .changed(file: changed.file, line: changed.line) }
        return .unknown(knownTypes: knownTypes)
    }

    /// The name known_hosts stores for a host: `host` on port 22, `[host]:port` elsewhere.
    public static func name(host: String, port: Int) -> String {
        port == 22 ? host.lowercased() : "[\(host.lowercased())]:\(port)"
    }

    /// The key type a key blob names first (`ssh-ed25519`, `ecdsa-sha2-nistp256`, `ssh-rsa`).
    public static func keyType(of key: [UInt8]) -> String? {
        guard key.count >= 4 else { return nil }
        let length = key.prefix(4).reduce(0) { $0 << 8 | Int($1) }
        guard length > 0, key.count >= 4 + length else { return nil }
        return String(decoding: key[4..<(4 + length)], as: UTF8.self)
    }

    /// `SHA256:<base64 without padding>` of the key blob, as `ssh-keygen -l` and `ssh` print it.
    public static func fingerprint(of key: [UInt8]) -> String {
        "SHA256:" + Data(Digest.sha256(key)).base64EncodedString().replacingOccurrences(of: "=", with: "")
    }

    /// Whether the patterns of one line take in `name`: a hashed name equals it, or some
    /// pattern matches it and no negated pattern does.
    static func matches(_ patterns: [String], name: String) -> Bool {
        if patterns.count == 1, patterns[0].hasPrefix("|1|") { return hashedMatches(patterns[0], name: name) }
        var positive = false
        for pattern in patterns {
            if pattern.hasPrefix("!") {
                if glob(String(pattern.dropFirst()).lowercased(), name) { return false }
            } else if glob(pattern.lowercased(), name) {
                positive = true
            }
        }
        return positive
    }

    private static func hashedMatches(_ pattern: String, name: String) -> Bool {
        let parts = pattern.split(separator: "|", omittingEmptySubsequences: true)
        guard parts.count == 3, parts[0] == "1", let salt = Data(base64Encoded: String(parts[1])),
              let hash = Data(base64Encoded: String(parts[2])) else { return false }
        return Digest.hmacSHA1(key: [UInt8](salt), message: Array(name.utf8)) == [UInt8](hash)
    }

    /// `*` and `?` wildcards over the whole name.
    static func glob(_ pattern: String, _ name: String) -> Bool {
        let p = Array(pattern), n = Array(name)
        var pi = 0, ni = 0, star = -1, mark = 0
        while ni < n.count {
            if pi < p.count, p[pi] == "?" || p[pi] == n[ni] {
                pi += 1
                ni += 1
            } else if pi < p.count, p[pi] == "*" {
                star = pi
                mark = ni
                pi += 1
            } else if star >= 0 {
                pi = star + 1
                mark += 1
                ni = mark
            } else {
                return false
            }
        }
        while pi < p.count, p[pi] == "*" { pi += 1 }
        return pi == p.count
    }
}
