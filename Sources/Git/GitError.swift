/// A failure reported by libgit2, or by this wrapper around it.
///
/// Carries libgit2's own message and error class, a Swift-named code, and the C
/// function that failed, so a message can say exactly what went wrong where.
public struct GitError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The kinds of failure callers branch on; everything else is `.other`.
    public enum Code: Equatable, Sendable {
        case generic
        case notFound
        case exists
        case ambiguous
        case bareRepository
        case unbornBranch
        case nonFastForward
        case invalidSpec
        case conflict
        case locked
        /// A compare-and-swap reference update found another value than expected.
        case modified
        case authentication
        case certificate
        case endOfFile
        case invalid
        case uncommitted
        case mergeConflict
        case owner
        /// A server refused a pushed reference (see `PushResult`).
        case rejected
        /// The server did not answer a connection within the time allowed (see `Reachability`).
        case unreachable
        case other(Int32)

        init(rawCode: Int32) {
            switch rawCode {
            case -1: self = .generic
            case -3: self = .notFound
            case -4: self = .exists
            case -5: self = .ambiguous
            case -8: self = .bareRepository
            case -9: self = .unbornBranch
            case -11: self = .nonFastForward
            case -12: self = .invalidSpec
            case -13: self = .conflict
            case -14: self = .locked
            case -15: self = .modified
            case -16: self = .authentication
            case -17: self = .certificate
            case -20: self = .endOfFile
            case -21: self = .invalid
            case -22: self = .uncommitted
            case -24: self = .mergeConflict
            case -36: self = .owner
            default: self = .other(rawCode)
            }
        }
    }

    public let code: Code
    /// libgit2's error class (`GIT_ERROR_*`), 0 when libgit2 set none.
    public let errorClass: Int32
    public let message: String
    /// The libgit2 function (or wrapper operation) that failed.
    public let function: String

    public init(code: Code, errorClass: Int32 = 0, message: String, function: String) {
        self.code = code
        self.errorClass = errorClass
        self.message = message
        self.function = function
    }

    public var description: String {
        "\(function) failed: \(message)"
    }
}
