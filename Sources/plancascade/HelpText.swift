import ArgumentParser
import PlanModel

/// The help text of an option, argument or flag: catalogue `code` in the user's language
/// (argument-parser reads it when it builds the help, after `language` was chosen).
func helpText(_ code: String) -> ArgumentHelp { ArgumentHelp(text(code)) }
