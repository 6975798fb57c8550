internal import CLibGit2

/// Runs one libgit2 call and turns a negative return code into a thrown `GitError`.
///
/// This is the only place that reads `git_error_last()`; it reads it right after the
/// call, on the same thread, as libgit2 requires.
/// - Parameters:
///   - function: the C function's name, recorded in the error.
///   - body: the call; its return code is checked.
/// - Returns: the non-negative return code (some calls return a count or a boolean).
@discardableResult
func git(_ function: String, _ body: () -> Int32) throws -> Int32 {
    let rc = body()
    guard rc < 0 else { return rc }
    throw lastError(rc: rc, function: function)
}

/// Builds a `GitError` from a return code and libgit2's thread-local last error.
func lastError(rc: Int32, function: String) -> GitError {
    var message = "libgit2 returned \(rc)"
    var errorClass: Int32 = 0
    if let last = git_error_last() {
        errorClass = last.pointee.klass
        if let text = last.pointee.message {
            message = String(cString: text)
        }
    }
    return GitError(code: GitError.Code(rawCode: rc), errorClass: errorClass, message: message, function: function)
}

/// Calls `body` with a `git_strarray` view of `strings`; the array is valid only inside `body`.
func withStrarray<R>(_ strings: [String], _ body: (UnsafeMutablePointer<git_strarray>) throws -> R) rethrows -> R {
    var cStrings: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    defer { cStrings.forEach { free($0) } }
    return try cStrings.withUnsafeMutableBufferPointer { buffer in
        var array = git_strarray(strings: buffer.baseAddress, count: buffer.count)
        return try body(&array)
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs one libgit2 lookup of object `oid`, as ``git(_:_:)``, naming the object in the
/// error: libgit2's own text for a damaged object ("failed to parse loose object") does not.
@discardableResult
func git(_ function: String, object oid: Oid, _ body: () -> Int32) throws -> Int32 {
    let rc = body()
    guard rc < 0 else { return rc }
    let error = lastError(rc: rc, function: function)
    guard !error.message.contains(oid.hex) else { throw error }
    throw GitError(code: error.code, errorClass: error.errorClass, message: error.message + " (object \(oid.hex))", function: function)
}
