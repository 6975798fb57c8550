import Foundation
import TestSupport

/// Something a web test could not do (a server that did not start, a browser that did not answer).
struct WebTestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A browser-like HTTP client for the route tests: curl (a real HTTP/1.1 client) with a
/// cookie jar of its own; never follows redirects, so each status is seen as sent.
final class HTTPClient: @unchecked Sendable {
    struct Answer {
        let status: Int
        let headers: [String: String]
        let body: String
        let bytes: Data

        /// The CSRF token of the page's first form.
        var csrf: String? {
            guard let range = body.range(of: #"name="csrf" value="[0-9a-f]+""#, options: .regularExpression) else { return nil }
            return String(body[range].dropFirst(#"name="csrf" value=""#.count).dropLast())
        }

        func header(_ name: String) -> String? { headers[name.lowercased()] }
    }

    let base: String
    let jar: String
    /// The CSRF token of the last page seen.
    private(set) var csrf: String?

    init(_ base: String, folder: String) {
        self.base = base
        jar = folder + "/cookies-\(UUID().uuidString.prefix(8)).txt"
    }

    @discardableResult
    func get(_ path: String, headers: [String] = []) throws -> Answer {
        let answer = try curl(["-X", "GET", base + path] + headers.flatMap { ["-H", $0] })
        if let token = answer.csrf { csrf = token }
        return answer
    }

    /// POSTs `fields` (url-encoded); the page's CSRF token is added unless `csrf` says otherwise.
    @discardableResult
    func post(_ path: String, _ fields: [String: String] = [:], csrf token: String?? = .none, headers: [String] = []) throws -> Answer {
        var all = fields
        switch token {
        case .none: if let csrf { all["csrf"] = csrf }
        case .some(let value?): all["csrf"] = value
        case .some(nil): break
        }
        var arguments = ["-X", "POST", base + path] + headers.flatMap { ["-H", $0] }
        for (name, value) in all.sorted(by: { $0.key < $1.key }) { arguments += ["--data-urlencode", "\(name)=\(value)"] }
        if all.isEmpty { arguments += ["--data", ""] }
        return try curl(arguments)
    }

    /// POSTs a file as `multipart/form-data` under the name `file`, with the CSRF token.
    @discardableResult
    func upload(_ path: String, file: String, name: String = "report.xlsx") throws -> Answer {
        try curl(["-X", "POST", base + path, "-F", "csrf=\(csrf ?? "")", "-F", "file=@\(file);filename=\(name)"])
    }

    private func curl(_ arguments: [String]) throws -> Answer {
        let folder = (jar as NSString).deletingLastPathComponent
        let out = folder + "/body-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: out) }
        let result = try Command.run("curl", ["-s", "-S", "-D", "-", "-o", out, "-b", jar, "-c", jar, "--max-time", "120"] + arguments)
        guard result.succeeded else { throw WebTestFailure("curl \(arguments.joined(separator: " ")) failed: \(result.stderr)") }
        var status = 0
        var headers: [String: String] = [:]
        for line in result.stdout.components(separatedBy: "\r\n") {
            if line.hasPrefix("HTTP/") {
                status = Int(line.split(separator: " ")[1]) ?? 0
                headers = [:]
            } else if let colon = line.firstIndex(of: ":") {
                let name = line[..<colon].lowercased(), value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                headers[name] = headers[name].map { $0 + "\n" + value } ?? value
            }
        }
        let bytes = FileManager.default.contents(atPath: out) ?? Data()
        return Answer(status: status, headers: headers, body: String(decoding: bytes, as: UTF8.self), bytes: bytes)
    }
}
