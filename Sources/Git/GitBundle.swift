/// The header of a git bundle (`git bundle`'s v2 format, gitformat-bundle(5)): what a file
/// carried on a USB stick holds instead of a push over a network.
///
/// ```
/// # v2 git bundle
/// -<oid> <comment>          one line per prerequisite: a commit the receiver must have
/// <oid> <refname>           one line per reference the bundle carries
///                           a blank line, then a packfile
/// ```
///
/// Reading is bounded (a bundle comes from elsewhere and may be hostile): the header may be
/// at most ``maxHeaderBytes`` long, with at most ``maxReferences`` references and
/// ``maxPrerequisites`` prerequisites, each a full 40-digit id.
public struct GitBundle: Equatable, Sendable {
    /// The first line of every v2 bundle.
    public static let signature = "# v2 git bundle\n"
    public static let maxHeaderBytes = 64 << 10
    public static let maxReferences = 64
    public static let maxPrerequisites = 256

    /// Why a file is not a bundle this reader takes.
    public enum FormatError: Error, Equatable, Sendable {
        /// The file does not start with ``GitBundle/signature`` (a v3 bundle, or no bundle at all).
        case notABundle
        /// The header has no blank line within ``GitBundle/maxHeaderBytes``.
        case headerTooLong
        /// Line `line` (1 = the signature) is not a prerequisite or reference line.
        case badLine(line: Int)
        case tooManyReferences(count: Int)
        case tooManyPrerequisites(count: Int)
        /// The header names no reference.
        case noReferences
        /// What follows the header is not a packfile.
        case noPack
    }

    /// Commits the receiver must already have (the bundle's pack leaves them out).
    public var prerequisites: [Oid]
    /// The references the bundle carries, in the order written.
    public var references: [(name: String, target: Oid)]

    public init(prerequisites: [Oid], references: [(name: String, target: Oid)]) {
        self.prerequisites = prerequisites
        self.references = references
    }

    public static func == (lhs: GitBundle, rhs: GitBundle) -> Bool {
        lhs.prerequisites == rhs.prerequisites && lhs.references.map(\.name) == rhs.references.map(\.name)
            && lhs.references.map(\.target) == rhs.references.map(\.target)
    }

    /// The header's bytes, up to and including the blank line that ends it.
    public var header: [UInt8] {
        var text = Self.signature
        for oid in prerequisites { text += "-\(oid.hex)\n" }
        for (name, target) in references { text += "\(target.hex) \(name)\n" }
        return Array((text + "\n").utf8)
    }

    /// Parses the header at the start of `bytes` (a bundle file's first bytes: at least the
    /// whole header, or the whole file when shorter).
    /// - Returns: the header and where its pack starts in `bytes`.
    /// - Throws: ``FormatError`` when `bytes` do not start with a v2 header this reader takes.
    public static func parse(_ bytes: [UInt8]) throws(FormatError) -> (bundle: GitBundle, packOffset: Int) {
        let signature = Array(Self.signature.utf8)
        guard bytes.starts(with: signature) else { throw .notABundle }
        var prerequisites: [Oid] = [], references: [(name: String, target: Oid)] = []
        var start = signature.count
        var line = 1
        while true {
            guard let end = bytes[start...].prefix(max(0, maxHeaderBytes - start)).firstIndex(of: 0x0A) else {
                // A file that ends before its header does is cut short, not long.
                throw bytes.count < maxHeaderBytes ? .noPack : .headerTooLong
            }
            line += 1
            let text = bytes[start..<end]
            start = end + 1
            if text.isEmpty { break }
            let isPrerequisite = text.first == UInt8(ascii: "-")
            let body = isPrerequisite ? text.dropFirst() : text[...]
            guard body.count >= 40, let oid = Oid(hex: String(decoding: body.prefix(40), as: UTF8.self)) else { throw .badLine(line: line) }
            let rest = body.dropFirst(40)
            if isPrerequisite {
                // "-<oid>" optionally followed by a space and a comment.
                guard rest.isEmpty || rest.first == UInt8(ascii: " ") else { throw .badLine(line: line) }
                prerequisites.append(oid)
                if prerequisites.count > maxPrerequisites { throw .tooManyPrerequisites(count: prerequisites.count) }
            } else {
                guard rest.first == UInt8(ascii: " "), rest.count > 1 else { throw .badLine(line: line) }
                let name = String(decoding: rest.dropFirst(), as: UTF8.self)
                guard name.hasPrefix("refs/"), !name.contains(" "), !name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) else {
                    throw .badLine(line: line)
                }
                references.append((name, oid))
                if references.count > maxReferences { throw .tooManyReferences(count: references.count) }
            }
        }
        if references.isEmpty { throw .noReferences }
        guard bytes[start...].starts(with: Array("PACK".utf8)) else { throw .noPack }
        return (GitBundle(prerequisites: prerequisites, references: references), start)
    }
}
