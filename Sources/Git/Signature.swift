internal import CLibGit2

/// Who made a commit and when, as a value.
public struct Signature: Equatable, Sendable {
    public var name: String
    public var email: String
    /// Seconds since 1970-01-01 UTC.
    public var time: Int64
    /// Offset from UTC in minutes (e.g. 420 for +07:00).
    public var offsetMinutes: Int32

    public init(name: String, email: String, time: Int64, offsetMinutes: Int32 = 0) {
        self.name = name
        self.email = email
        self.time = time
        self.offsetMinutes = offsetMinutes
    }

    init(_ sig: UnsafePointer<git_signature>) {
        name = sig.pointee.name.map { String(cString: $0) } ?? ""
        email = sig.pointee.email.map { String(cString: $0) } ?? ""
        time = Int64(sig.pointee.when.time)
        offsetMinutes = Int32(sig.pointee.when.offset)
    }

    /// Calls `body` with a libgit2 signature that lives only during the call.
    func withRaw<R>(_ body: (UnsafePointer<git_signature>) throws -> R) throws -> R {
        var sig: UnsafeMutablePointer<git_signature>?
        try git("git_signature_new") { git_signature_new(&sig, name, email, git_time_t(time), Int32(offsetMinutes)) }
        defer { git_signature_free(sig) }
        guard let sig else {
            throw GitError(code: .generic, message: "no signature returned", function: "git_signature_new")
        }
        return try body(sig)
    }
}
