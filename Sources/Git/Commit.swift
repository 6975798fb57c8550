/// A commit, copied out of libgit2.
public struct Commit: Equatable, Sendable {
    public let oid: Oid
    public let tree: Oid
    public let parents: [Oid]
    public let author: Signature
    public let committer: Signature
    /// The full message, trailers included.
    public let message: String

    /// The first line of the message.
    public var summary: String {
        String(message.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? "")
    }

    /// The values of `Key: value` trailers in the message's last paragraph, in order.
    ///
    /// Git's own reading of any message; the tool's trailers are written and read by
    /// `CommitTrailers` (PlanStore), which parses the same way.
    ///
    /// Scans bytes: a pull's message lists every target it changed, and `check` reads the
    /// trailers of every commit of a unit's history.
    public func trailers(_ key: String) -> [String] {
        let bytes = Array(message.utf8)
        var end = bytes.count
        while end > 0 && bytes[end - 1] == 0x0A { end -= 1 }
        // The last paragraph starts after the last blank line; there is none in a one-paragraph message.
        var start = end - 1
        while start > 0 && !(bytes[start] == 0x0A && bytes[start - 1] == 0x0A) { start -= 1 }
        guard start > 0 else { return [] }
        let prefix = Array((key + ":").utf8)
        return bytes[(start + 1)..<end].split(separator: 0x0A).compactMap { line in
            guard line.starts(with: prefix) else { return nil }
            return String(decoding: line.dropFirst(prefix.count), as: UTF8.self).trimmingCharacters(in: .whitespaces)
        }
    }
}

import Foundation
