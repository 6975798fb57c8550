/// Where to fetch from or push to: a configured remote, or a URL / local path.
public enum RemoteLocation: Equatable, Sendable {
    case named(String)
    case url(String)
}

/// What the receiving side said about one pushed reference.
public struct PushStatus: Equatable, Sendable {
    /// The destination reference, e.g. `refs/children/bmt/main`.
    public let reference: String
    /// nil when the server accepted the update; otherwise its reason ("non-fast-forward",
    /// "pre-receive hook declined", …).
    public let rejection: String?

    public var accepted: Bool { rejection == nil }

    public init(reference: String, rejection: String?) {
        self.reference = reference
        self.rejection = rejection
    }
}

/// The outcome of a push: libgit2 reports success even when the server refused a
/// reference, so each reference's verdict is kept here.
public struct PushReport: Equatable, Sendable {
    public let statuses: [PushStatus]
    /// What the server printed (hook output), as received.
    public let serverMessages: String

    public var rejected: [PushStatus] { statuses.filter { !$0.accepted } }
    public var allAccepted: Bool { rejected.isEmpty }
}
