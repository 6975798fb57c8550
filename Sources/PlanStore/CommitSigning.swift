import Foundation
import Git
import PlanModel

/// When the tool signs a commit, and with what (README.md, "Signed approvals"):
///
/// - every commit when git's `commit.gpgSign` is true, with the key git would use
///   (`gpg.format`, `user.signingKey`, `gpg.program`…; see ``CommitSigner``);
/// - an approval, a waiver or a reopening (``Purpose/decision``) also whenever
///   `user.signingKey` is set, even without `commit.gpgSign`: the approving official's
///   decision carries their signature as soon as they have configured a key.
///
/// Every commit the tool makes goes through ``UnitRepository/writeCommit(tree:parents:identity:message:purpose:)``.
public enum CommitSigning {
    public enum Purpose: Equatable, Sendable {
        /// A report, import, pull, collect, sync, publish…: signed when `commit.gpgSign`.
        case ordinary
        /// An approve, waive or reopen decision: signed when a key is configured.
        case decision
    }

    /// The signer for a commit of `purpose` by `identity` in `git`; nil: unsigned.
    /// - Throws: ``Failure`` when signing is asked for but configured wrongly.
    public static func signer(for purpose: Purpose, in git: Repository, identity: Identity) throws -> CommitSigner? {
        do {
            let always = try git.configBool("commit.gpgSign") ?? false
            if !always && purpose == .ordinary { return nil }
            let committer = "\(identity.committer.name) <\(identity.committer.email)>"
            let signer = try CommitSigner.configured(in: git, needed: always, fallbackIdentity: committer)
            return signer
        } catch let failure as CommitSigner.Failure {
            throw Failure(failure)
        }
    }

    /// A commit that should have been signed and could not be: nothing was written.
    public struct Failure: Error, Equatable, CustomStringConvertible, MessageConvertible {
        public let failure: CommitSigner.Failure

        init(_ failure: CommitSigner.Failure) { self.failure = failure }

        public var message: Message {
            switch failure {
            case .unknownFormat(let format):
                return Message("signing.unknown-format", ["format": .text(format)])
            case .noKey:
                return Message("signing.no-ssh-key")
            case .cannotRun(let program, let reason):
                return Message("signing.cannot-run", ["program": .text(program), "reason": .message(.verbatim(reason))])
            case .failed(let program, let status, let output):
                return Message("signing.failed", [
                    "program": .text(program), "status": .count(Int(status)),
                    "output": .message(.verbatim(output.isEmpty ? "-" : output.trimmingCharacters(in: .whitespacesAndNewlines)))])
            }
        }

        public var description: String { message.description }
    }
}

extension UnitRepository {
    /// Writes a commit of `tree` with `parents` by `identity`, signed as ``CommitSigning``
    /// says for `purpose`. It moves no reference.
    /// - Throws: ``CommitSigning/Failure`` when it must be signed and the signer fails.
    public func writeCommit(tree: Oid, parents: [Oid], identity: Identity, message: String, purpose: CommitSigning.Purpose = .ordinary) throws -> Oid {
        let signer = try CommitSigning.signer(for: purpose, in: git, identity: identity)
        do {
            return try git.createCommit(
                tree: tree, parents: parents, author: identity.author, committer: identity.committer, message: message, signer: signer)
        } catch let failure as CommitSigner.Failure {
            throw CommitSigning.Failure(failure)
        }
    }
}
