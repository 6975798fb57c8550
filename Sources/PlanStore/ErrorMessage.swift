import Git
import PlanModel

extension PlanStoreError {
    /// Any error a workflow throws, as a message for a person (the web pages' one place):
    /// a damaged object with the ref and file that need it, a catalogue message, libgit2's
    /// words through `error.git`, else the error's own text with URLs' credentials masked.
    public static func message(for error: any Error, repositoryAt path: String) -> Message {
        if let located = DamagedObject.message(for: error, repositoryAt: path) { return located }
        switch error {
        case let error as MessageConvertible: return error.message
        case let error as GitError: return error.catalogueMessage
        default: return .verbatim(RemoteURL.maskingURLs(in: String(describing: error)))
        }
    }
}
