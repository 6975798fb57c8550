/// The hook scripts `plancascade hooks install` writes; `Hooks/` in the repository holds the
/// same text (a test keeps them equal).
public enum HookScripts {
    public static let preCommit = """
        #!/bin/sh
        # PlanCascade client hook: refuses a commit whose staged plan files are invalid or lower a
        # target below what the unit inherited. Installed by `plancascade hooks install`.
        exec "${PLANCASCADE_BIN:-plancascade}" hook pre-commit "$@"

        """

    public static let preReceive = """
        #!/bin/sh
        # PlanCascade server hook for a unit's hub: refuses pushes that carry invalid files, write
        # outside the pusher's refs/children/<id>/, lower inherited targets, edit inherited
        # provenance, rewrite collected history or change an approved report. Installed by
        # `plancascade hooks install --server`.
        exec "${PLANCASCADE_BIN:-plancascade}" hook pre-receive "$@"

        """

    /// `script` with `PLANCASCADE_BIN` defaulting to `binary`, so the hook runs whatever
    /// `PATH` git gives it.
    static func pinned(_ script: String, binary: String) -> String {
        var lines = script.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // Inside double quotes only \ " $ and ` are special.
        var escaped = ""
        for character in binary {
            if "\\\"$`".contains(character) { escaped.append("\\") }
            escaped.append(character)
        }
        lines.insert("PLANCASCADE_BIN=\"${PLANCASCADE_BIN:-\(escaped)}\"; export PLANCASCADE_BIN", at: 1)
        return lines.joined(separator: "\n")
    }
}

import Foundation
