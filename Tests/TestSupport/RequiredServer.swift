import Foundation
import Testing

/// A test's server, started once for its suite: `Result { try HTTPGitServer() }` in a
/// `static let`, read here. A server that is not installed skips the test with a note
/// locally and fails it where servers are required (`MissingServer.required`: CI).
public func requiredServer<Server>(_ started: Result<Server, any Error>, sourceLocation: SourceLocation = #_sourceLocation) throws -> Server {
    switch started {
    case .success(let server):
        return server
    case .failure(let missing as MissingServer) where !MissingServer.required:
        try Test.cancel("skipped: \(missing) — set PLANCASCADE_REQUIRE_SERVERS=1 to make this a failure", sourceLocation: sourceLocation)
    case .failure(let error):
        throw error
    }
}
