import Foundation
import Git

/// A cache, kept beside the objects (`<git dir>/plancascade/cache/trailers/`), of the
/// ``FirstParentTrailers`` record of a few commits, so that a `collect` (or `check`, `verify`)
/// walks only the first-parent commits made since the last walk, not the whole line (two
/// commits per child and per collect: at 400 communes, most of a district's collect).
///
/// A record is a pure function of its commit's id: a commit names its parents, so its id fixes
/// its whole first-parent line and every trailer on it. An entry is named by that id and
/// carries the blob id of its body; an entry whose checksum, commit or text does not match is
/// ignored and the line walked again. A child cannot poison it: only this command writes it,
/// from commits this repository holds (a child that pushes another history pushes other ids).
/// Deleting the folder is always safe; it keeps its ``maxEntries`` newest entries.
/// `PLANCASCADE_TRAILER_CACHE=off` turns it off (to measure, or to rule it out).
struct TrailerCache {
    static let version = 1
    static let header = "plancascade-trailer-cache"
    /// Each entry names every child once (~90 bytes a child): 32 of them are a few MiB at most.
    static let maxEntries = 32
    /// A walk at least this long leaves an entry at its start, for the next walk to stop at.
    static let worthKeeping = 8

    let folder: String

    init?(git: Repository, environment: [String: String] = ProcessInfo.processInfo.environment) {
        guard environment["PLANCASCADE_TRAILER_CACHE"] != "off" else { return nil }
        folder = (git.gitDirectory as NSString).appendingPathComponent("plancascade/cache/trailers")
    }

    /// The commits that have an entry (one directory listing, so a walk probes no file).
    func entries() -> Set<String> {
        Set((try? FileManager.default.contentsOfDirectory(atPath: folder))?.filter { $0.count == 40 } ?? [])
    }

    /// `commit`'s record; nil when there is none, or it is damaged or another commit's.
    func read(_ commit: Oid) -> FirstParentTrailers.Record? {
        guard let data = FileManager.default.contents(atPath: "\(folder)/\(commit.hex)") else { return nil }
        let bytes = [UInt8](data)
        guard let newline = bytes.firstIndex(of: 0x0A) else { return nil }
        let first = String(decoding: bytes[..<newline], as: UTF8.self).split(separator: " ")
        let body = Array(bytes[(newline + 1)...])
        guard first.count == 3, first[0] == Self.header, first[1] == "\(Self.version)", first[2] == Oid.ofBlob(body).hex,
              let record = FirstParentTrailers.Record(text: String(decoding: body, as: UTF8.self)), record.commit == commit
        else { return nil }
        return record
    }

    /// Stores `record`; a cache that cannot be written (a read-only repository) is simply not
    /// written, nor a record its text form cannot hold.
    func write(_ record: FirstParentTrailers.Record) {
        guard let text = record.text else { return }
        let body = Array(text.utf8)
        let bytes = Array("\(Self.header) \(Self.version) \(Oid.ofBlob(body).hex)\n".utf8) + body
        let path = "\(folder)/\(record.commit.hex)"
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            // A temporary file renamed into place: a reader sees a whole entry or none.
            let temporary = path + ".tmp-\(getpid())"
            guard FileManager.default.createFile(atPath: temporary, contents: Data(bytes)) else { return }
            guard rename(temporary, path) == 0 else {
                unlink(temporary)
                return
            }
            prune()
        } catch {
            return
        }
    }

    /// Keeps the newest half of ``maxEntries`` once there are more.
    private func prune() {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder), names.count > Self.maxEntries else { return }
        let dated = names.map { name -> (String, Date) in
            let path = (folder as NSString).appendingPathComponent(name)
            return (path, (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date ?? .distantPast)
        }.sorted { $0.1 > $1.1 }
        for (path, _) in dated.dropFirst(Self.maxEntries / 2) { unlink(path) }
    }
}

extension FirstParentTrailers {
    /// What the first-parent line from `commit` records, as the cache keeps it.
    struct Record: Equatable {
        var commit: Oid
        var collected: [String: Oid]
        /// Whether a pull's `Parent-Commit` trailer was found (its text may not be a commit id).
        var derivedFound: Bool
        var derivedFrom: Oid?

        /// One line per field, words separated by one space:
        ///
        ///     commit <hex>
        ///     derived <hex> | derived - | none
        ///     collected <child> <hex>
        var text: String? {
            var lines = ["commit \(commit.hex)", derivedFound ? "derived \(derivedFrom?.hex ?? "-")" : "derived none"]
            for (child, head) in collected.sorted(by: { $0.key < $1.key }) {
                // A child's own history (read by `ChildTreeCheck`) may name anything: such a
                // record is not kept.
                guard !child.isEmpty, child != "-", child.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else { return nil }
                lines.append("collected \(child) \(head.hex)")
            }
            return lines.joined(separator: "\n") + "\n"
        }

        init(commit: Oid, collected: [String: Oid], derivedFound: Bool, derivedFrom: Oid?) {
            self.commit = commit
            self.collected = collected
            self.derivedFound = derivedFound
            self.derivedFrom = derivedFrom
        }

        init?(text: String) {
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            guard lines.count >= 3, lines.last == "" else { return nil }
            let head = lines[0].split(separator: " ", omittingEmptySubsequences: false)
            guard head.count == 2, head[0] == "commit", let commit = Oid(hex: String(head[1])) else { return nil }
            let derived = lines[1].split(separator: " ", omittingEmptySubsequences: false)
            guard derived.count == 2, derived[0] == "derived" else { return nil }
            var found = true, from: Oid?
            switch derived[1] {
            case "none": found = false
            case "-": from = nil
            default:
                guard let oid = Oid(hex: String(derived[1])) else { return nil }
                from = oid
            }
            var collected: [String: Oid] = [:]
            for line in lines[2..<(lines.count - 1)] {
                let words = line.split(separator: " ", omittingEmptySubsequences: false)
                guard words.count == 3, words[0] == "collected", !words[1].isEmpty, let oid = Oid(hex: String(words[2])),
                      collected.updateValue(oid, forKey: String(words[1])) == nil else { return nil }
            }
            self.init(commit: commit, collected: collected, derivedFound: found, derivedFrom: from)
        }
    }
}
