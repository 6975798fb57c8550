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
    public func trailers(_ key: String) -> [String] {
        let paragraphs = message.trimmingTrailingNewlines().components(separatedBy: "\n\n")
        guard paragraphs.count > 1, let last = paragraphs.last else { return [] }
        let prefix = key + ":"
        return last.split(separator: "\n").compactMap { line in
            guard line.hasPrefix(prefix) else { return nil }
            return line.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces)
        }
    }
}

import Foundation

extension String {
    func trimmingTrailingNewlines() -> String {
        var text = self
        while text.hasSuffix("\n") { text.removeLast() }
        return text
    }
}
