import Foundation
import PlanModel

/// A unit's `signers/openpgp`: the officials who sign with OpenPGP (GPG) keys, beside the ssh
/// keys of ``AllowedSigners`` — the same rules (README.md, "Signed approvals"): the principal
/// `<name>@<unit-id>` names the unit the official signs for, and listing one requires
/// signatures from then on.
///
/// One line an official: `<name>@<unit-id> <fingerprint> [valid-before=YYYYMMDD]`, the
/// fingerprint of the official's primary key as `gpg --fingerprint` shows it (40 hex digits,
/// or 64 for a v5 key; spaces left out), which `verify` matches against the primary-key
/// fingerprint of gpg's `VALIDSIG` status line. `#` starts a comment.
public struct OpenPGPSigners: Equatable, Sendable {
    /// Where the file lives in a unit's tree.
    public static let path = "signers/openpgp"

    public struct Entry: Equatable, Sendable {
        public let principal: String
        /// Upper-case hex, no spaces.
        public let fingerprint: String
        /// Signatures made on or after this day do not count (a retired official).
        public let validBefore: CivilDate?
    }

    public let entries: [Entry]

    public init(_ bytes: [UInt8]) {
        entries = String(decoding: bytes, as: UTF8.self).split(separator: "\n").compactMap { line in
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard fields.count >= 2, !fields[0].hasPrefix("#"), let fingerprint = Self.fingerprint(fields[1]) else { return nil }
            var validBefore: CivilDate?
            for option in fields.dropFirst(2) where option.hasPrefix("valid-before=") {
                validBefore = Self.day(String(option.dropFirst("valid-before=".count)))
            }
            return Entry(principal: fields[0], fingerprint: fingerprint, validBefore: validBefore)
        }
    }

    /// Whether the file lists an official who signs for `unit`.
    public func lists(unit: String) -> Bool {
        entries.contains { AllowedSigners.unit(of: $0.principal) == unit }
    }

    /// The principals listed with `fingerprint` whose listing holds on `day` (the signature's).
    public func principals(for fingerprint: String, on day: CivilDate) -> [String] {
        guard let wanted = Self.fingerprint(fingerprint) else { return [] }
        return entries.filter { $0.fingerprint == wanted && ($0.validBefore.map { day < $0 } ?? true) }.map(\.principal)
    }

    /// Whether `principal` is listed with `fingerprint`.
    public func contains(principal: String, fingerprint: String) -> Bool {
        entries.contains { $0.principal == principal && $0.fingerprint == Self.fingerprint(fingerprint) }
    }

    /// `fingerprint` in upper case without spaces, when it is 40 or 64 hex digits; else nil.
    public static func fingerprint(_ text: String) -> String? {
        let hex = text.filter { !$0.isWhitespace }.uppercased()
        guard hex.count == 40 || hex.count == 64, hex.allSatisfy({ $0.isHexDigit && $0.isASCII }) else { return nil }
        return hex
    }

    /// `YYYYMMDD` (ssh-keygen's form, as in allowed_signers) or `YYYY-MM-DD`.
    public static func day(_ text: String) -> CivilDate? {
        let digits = text.filter { $0 != "-" }
        guard digits.count == 8, digits.allSatisfy(\.isNumber), let year = Int(digits.prefix(4)),
              let month = Int(digits.dropFirst(4).prefix(2)), let day = Int(digits.suffix(2)) else { return nil }
        return CivilDate(year: year, month: month, day: day)
    }

    /// The UTC day of `time` (seconds since 1970), as a signature's day is judged.
    static func day(of time: Int64) -> CivilDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: TimeInterval(time)))
        return CivilDate(year: c.year!, month: c.month!, day: c.day!)!
    }
}
