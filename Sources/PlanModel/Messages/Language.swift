/// The language a person reads the tool in.
///
/// Chosen as people expect (``resolve(flag:environment:)``): `--lang vi|en`, else
/// `PLANCASCADE_LANG`, else the POSIX locale (`LC_ALL`, `LC_MESSAGES`, `LANG`: `vi*` is
/// Vietnamese), else English. `--json`, files, refs and trailer keys never change with it.
public enum Language: String, Hashable, Sendable, CaseIterable {
    case english = "en"
    case vietnamese = "vi"
    /// A pseudo-language for tests: every catalogue text in ⟦…⟧ with accented letters, so
    /// that any English that escapes the catalogue stands out.
    case pseudo = "qps"

    /// Reads a `--lang` value or a locale name: `vi`, `vi_VN.UTF-8`, `en_US`, `qps`…; nil
    /// for a language the tool does not speak (`C`, `POSIX`, `fr_FR`).
    public init?(name: String) {
        let lowered = name.lowercased()
        if lowered == "qps" || lowered == "pseudo" {
            self = .pseudo
        } else if lowered == "vi" || lowered.hasPrefix("vi_") || lowered.hasPrefix("vi-") || lowered.hasPrefix("vi.") {
            self = .vietnamese
        } else if lowered == "en" || lowered.hasPrefix("en_") || lowered.hasPrefix("en-") || lowered.hasPrefix("en.") {
            self = .english
        } else {
            return nil
        }
    }

    /// The language for a process: the `--lang` value when given, else `PLANCASCADE_LANG`,
    /// else the first of `LC_ALL`, `LC_MESSAGES`, `LANG` that is set (as POSIX orders them;
    /// `vi*` is Vietnamese, anything else English), else English.
    public static func resolve(flag: String?, environment: [String: String]) -> Language {
        if let flag, let language = Language(name: flag) { return language }
        if let chosen = environment["PLANCASCADE_LANG"], !chosen.isEmpty, let language = Language(name: chosen) {
            return language
        }
        for variable in ["LC_ALL", "LC_MESSAGES", "LANG"] {
            guard let value = environment[variable], !value.isEmpty else { continue }
            return Language(name: value) == .vietnamese ? .vietnamese : .english
        }
        return .english
    }

    /// The value of `--lang` in `arguments` (`--lang vi` or `--lang=vi`), if any.
    public static func flag(in arguments: [String]) -> String? {
        for (index, argument) in arguments.enumerated() {
            if argument == "--" { return nil }
            if argument == "--lang", index + 1 < arguments.count { return arguments[index + 1] }
            if argument.hasPrefix("--lang=") { return String(argument.dropFirst("--lang=".count)) }
        }
        return nil
    }
}
