import Foundation
import MultipartKit
import NIOCore

/// One request as the pages see it: method, path, query and form fields, cookies and an
/// uploaded file. Nothing in it ever names a file on disk: pages look ids up in the unit's
/// registry and parse periods with the model's parser.
struct WebRequest: Sendable {
    enum Method: String, Sendable { case get = "GET", post = "POST", other }

    /// An uploaded file: the name the browser gave (shown only, never opened) and its bytes.
    struct Upload: Sendable {
        let filename: String
        let bytes: [UInt8]
    }

    var method: Method
    /// The path, percent-decoded, without the query.
    var path: String
    var query: [String: String]
    var form: [String: String]
    var cookies: [String: String]
    var upload: Upload?
    /// The `Origin` header, when the browser sent one (checked on every POST).
    var origin: String?
    /// The `Host` header.
    var host: String?
    /// The path with its query, as requested (where the language switch comes back to).
    var target: String

    /// The largest body accepted: a filled reporting workbook is a few tens of KiB.
    static let maxBody = 4 * 1024 * 1024

    /// A value of the query or the form (the form wins), trimmed; nil when absent or empty.
    func value(_ name: String) -> String? {
        let raw = form[name] ?? query[name]
        guard let text = raw?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        return text
    }

    /// `a=1&b=x+y` → fields, as browsers encode forms (`+` is a space); a name given twice
    /// keeps its first value.
    static func fields(_ encoded: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in encoded.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) -> String {
                String(part).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(part)
            }
            let name = decode(parts[0])
            if fields[name] == nil { fields[name] = parts.count > 1 ? decode(parts[1]) : "" }
        }
        return fields
    }

    /// `a=1; b=2` → cookies.
    static func cookies(_ header: String?) -> [String: String] {
        var cookies: [String: String] = [:]
        for item in (header ?? "").split(separator: ";") {
            let parts = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2, cookies[parts[0]] == nil { cookies[parts[0]] = parts[1] }
        }
        return cookies
    }

    /// The fields and the file of a `multipart/form-data` body (MultipartKit's parser).
    static func multipart(_ body: ByteBuffer, contentType: String) -> (fields: [String: String], upload: Upload?)? {
        guard let range = contentType.range(of: "boundary=") else { return nil }
        var boundary = String(contentType[range.upperBound...])
        if let end = boundary.firstIndex(of: ";") { boundary = String(boundary[..<end]) }
        boundary = boundary.trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
        guard !boundary.isEmpty else { return nil }
        let parser = MultipartParser(boundary: boundary)
        var parts: [(headers: [(String, String)], body: [UInt8])] = []
        var headers: [(String, String)] = []
        var bytes: [UInt8] = []
        parser.onHeader = { name, value in headers.append((name, value)) }
        parser.onBody = { buffer in bytes += buffer.readBytes(length: buffer.readableBytes) ?? [] }
        parser.onPartComplete = {
            parts.append((headers, bytes))
            headers = []
            bytes = []
        }
        do { try parser.execute(body) } catch { return nil }
        var fields: [String: String] = [:]
        var upload: Upload?
        for part in parts {
            guard let disposition = part.headers.first(where: { $0.0.lowercased() == "content-disposition" })?.1,
                  let name = parameter("name", in: disposition) else { continue }
            if let filename = parameter("filename", in: disposition) {
                if upload == nil, !part.body.isEmpty { upload = Upload(filename: filename, bytes: part.body) }
            } else if fields[name] == nil {
                fields[name] = String(decoding: part.body, as: UTF8.self)
            }
        }
        return (fields, upload)
    }

    /// `name="value"` in a `Content-Disposition` header.
    private static func parameter(_ name: String, in header: String) -> String? {
        for item in header.split(separator: ";") {
            let parts = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.count == 2, parts[0].lowercased() == name {
                return parts[1].trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        return nil
    }
}

/// What a page answers: a status, headers and a body.
struct WebResponse: Sendable {
    var status: Int
    var headers: [(String, String)]
    var body: [UInt8]

    static func html(_ page: String, status: Int = 200) -> WebResponse {
        WebResponse(status: status, headers: [("Content-Type", "text/html; charset=utf-8")], body: Array(page.utf8))
    }

    /// A 303 to `location` (after a POST, so that reloading the page posts nothing again).
    static func redirect(_ location: String) -> WebResponse {
        WebResponse(status: 303, headers: [("Location", location)], body: [])
    }

    /// A file to save: `name` is made by the page from ids and periods it checked.
    static func download(_ bytes: [UInt8], type: String, name: String) -> WebResponse {
        WebResponse(status: 200, headers: [("Content-Type", type), ("Content-Disposition", "attachment; filename=\"\(name)\"")], body: bytes)
    }
}
