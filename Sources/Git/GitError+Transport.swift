internal import CLibGit2

extension GitError {
    /// Whether the failure is the network's (a connection refused, reset or timed out, a
    /// host that does not answer), which trying again later may cure — not a refusal by the
    /// hub, nor a problem in the repository.
    public var isNetworkFailure: Bool {
        if code == .unreachable { return true }
        return errorClass == Int32(GIT_ERROR_NET.rawValue) || errorClass == Int32(GIT_ERROR_OS.rawValue)
    }
}
