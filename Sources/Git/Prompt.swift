/// A question to the person at the terminal, asked on `/dev/tty` as git asks (see
/// `Terminal`): for the CLI's yes/no questions, which have no secret.
public enum Prompt {
    /// Whether a person can be asked (a terminal, and `GIT_TERMINAL_PROMPT` is not `0`).
    public static func canAsk(environment: [String: String]) -> Bool { Terminal.canPrompt(environment: environment) }

    /// Writes `question` to the terminal and reads one line; nil without a terminal or at Ctrl-D.
    public static func ask(_ question: String) -> String? { Terminal.ask(question, secret: false) }
}
