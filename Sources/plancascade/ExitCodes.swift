import ArgumentParser
import Foundation
import Git
import PlanModel
import PlanStore

/// The documented exit codes (README.md, "Exit codes"), and the one place where errors
/// become text on standard error.
enum ExitCodes {
    static let success: Int32 = 0
    /// The command ran and found problems: validation errors, findings, conflicts.
    static let problemsFound: Int32 = 1
    /// The command could not run: no repository, a git or I/O failure, a refused push.
    static let couldNotRun: Int32 = 2
    /// A hub asked for credentials and none were found (helper, environment, terminal).
    static let noCredentials: Int32 = 3
    /// A hub refused the credentials given (wrong, expired or not allowed).
    static let credentialsRejected: Int32 = 4
    /// A hub could not be trusted: unknown or changed SSH host key, an HTTPS certificate that
    /// does not verify, certificate checks switched off, an unreadable CA file.
    static let hubNotTrusted: Int32 = 5

    /// Prints `error` for a person and returns the exit code to leave with.
    static func report(_ error: Error) -> ExitCode {
        let text: String
        // A damaged object is said with the ref and file that need it, found in the repository.
        if let located = DamagedObject.message(for: error, repositoryAt: ".") {
            FileHandle.standardError.write(Data("plancascade: \(say(located))\n".utf8))
            return ExitCode(couldNotRun)
        }
        switch error {
        case let error as MessageConvertible: text = say(error.message)
        case let error as GitError: text = say(error.catalogueMessage)
        case let error as CustomStringConvertible: text = RemoteURL.maskingURLs(in: error.description)
        default: text = RemoteURL.maskingURLs(in: "\(error)")
        }
        if let error = error as? RemoteAccessError {
            FileHandle.standardError.write(Data("plancascade: \(text)\n".utf8))
            if error.isMissingCredentials { return ExitCode(noCredentials) }
            return ExitCode(error.isRejectedCredentials ? credentialsRejected : hubNotTrusted)
        }
        if let error = error as? PlanStoreError, error.isProblemInData {
            // The command ran and found problems in the user's data; FILE:LINE lines stand alone.
            let prefix = if case .invalidInput = error { "" } else { "plancascade: " }
            FileHandle.standardError.write(Data("\(prefix)\(text)\n".utf8))
            return ExitCode(problemsFound)
        }
        FileHandle.standardError.write(Data("plancascade: \(text)\n".utf8))
        return ExitCode(couldNotRun)
    }
}

extension ParsableCommand {
    /// Runs `body`, turning workflow errors into the documented exit code and message.
    func reportingErrors(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let exit as ExitCode {
            throw exit
        } catch let stopped as DryRun.Stopped {
            // `--dry-run`: the workflow went as far as its commit; show what it would have been.
            stopped.dryRun.show(stopped.dryRun)
        } catch {
            throw ExitCodes.report(error)
        }
    }
}

extension PlanStoreError {
    /// Refusals caused by the user's data (bad rows, a value below what was inherited):
    /// the command ran and found problems, exit 1. Everything else could not run, exit 2.
    var isProblemInData: Bool {
        switch self {
        case .invalidInput, .belowInherited, .approvalRefused: return true
        default: return false
        }
    }
}
