import Foundation
import Git
import PlanModel

/// What one unit's folder rolls up to on its own: the totals of the unit and every unit
/// collected below it, by the folder structure alone (no reorganisation decision applied),
/// with one set of indicator definitions. A pure function of the folder's tree, the unit's
/// id (its folder name) and the indicators — so it can be kept between commands.
struct SubtreeSummary: Sendable, Equatable {
    /// The unit's id (its folder's name).
    var id: String
    /// The folder's tree (hex).
    var tree: String
    /// ``RollupCache/digest(of:)`` of the indicator definitions the totals were made with.
    var indicators: String
    /// Every unit in the folder, the unit first, depth first in folder order (an id found
    /// twice is listed twice: such a summary is never used).
    var ids: [String]
    /// Every period some unit in the folder reported, ascending.
    var periods: [Period]
    /// The unit's totals over its folder, by period (those with figures only), ascending.
    var rollups: [Rollup]

    var byPeriod: [Period: Rollup] { Dictionary(rollups.map { ($0.period, $0) }) { first, _ in first } }
}

/// A cache, kept beside the objects (`<git dir>/plancascade/cache/rollups/`), of each
/// collected unit's ``SubtreeSummary``, so that a `collect`, `check` or `verify` decodes
/// only the folders that changed since one of them last ran.
///
/// It can never be poisoned by a child: an entry is named by the folder's tree id, the id
/// and the indicators' digest, computed here from a tree this repository holds, and only
/// this command writes it; a child that pushes other bytes pushes another tree. It is never
/// trusted blindly either: each file carries the blob id of its body, and an entry whose
/// checksum or key does not match, or that does not decode, is ignored (and recomputed).
/// It is bounded: each of the 256 fan-out folders keeps its ``maxEntriesPerFolder`` newest
/// entries. Deleting the folder is always safe.
struct RollupCache {
    static let version = 1
    /// 256 × 64 entries of a few hundred bytes: a few MiB at most.
    static let maxEntriesPerFolder = 64
    static let header = "plancascade-rollup-cache"

    struct Key: Hashable, Sendable {
        let id: String
        let tree: Oid
        let indicators: Oid

        /// The entry's file name: the blob id of the key's text.
        var name: String { Oid.ofBlob(Array("\(RollupCache.version) \(id) \(tree.hex) \(indicators.hex)".utf8)).hex }
    }

    let folder: String

    /// The cache of `git`'s repository; nil when it is turned off
    /// (`PLANCASCADE_ROLLUP_CACHE=off`, to measure or to rule it out).
    init?(git: Repository, environment: [String: String] = ProcessInfo.processInfo.environment) {
        guard environment["PLANCASCADE_ROLLUP_CACHE"] != "off" else { return nil }
        folder = (git.gitDirectory as NSString).appendingPathComponent("plancascade/cache/rollups")
    }

    func path(of key: Key) -> String {
        let name = key.name
        return "\(folder)/\(name.prefix(2))/\(name.dropFirst(2))"
    }

    /// The entry for `key`; nil when there is none, or it is damaged or is not the key's.
    func read(_ key: Key) -> SubtreeSummary? {
        guard let data = FileManager.default.contents(atPath: path(of: key)) else { return nil }
        let bytes = [UInt8](data)
        guard let newline = bytes.firstIndex(of: 0x0A) else { return nil }
        let first = String(decoding: bytes[..<newline], as: UTF8.self).split(separator: " ")
        let body = Array(bytes[(newline + 1)...])
        guard first.count == 3, first[0] == Self.header, first[1] == "\(Self.version)", first[2] == Oid.ofBlob(body).hex,
              let summary = SubtreeSummary(text: String(decoding: body, as: UTF8.self)),
              summary.id == key.id, summary.tree == key.tree.hex, summary.indicators == key.indicators.hex
        else { return nil }
        return summary
    }

    /// Stores `summary` under `key`; a cache that cannot be written (a read-only repository)
    /// is simply not written, nor a summary its text form cannot hold.
    func write(_ summary: SubtreeSummary, for key: Key) {
        guard let text = summary.text else { return }
        let body = Array(text.utf8)
        let bytes = Array("\(Self.header) \(Self.version) \(Oid.ofBlob(body).hex)\n".utf8) + body
        let path = path(of: key)
        let directory = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            // A temporary file renamed into place: a reader sees a whole entry or none (a
            // power cut's torn file fails its checksum and is recomputed).
            let temporary = path + ".tmp-\(getpid())"
            guard FileManager.default.createFile(atPath: temporary, contents: Data(bytes)) else { return }
            guard rename(temporary, path) == 0 else {
                unlink(temporary)
                return
            }
            prune(directory)
        } catch {
            return
        }
    }

    /// Keeps the newest ``maxEntriesPerFolder`` entries of one fan-out folder.
    private func prune(_ directory: String) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory),
              names.count > Self.maxEntriesPerFolder else { return }
        let dated = names.map { name -> (String, Date) in
            let path = (directory as NSString).appendingPathComponent(name)
            let attributes = try? FileManager.default.attributesOfItem(atPath: path)
            return (path, attributes?[.modificationDate] as? Date ?? .distantPast)
        }.sorted { $0.1 > $1.1 }
        for (path, _) in dated.dropFirst(Self.maxEntriesPerFolder / 2) { unlink(path) }
    }

    /// A digest of indicator definitions by year: the blob id of their canonical JSON.
    static func digest(of indicators: [Int: [String: Indicator]]) throws -> Oid {
        let byYear = Dictionary(uniqueKeysWithValues: indicators.map { (String($0.key), $0.value) })
        return Oid.ofBlob(try CanonicalJSON.encode(byYear))
    }
}

/// The cache's text form of a summary: a line per field, words separated by one space, read
/// without the document decoder (a collect reads one per unchanged child):
///
///     id c17
///     tree <hex>
///     indicators <hex>
///     ids c17
///     periods 2024-06-01 2024-06-02
///     rollup 2024-06-01
///     figure DVC-ONLINE 1 17 100 17.00 c17     (code, units, numerator, denominator, value — "-" for none — contributors)
extension SubtreeSummary {
    var text: String? {
        func word(_ text: String) -> Bool { !text.isEmpty && text != "-" && !text.contains { $0 == " " || $0.isNewline } }
        guard word(id), ids.allSatisfy(word) else { return nil }
        var lines = ["id \(id)", "tree \(tree)", "indicators \(indicators)", "ids " + ids.joined(separator: " "),
                     "periods " + periods.map(\.description).joined(separator: " ")]
        for rollup in rollups {
            guard word(rollup.unit), rollup.unit == id else { return nil }
            lines.append("rollup \(rollup.period)")
            for (code, figure) in rollup.figures.sorted(by: { $0.key < $1.key }) {
                guard word(code), figure.contributors.allSatisfy(word) else { return nil }
                let numbers = [figure.numerator, figure.denominator, figure.value].map { $0?.description ?? "-" }
                lines.append((["figure", code, String(figure.units)] + numbers + figure.contributors).joined(separator: " "))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    init?(text: String) {
        var fields: [String: [String]] = [:]
        var rollups: [Rollup] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            let words = line.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
            guard let name = words.first else { return nil }
            let rest = Array(words.dropFirst())
            switch name {
            case "id", "tree", "indicators", "ids", "periods":
                guard fields[name] == nil else { return nil }
                fields[name] = rest.filter { !$0.isEmpty }
            case "rollup":
                guard rest.count == 1, let period = Period(rest[0]) else { return nil }
                rollups.append(Rollup(unit: "", period: period))
            case "figure":
                guard rest.count >= 5, !rollups.isEmpty, let units = Int(rest[1]) else { return nil }
                var numbers: [Exact?] = []
                for word in rest[2...4] {
                    if word == "-" { numbers.append(nil); continue }
                    guard let number = Exact(word) else { return nil }
                    numbers.append(number)
                }
                rollups[rollups.count - 1].figures[rest[0]] = RollupFigure(
                    numerator: numbers[0], denominator: numbers[1], value: numbers[2], units: units, contributors: Array(rest[5...]))
            default:
                return nil
            }
        }
        guard let id = fields["id"], id.count == 1, let tree = fields["tree"], tree.count == 1,
              let indicators = fields["indicators"], indicators.count == 1, let ids = fields["ids"], let periods = fields["periods"]
        else { return nil }
        var parsed: [Period] = []
        for period in periods {
            guard let value = Period(period) else { return nil }
            parsed.append(value)
        }
        self.init(
            id: id[0], tree: tree[0], indicators: indicators[0], ids: ids, periods: parsed,
            rollups: rollups.map { Rollup(unit: id[0], period: $0.period, figures: $0.figures) })
    }
}
