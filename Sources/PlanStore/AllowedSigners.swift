import Foundation
import PlanModel

/// A unit's `signers/allowed_signers`: the officials who may sign for the unit and for its
/// children, in git's allowed-signers format (ssh-keygen(1), "ALLOWED SIGNERS"; what
/// `git -c gpg.ssh.allowedSignersFile=signers/allowed_signers verify-commit` reads).
///
/// One line an official: `<name>@<unit-id> namespaces="git" <key-type> <base64-key> [comment]`.
/// The principal names the unit the official signs for: what follows its last `@`. Listing
/// an official of a unit is what requires signatures (README.md, "Signed approvals"):
/// of this unit's approvals when the unit is this one, of a child's whole history from then
/// on when the unit is a child.
public struct AllowedSigners: Equatable, Sendable {
    /// Where the file lives in a unit's tree.
    public static let path = "signers/allowed_signers"

    public struct Entry: Equatable, Sendable {
        public let principals: [String]
        /// `ssh-ed25519 AAAA…` (type and base64, without options or comment).
        public let key: String
    }

    public let entries: [Entry]

    public init(_ bytes: [UInt8]) {
        entries = String(decoding: bytes, as: UTF8.self).split(separator: "\n").compactMap { Self.parse(Substring($0)) }
    }

    /// The unit a principal signs for: what follows its last `@` (nil without one).
    public static func unit(of principal: String) -> String? {
        guard let at = principal.lastIndex(of: "@") else { return nil }
        let unit = String(principal[principal.index(after: at)...])
        return unit.isEmpty ? nil : unit
    }

    /// Whether the file lists an official who signs for `unit`.
    public func lists(unit: String) -> Bool {
        entries.contains { $0.principals.contains { Self.unit(of: $0) == unit } }
    }

    /// Whether `principal` is listed with `key` (type and base64).
    public func contains(principal: String, key: String) -> Bool {
        entries.contains { $0.key == key && $0.principals.contains(principal) }
    }

    /// One line as ssh-keygen reads it: principals (maybe quoted), options (maybe), key.
    static func parse(_ line: Substring) -> Entry? {
        let text = line.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty, !text.hasPrefix("#") else { return nil }
        var fields: [String] = []
        var current = "", quoted = false
        for character in text {
            if character == "\"" { quoted.toggle(); current.append(character); continue }
            if !quoted, character == " " || character == "\t" {
                if !current.isEmpty { fields.append(current) }
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { fields.append(current) }
        guard fields.count >= 3 else { return nil }
        let principals = fields[0].trimmingCharacters(in: CharacterSet(charactersIn: "\"")).split(separator: ",").map(String.init)
        // The key type is the first field after the principals that looks like one.
        guard let typeIndex = fields.indices.dropFirst().first(where: { Self.isKeyType(fields[$0]) }), typeIndex + 1 < fields.count else { return nil }
        return Entry(principals: principals, key: fields[typeIndex] + " " + fields[typeIndex + 1])
    }

    static func isKeyType(_ field: String) -> Bool {
        field.hasPrefix("ssh-") || field.hasPrefix("ecdsa-sha2-") || field.hasPrefix("sk-")
    }

    /// The `type base64` of an OpenSSH public key line (`ssh-ed25519 AAAA… comment`); nil
    /// when it is not one.
    public static func publicKey(in text: String) -> String? {
        let fields = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).map(String.init)
        guard fields.count >= 2, isKeyType(fields[0]), let blob = Data(base64Encoded: fields[1]), blob.count > 8 else { return nil }
        // The blob starts with the key type again (RFC 4253 string).
        let length = blob.prefix(4).reduce(0) { $0 << 8 | Int($1) }
        guard length == fields[0].utf8.count, blob.count >= 4 + length,
              String(decoding: blob.dropFirst(4).prefix(length), as: UTF8.self) == fields[0] else { return nil }
        return fields[0] + " " + fields[1]
    }
}
