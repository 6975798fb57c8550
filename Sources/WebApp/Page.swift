import Foundation
import PlanModel
import PlanStore

/// Who asks for a page, and how to speak to them: the language (the `lang` query parameter
/// or cookie; Vietnamese unless told), the session's CSRF token, the account when logged in.
struct Visitor: Sendable {
    /// The session's id (never shown on a page).
    var session: String = ""
    let language: Language
    let csrf: String
    let account: WebAccounts.Account?
    /// The request's path and query, for the language switch and the login's way back.
    let target: String
    let path: String
    var flash: [SessionStore.Flash] = []
    /// What the visitor may do here: on localhost without accounts, everything.
    let roles: Set<WebAccounts.Role>

    /// A catalogue text in the visitor's language.
    func t(_ code: String, _ arguments: [String: Message.Value] = [:]) -> String {
        Message(code, arguments).rendered(in: language)
    }

    func say(_ message: Message) -> String { message.rendered(in: language) }

    /// A value as the visitor's language writes it (41.940; 20/06/2024; Quý III/2024).
    func shown(_ value: Message.Value) -> String { Catalogue.format(value, in: language) }

    func may(_ role: WebAccounts.Role) -> Bool { roles.contains(role) }

    /// `href` with the language switched to `language`.
    func switching(to language: Language) -> String {
        var components = URLComponents(string: target) ?? URLComponents()
        var items = (components.queryItems ?? []).filter { $0.name != "lang" }
        items.append(URLQueryItem(name: "lang", value: language.rawValue))
        components.queryItems = items
        return components.string ?? "/?lang=\(language.rawValue)"
    }
}

/// Builds a page: the layout (unit, navigation by the unit's level, language switch, the
/// session's messages) around content rendered from ``Templates``.
enum Page {
    /// The pages a unit's navigation offers: a reporting unit (no children) reports; a unit
    /// with children follows them; both have the inspector's pages.
    static func navigation(for unit: PlanModel.Unit, visitor: Visitor) -> [[String: Any]] {
        var items: [(String, String)] = [("/", "web.nav.home")]
        if unit.children.isEmpty {
            items.append(("/report", "web.nav.report"))
        } else {
            items.append(("/downloads", "web.nav.downloads"))
        }
        items += [("/inspect/check", "web.nav.check"), ("/inspect/history", "web.nav.history"), ("/inspect/trace", "web.nav.trace"), ("/inspect/reorg", "web.nav.reorg")]
        return items.map { href, code in ["href": href, "label": visitor.t(code), "here": visitor.path == href] }
    }

    static func render(title: String, content: String, unit: PlanModel.Unit?, visitor: Visitor, refresh: Int? = nil, status: Int = 200) -> WebResponse {
        var context: [String: Any] = [
            "lang": visitor.language == .english ? "en" : "vi",
            "title": title,
            "style": Templates.style,
            "unitName": unit?.name ?? "PlanCascade",
            "level": unit.map { headerLevel(name: $0.name, level: levelName($0.level, visitor)) } ?? "",
            "csrf": visitor.csrf,
            "logout": visitor.t("web.logout"),
            "languages": [(Language.vietnamese, "Tiếng Việt"), (Language.english, "English")].map { language, label in
                ["label": label, "href": visitor.switching(to: language), "current": visitor.language == language] as [String: Any]
            },
            "nav": unit.map { navigation(for: $0, visitor: visitor) } ?? [],
            "flash": visitor.flash.map { ["kind": $0.kind.rawValue, "lines": $0.lines] as [String: Any] },
            "content": content,
        ]
        if let account = visitor.account {
            context["user"] = account.user
            context["role"] = visitor.t("web.role.\(account.role.rawValue)")
        }
        if let refresh { context["refresh"] = String(refresh) }
        return .html(Templates.render("layout", context), status: status)
    }

    /// The level shown after the unit's name in the header: none when the name already says it
    /// ("UBND xã Ea Nuôl" is not followed by "xã" again).
    static func headerLevel(name: String, level: String) -> String {
        let words = name.lowercased().split(whereSeparator: { $0.isWhitespace || $0.isPunctuation })
        let levelWords = level.lowercased().split(whereSeparator: { $0.isWhitespace })
        guard !levelWords.isEmpty, words.count >= levelWords.count else { return level }
        let said = (0...(words.count - levelWords.count)).contains { Array(words[$0..<($0 + levelWords.count)]) == levelWords }
        return said ? "" : level
    }

    /// A level as the catalogue names it (`xã`, `huyện`, `tỉnh`), else as written.
    static func levelName(_ level: String, _ visitor: Visitor) -> String {
        Catalogue.template("term.level.\(level)", in: .english) == nil ? level : visitor.t("term.level.\(level)")
    }

    /// A table: `columns` headings, `rows` of cells (``cell(_:href:class:small:)``).
    static func table(heading: String? = nil, note: String? = nil, id: String? = nil, columns: [String], rows: [[String: Any]], empty: String) -> String {
        var context: [String: Any] = ["columns": columns, "rows": rows]
        if let heading { context["heading"] = heading }
        if let note { context["note"] = note }
        if let id { context["id"] = id }
        if rows.isEmpty { context["empty"] = empty }
        return Templates.render("table", context)
    }

    static func row(_ cells: [[String: Any]], id: String? = nil) -> [String: Any] {
        var row: [String: Any] = ["cells": cells]
        if let id { row["id"] = id }
        return row
    }

    static func cell(_ text: String, href: String? = nil, class style: String? = nil, small: String? = nil, html: String? = nil) -> [String: Any] {
        var cell: [String: Any] = ["text": text]
        if let href { cell["href"] = href }
        if let style { cell["class"] = style }
        if let small { cell["small"] = small }
        if let html { cell["html"] = html }
        return cell
    }

    /// A form of one button posting `fields` (with the CSRF token) to `action`.
    static func button(_ label: String, action: String, fields: [String: String] = [:], reason: String? = nil, second: Bool = false,
                       id: String? = nil, visitor: Visitor) -> String {
        var context: [String: Any] = [
            "label": label, "action": action, "csrf": visitor.csrf, "second": second,
            "fields": fields.sorted { $0.key < $1.key }.map { ["name": $0.key, "value": $0.value] },
        ]
        if let reason { context["reason"] = reason }
        if let id { context["id"] = id }
        return Templates.render("button-form", context)
    }

    static func paragraphs(_ lines: [(String, String?)], after: String = "") -> String {
        Templates.render("paragraphs", ["lines": lines.map { text, style in ["text": text, "class": style ?? ""] as [String: Any] }, "after": after])
    }

    static func section(_ html: String) -> String { "<section>\(html)</section>" }

    /// A figure as the visitor's language writes it: `41.940/58.818 (71,30%)` or `62,4`.
    static func figure(_ figure: Figure, _ visitor: Visitor) -> String {
        if let numerator = figure.numerator, let denominator = figure.denominator {
            var text = visitor.shown(.number(numerator)) + "/" + visitor.shown(.number(denominator))
            if let ratio = figure.ratio { text += " (" + visitor.shown(.percent((ratio * Exact(100)).rounded(scale: 2))) + ")" }
            return text
        }
        return figure.value.map { visitor.shown(.number($0)) } ?? "—"
    }
}
