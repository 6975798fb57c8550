import Git

/// The bounds a parent keeps on what one child sends (issue "A parent that no child can
/// crash"): far above what a real province ever sends, and changed per hub with
/// `git config plancascade.<key> <value>` in the hub (or the parent's working clone).
public struct ChildPolicy: Equatable, Sendable {
    /// The largest document (blob) a child may send, in bytes (`plancascade.maxDocumentBytes`).
    public var maxDocumentBytes = 1 << 20
    /// The most bytes of new documents one push or one collect of one child may bring
    /// (`plancascade.maxPushBytes`).
    public var maxPushBytes = 64 << 20
    /// How many folders deep a path may go below its unit's own folder: `plans/2024/targets/x.json`
    /// is 3 (`plancascade.maxDepth`).
    public var maxDepth = 16
    /// How many new files and folders one push or collect of one child may bring
    /// (`plancascade.maxNewEntries`).
    public var maxNewEntries = 200_000

    public init() {}

    /// The configuration keys, the property each sets.
    static var keys: [(key: String, path: WritableKeyPath<ChildPolicy, Int>)] {
        [
        ("plancascade.maxDocumentBytes", \.maxDocumentBytes), ("plancascade.maxPushBytes", \.maxPushBytes),
        ("plancascade.maxDepth", \.maxDepth), ("plancascade.maxNewEntries", \.maxNewEntries),
        ]
    }

    /// The policy of the repository `git`: the defaults, changed by its configuration. A
    /// value that is not a positive whole number is ignored (the default holds).
    public static func of(_ git: Repository) -> ChildPolicy {
        var policy = ChildPolicy()
        for (key, path) in keys {
            if let text = try? git.configString(key), let value = Int(text), value > 0 { policy[keyPath: path] = value }
        }
        return policy
    }
}
