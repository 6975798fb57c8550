import Foundation
import Testing
import TestSupport

/// The pseudo-language (`--lang qps`) puts every catalogue text in ⟦…⟧: whatever English is
/// left outside the brackets escaped the catalogue. These runs cover the whole demo and the
/// commands' help and error paths.
@Suite(.serialized) struct PseudoLanguageTests {
    init() { IsolatedGit.setUp() }

    /// Words that only English prose has (data — ids, names, paths, codes — never holds them).
    static let englishWords: Set<String> = [
        "the", "is", "are", "was", "were", "not", "of", "to", "and", "or", "for", "from", "with", "has", "have", "this",
        "that", "its", "it", "be", "by", "on", "at", "in", "as", "an", "no", "nothing", "every", "each", "which", "when",
        "what", "into", "run", "runs", "found", "there", "than", "then", "does", "do", "did", "can", "cannot", "must",
        "should", "would", "will", "yet", "already", "been", "only", "also", "here", "now", "before", "after", "again",
        "your", "you", "our", "we", "they", "their", "use", "see", "show", "shows", "print", "prints", "error", "errors",
        "warning", "warnings", "unit", "units", "target", "targets", "report", "reports", "period", "commit", "commits",
        "child", "children", "parent", "missing", "new", "changed", "push", "pushed", "collected", "published", "pulled",
    ]

    /// The lines of `output` with English outside the pseudo-language's brackets, an
    /// untranslated marker, or a missing code or argument.
    static func escapes(in output: String, allowing allowed: Set<String> = []) -> [String] {
        output.components(separatedBy: "\n").compactMap { line -> String? in
            if line.contains("⚠") || line.contains("«") || line.contains("‹") { return line }
            // A command to type is data: `plancascade …` and `git -C …` up to its comment.
            let typed = line.replacingOccurrences(of: #"(plancascade|git) -C [^⟦#]*"#, with: "", options: .regularExpression)
            var outside = "", depth = 0, inCode = false
            for character in typed {
                if character == "⟦" { depth += 1; continue }
                if character == "⟧" { depth = max(0, depth - 1); continue }
                if depth == 0 {
                    if character == "`" { inCode.toggle(); continue }
                    if !inCode { outside.append(character) }
                }
            }
            // Paths, ids, codes and numbers are data: only plain words count.
            let tokens = outside.split(whereSeparator: \.isWhitespace).filter { token in
                !token.contains { "/.-_=@".contains($0) || $0.isNumber }
            }
            let words = tokens.flatMap { $0.split { !$0.isLetter } }.map { $0.lowercased() }
            let english = words.filter { Self.englishWords.contains($0) && !allowed.contains($0) }
            return english.isEmpty ? nil : "\(line)   ← \(english.joined(separator: ", "))"
        }
    }

    @Test func theDetectorSeesEnglishOutsideTheBrackets() {
        #expect(Self.escapes(in: "⟦Đà làng⟧ ea-nuol 41.940 children/ea-nuol/progress/2024/2024-Q3.json") == [])
        #expect(Self.escapes(in: "⟦à ⟦nested⟧ text⟧ `plancascade report --force`") == [])
        #expect(Self.escapes(in: "⟦à⟧ nothing was committed").count == 1)
        #expect(Self.escapes(in: "  plancascade -C /tmp/x/buon-don targets   # ⟦Bùön⟧") == [])
        #expect(Self.escapes(in: "⚠plain").count == 1)
        #expect(Self.escapes(in: "«check.x»").count == 1)
    }

    @Test func theWholeDemoSpeaksOnlyThroughTheCatalogue() throws {
        let dir = try TemporaryDirectory("pseudo-demo")
        let demo = try Tool.run(["--lang", "qps", "demo", "--out", dir.appending("out")], in: dir.path)
        #expect(demo.status == 0, "\(demo.stderr)")
        let escaped = Self.escapes(in: demo.stdout + "\n" + demo.stderr)
        #expect(escaped.isEmpty, "\(escaped.count) lines escaped the catalogue:\n\(escaped.prefix(40).joined(separator: "\n"))")
    }

    /// A district's and its province's everyday commands, run as the binary in the pseudo-language.
    @Test func everydayCommandsSpeakOnlyThroughTheCatalogue() throws {
        let dir = try HookCommandTests().setUp()
        let district = dir.appending("buon-don"), province = dir.appending("daklak")
        var escaped: [String] = []
        func run(_ arguments: [String], in folder: String) throws {
            let result = try Tool.run(["--lang", "qps"] + arguments, in: folder)
            #expect(result.status == 0 || result.status == 1, "\(arguments): \(result.status) \(result.stderr)")
            // Remote names (`parent`, `origin`) are typed as they are; blame's last column is
            // each commit's own summary, git data the tool writes in English on purpose, as its
            // field column holds JSON field names: only markers count there.
            var found = Self.escapes(in: result.stdout + "\n" + result.stderr, allowing: ["parent", "origin"])
            if arguments.first == "blame" { found = found.filter { $0.contains("⚠") || $0.contains("«") || $0.contains("‹") } }
            escaped += found.map { "\(arguments.joined(separator: " ")): \($0)" }
        }
        let steps: [([String], String)] = [
            (["targets"], district), (["tasks"], district), (["report", "2024-Q3", "DVC-ONLINE=41940/58818", "--dry-run"], district),
            (["report", "2024-Q3", "DVC-ONLINE=41940/58818"], district), (["report", "2024-Q3", "DVC-ONLINE=41940/58818"], district),
            (["push"], district), (["sync"], district), (["collect"], province), (["status"], province),
            (["check", "--as-of", "2024-12-31"], province), (["approve", "buon-don", "2024-Q3"], province), (["log"], province),
            (["trace", "DVC-ONLINE"], province), (["blame", "DVC-ONLINE"], province), (["verify"], province), (["diff", "HEAD~1"], province),
            (["export", "--format", "md", "--out", dir.appending("r.md")], province), (["publish"], province), (["pull"], district),
            (["conflicts"], district), (["validate"], district),
        ]
        for (arguments, folder) in steps { try run(arguments, in: folder) }
        #expect(escaped.isEmpty, "\(escaped.count) lines escaped the catalogue:\n\(escaped.prefix(40).joined(separator: "\n"))")
    }
}
