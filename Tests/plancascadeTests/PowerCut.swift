import Foundation
import TestSupport

/// A documented simulation of a power cut (no device-mapper for `dm-flakey` here, and no FUSE
/// file system in Debian that drops unsynced writes): a command runs under `strace`, which records every
/// open, write, truncate, `fsync`, rename, link and unlink with the bytes written; the record
/// is replayed on a model of the disk that keeps, for every file, what the process saw and what
/// an `fsync` made durable, and for every folder which names a folder `fsync` made durable.
///
/// At a cut after any recorded call, two disks are built from the repository as it was before
/// the command:
/// - **synced only** (`strict`): only what was synced survives — a file's bytes as of its last
///   `fsync`, a name (create, rename, unlink) only once its folder was synced; the least POSIX
///   promises;
/// - **names before data** (`namesFirst`): every create, rename and unlink reached the disk,
///   but no unsynced bytes did (a file never synced is empty) — what a journalling file system
///   that commits metadata before delayed data (ext4 `data=writeback`, or delayed allocation
///   without `auto_da_alloc`) can leave.
///
/// What the model does not cover: folders are taken as made durable at once (`mkdir` is not
/// replayed), writes through memory maps are not seen (``PowerCut/Trace/replay()`` checks that
/// the replay ends with the very bytes the command left, so a missed write fails the test), and
/// a cut inside one `write` call is not tried.
enum PowerCut {
    enum Variant: String, CaseIterable { case strict, namesFirst }

    /// One recorded system call that changes what a disk holds.
    enum Operation {
        case open(path: String, fd: Int, create: Bool, truncate: Bool, append: Bool, directory: Bool)
        case write(fd: Int, bytes: [UInt8], offset: Int?)
        case truncate(fd: Int, length: Int)
        case sync(fd: Int)
        case close(fd: Int)
        case duplicate(from: Int, to: Int)
        case rename(from: String, to: String)
        case unlink(path: String)
        case link(from: String, to: String)

        /// A point after which the durable state can differ: a sync, a rename or an unlink.
        var isBarrier: Bool {
            switch self {
            case .sync, .rename, .unlink, .link: return true
            default: return false
            }
        }
    }

    /// The system calls `strace` records for the simulation.
    static let traced = "openat,open,creat,write,pwrite64,writev,pwritev,ftruncate,fsync,fdatasync,close,dup,dup2,dup3,"
        + "rename,renameat,renameat2,unlink,unlinkat,link,linkat"

    /// Whether `strace` can trace here (installed, and ptrace allowed).
    static var available: Bool {
        guard let result = try? Command.run("strace", ["-o", "/dev/null", "true"]) else { return false }
        return result.succeeded
    }

    // MARK: - Reading strace's record

    /// Reads a record written with `strace -f -qq -y -xx -s <big>`: every string and every
    /// decorated path is hex-escaped, so commas and parentheses only separate.
    static func parse(_ log: String, cwd: String) -> [Operation] {
        var operations: [Operation] = []
        var pending: [Substring: String] = [:]
        for raw in log.split(separator: "\n") {
            guard let space = raw.firstIndex(of: " ") else { continue }
            let pid = raw[..<space]
            // strace pads the pid to five columns: "6939  openat(…" has two spaces, "16939 openat(…" one.
            var line = String(raw[raw.index(after: space)...].drop { $0 == " " })
            if line.hasSuffix(" <unfinished ...>") {
                pending[pid] = String(line.dropLast(" <unfinished ...>".count))
                continue
            }
            if line.hasPrefix("<... "), let end = line.range(of: " resumed>") {
                guard let start = pending.removeValue(forKey: pid) else { continue }
                line = start + line[end.upperBound...]
            }
            guard let open = line.firstIndex(of: "("), let close = line.range(of: ") = ", options: .backwards) else { continue }
            let name = String(line[..<open])
            let arguments = String(line[line.index(after: open)..<close.lowerBound])
            let result = line[close.upperBound...]
            guard let returned = Int(result.prefix { $0 == "-" || $0.isNumber }), returned >= 0 else { continue }
            let parts = split(arguments)
            func fd(_ index: Int) -> Int? { parts.indices.contains(index) ? Int(parts[index].prefix { $0.isNumber }) : nil }
            func path(_ index: Int, relativeTo base: String) -> String? {
                guard parts.indices.contains(index), let text = string(parts[index]).flatMap({ String(bytes: $0, encoding: .utf8) }) else { return nil }
                return normalized(text.hasPrefix("/") ? text : base + "/" + text)
            }
            func directory(_ index: Int) -> String {
                guard parts.indices.contains(index) else { return cwd }
                return decoration(parts[index]) ?? cwd
            }
            switch name {
            case "openat", "open", "creat":
                let at = name == "openat" ? 1 : 0
                guard let file = path(at, relativeTo: name == "openat" ? directory(0) : cwd) else { continue }
                let flags = name == "creat" ? "O_CREAT|O_TRUNC" : (parts.indices.contains(at + 1) ? parts[at + 1] : "")
                operations.append(.open(
                    path: file, fd: returned, create: flags.contains("O_CREAT"), truncate: flags.contains("O_TRUNC"),
                    append: flags.contains("O_APPEND"), directory: flags.contains("O_DIRECTORY")))
            case "write":
                guard let fd = fd(0), parts.count > 1, let bytes = string(parts[1]) else { continue }
                operations.append(.write(fd: fd, bytes: Array(bytes.prefix(returned)), offset: nil))
            case "pwrite64":
                guard let fd = fd(0), parts.count > 3, let bytes = string(parts[1]), let offset = Int(parts[3]) else { continue }
                operations.append(.write(fd: fd, bytes: Array(bytes.prefix(returned)), offset: offset))
            case "writev", "pwritev":
                guard let fd = fd(0) else { continue }
                var bytes: [UInt8] = []
                var rest = Substring(arguments)
                while let start = rest.range(of: "iov_base=\"") {
                    let tail = rest[rest.index(before: start.upperBound)...]
                    guard let end = tail.dropFirst().firstIndex(of: "\"") else { break }
                    bytes += string(tail[...end]) ?? []
                    rest = tail[tail.index(after: end)...]
                }
                let offset = name == "pwritev" ? parts.last.flatMap { Int($0) } : nil
                operations.append(.write(fd: fd, bytes: Array(bytes.prefix(returned)), offset: offset))
            case "ftruncate":
                guard let fd = fd(0), parts.count > 1, let length = Int(parts[1]) else { continue }
                operations.append(.truncate(fd: fd, length: length))
            case "fsync", "fdatasync":
                guard let fd = fd(0) else { continue }
                operations.append(.sync(fd: fd))
            case "close":
                guard let fd = fd(0) else { continue }
                operations.append(.close(fd: fd))
            case "dup", "dup2", "dup3":
                guard let fd = fd(0) else { continue }
                operations.append(.duplicate(from: fd, to: returned))
            case "rename":
                guard let from = path(0, relativeTo: cwd), let to = path(1, relativeTo: cwd) else { continue }
                operations.append(.rename(from: from, to: to))
            case "renameat", "renameat2":
                guard let from = path(1, relativeTo: directory(0)), let to = path(3, relativeTo: directory(2)) else { continue }
                operations.append(.rename(from: from, to: to))
            case "unlink":
                guard let file = path(0, relativeTo: cwd) else { continue }
                operations.append(.unlink(path: file))
            case "unlinkat":
                guard parts.count > 2, !parts[2].contains("AT_REMOVEDIR"), let file = path(1, relativeTo: directory(0)) else { continue }
                operations.append(.unlink(path: file))
            case "link":
                guard let from = path(0, relativeTo: cwd), let to = path(1, relativeTo: cwd) else { continue }
                operations.append(.link(from: from, to: to))
            case "linkat":
                guard let from = path(1, relativeTo: directory(0)), let to = path(3, relativeTo: directory(2)) else { continue }
                operations.append(.link(from: from, to: to))
            default:
                continue
            }
        }
        return operations
    }

    /// The arguments of a call, split at the commas between them (strings are hex-escaped,
    /// so a comma inside braces or brackets is the only one to keep).
    static func split(_ arguments: String) -> [String] {
        var parts: [String] = [], current = "", depth = 0
        var iterator = arguments.makeIterator()
        while let character = iterator.next() {
            switch character {
            case "{", "[": depth += 1
            case "}", "]": depth -= 1
            default: break
            }
            if character == ",", depth == 0 {
                parts.append(current.trimmingCharacters(in: .whitespaces))
                current = ""
            } else {
                current.append(character)
            }
        }
        if !current.isEmpty { parts.append(current.trimmingCharacters(in: .whitespaces)) }
        return parts
    }

    /// The bytes of a `"\x41\x42"` string (a `...` after it, strace's cut, is ignored).
    static func string(_ text: some StringProtocol) -> [UInt8]? {
        let bytes = Array(text.utf8)
        guard let first = bytes.firstIndex(of: UInt8(ascii: "\"")) else { return nil }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count / 4)
        var index = first + 1
        func hex(_ byte: UInt8) -> UInt8? {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return byte - UInt8(ascii: "a") + 10
            default: return nil
            }
        }
        while index + 3 < bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "x"),
              let high = hex(bytes[index + 2]), let low = hex(bytes[index + 3]) {
            result.append(high << 4 | low)
            index += 4
        }
        return result
    }

    /// The path of a decorated descriptor, `3<\x2f\x74>` → `/t`.
    static func decoration(_ text: String) -> String? {
        guard let start = text.firstIndex(of: "<"), text.hasSuffix(">") else { return nil }
        let inner = text[text.index(after: start)..<text.index(before: text.endIndex)]
        return string("\"" + inner + "\"").flatMap { String(bytes: $0, encoding: .utf8) }
    }

    static func normalized(_ path: String) -> String { (path as NSString).standardizingPath }

    // MARK: - The disk model

    /// The replay of one command's record over the repository folder `root` as it was before
    /// (copied to `before`).
    final class Disk {
        struct Inode {
            var bytes: [UInt8]
            var durable: [UInt8]
        }

        enum Descriptor {
            case file(inode: Int, offset: Int, append: Bool)
            case directory(String)
        }

        let root: String
        let before: String
        private(set) var inodes: [Inode] = []
        /// Path (relative to `root`) → inode, as the process sees it, and as synced folders hold it.
        private(set) var names: [String: Int] = [:]
        private(set) var durableNames: [String: Int] = [:]
        private(set) var loaded: Set<String> = []
        private var descriptors: [Int: Descriptor] = [:]

        init(root: String, before: String) {
            self.root = root
            self.before = before
        }

        func relative(_ path: String) -> String? {
            guard path.hasPrefix(root + "/") else { return nil }
            return String(path.dropFirst(root.count + 1))
        }

        /// Brings a path the record touches for the first time into the model, as it was before.
        private func load(_ path: String) {
            guard loaded.insert(path).inserted else { return }
            var isDirectory: ObjCBool = false
            let file = before + "/" + path
            guard FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory), !isDirectory.boolValue,
                  let data = FileManager.default.contents(atPath: file) else { return }
            inodes.append(Inode(bytes: Array(data), durable: Array(data)))
            names[path] = inodes.count - 1
            durableNames[path] = inodes.count - 1
        }

        private func isDirectory(_ path: String) -> Bool {
            var isDirectory: ObjCBool = false
            for base in [root, before] where FileManager.default.fileExists(atPath: base + "/" + path, isDirectory: &isDirectory) {
                return isDirectory.boolValue
            }
            return false
        }

        func apply(_ operation: Operation) {
            switch operation {
            case .open(let path, let fd, let create, let truncate, let append, let directory):
                guard let path = relative(path) ?? (path == root ? "" : nil) else { descriptors[fd] = nil; return }
                if path.isEmpty || directory || (names[path] == nil && isDirectory(path)) { descriptors[fd] = .directory(path); return }
                load(path)
                if names[path] == nil {
                    guard create, !isDirectory(path) else { descriptors[fd] = isDirectory(path) ? .directory(path) : nil; return }
                    inodes.append(Inode(bytes: [], durable: []))
                    names[path] = inodes.count - 1
                } else if truncate, let inode = names[path] {
                    inodes[inode].bytes = []
                }
                descriptors[fd] = names[path].map { .file(inode: $0, offset: 0, append: append) }
            case .write(let fd, let bytes, let offset):
                guard case .file(let inode, let position, let append)? = descriptors[fd] else { return }
                var at = offset ?? (append ? inodes[inode].bytes.count : position)
                if inodes[inode].bytes.count < at { inodes[inode].bytes += [UInt8](repeating: 0, count: at - inodes[inode].bytes.count) }
                let end = min(inodes[inode].bytes.count, at + bytes.count)
                inodes[inode].bytes.replaceSubrange(at..<end, with: bytes)
                at += bytes.count
                if offset == nil { descriptors[fd] = .file(inode: inode, offset: at, append: append) }
            case .truncate(let fd, let length):
                guard case .file(let inode, _, _)? = descriptors[fd] else { return }
                let bytes = inodes[inode].bytes
                inodes[inode].bytes = bytes.count >= length ? Array(bytes.prefix(length)) : bytes + [UInt8](repeating: 0, count: length - bytes.count)
            case .sync(let fd):
                switch descriptors[fd] {
                case .file(let inode, _, _)?:
                    inodes[inode].durable = inodes[inode].bytes
                case .directory(let folder)?:
                    for path in loaded where (path as NSString).deletingLastPathComponent == folder {
                        durableNames[path] = names[path]
                    }
                case nil:
                    break
                }
            case .close(let fd):
                descriptors[fd] = nil
            case .duplicate(let from, let to):
                descriptors[to] = descriptors[from]
            case .rename(let from, let to):
                guard let from = relative(from), let to = relative(to) else { return }
                load(from)
                load(to)
                names[to] = names[from]
                names[from] = nil
            case .unlink(let path):
                guard let path = relative(path) else { return }
                load(path)
                names[path] = nil
            case .link(let from, let to):
                guard let from = relative(from), let to = relative(to) else { return }
                load(from)
                load(to)
                names[to] = names[from]
            }
        }

        /// What the disk holds for every path the record touched: nil for no file.
        func state(_ variant: Variant) -> [String: [UInt8]?] {
            var files: [String: [UInt8]?] = [:]
            for path in loaded {
                switch variant {
                case .strict: files[path] = durableNames[path].map { inodes[$0].durable }
                case .namesFirst: files[path] = names[path].map { inodes[$0].durable }
                }
            }
            return files
        }

        /// The paths whose replayed bytes differ from what the command left on disk (a write
        /// the record missed); empty when the replay is faithful.
        func unfaithful() -> [String] {
            loaded.sorted().filter { path in
                let actual = FileManager.default.contents(atPath: root + "/" + path).map(Array.init)
                return names[path].map { inodes[$0].bytes } != actual
            }
        }
    }

    /// Makes `root` hold `before` with `files` laid over it.
    static func materialize(_ files: [String: [UInt8]?], before: String, at root: String) throws {
        try? FileManager.default.removeItem(atPath: root)
        let copy = try Command.run("cp", ["-a", before, root])
        guard copy.succeeded else { throw CocoaError(.fileWriteUnknown) }
        for (path, bytes) in files {
            let file = root + "/" + path
            if let bytes {
                try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try? FileManager.default.removeItem(atPath: file)
                guard FileManager.default.createFile(atPath: file, contents: Data(bytes)) else { throw CocoaError(.fileWriteUnknown) }
            } else {
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: file, isDirectory: &isDirectory), !isDirectory.boolValue {
                    try FileManager.default.removeItem(atPath: file)
                }
            }
        }
    }
}
