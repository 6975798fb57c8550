import Foundation

/// A province (`daklak`) with two districts (`buon-don`, `lak`), each of which reported
/// DVC-ONLINE 40/100 for 2024-Q3 and was collected — all through the built binary — and a way
/// to damage one collected child's file in the province's clone with plain git, as a clerk
/// (or an older version, or a push with the hook off) can.
public struct InvalidChildFixture {
    public let dir: TemporaryDirectory
    public var province: String { dir.appending("daklak") }

    public init() throws {
        dir = try TemporaryDirectory()
        try tool(["init", "daklak", "--unit", "daklak", "--name", "Tỉnh", "--level", "province", "--hub", "hubs/daklak.git"], in: dir.path)
        try "indicator,measure,target,rule\nDVC-ONLINE,percent,50,uplift:5\n".write(toFile: dir.appending("t.csv"), atomically: true, encoding: .utf8)
        try tool(["import", "targets", "../t.csv", "--year", "2024"], in: province)
        for (id, name) in [("buon-don", "Huyện Buôn Đôn"), ("lak", "Huyện Lắk")] {
            try tool(["child", "add", id, "--name", name, "--level", "district"], in: province)
        }
        try tool(["publish"], in: province)
        for id in ["buon-don", "lak"] {
            try tool(["init", id, "--unit", id, "--name", id, "--level", "district", "--parent", "hubs/daklak.git", "--hub", "hubs/\(id).git"], in: dir.path)
            try tool(["pull"], in: dir.appending(id))
            try tool(["report", "2024-Q3", "DVC-ONLINE=40/100"], in: dir.appending(id))
            try tool(["push"], in: dir.appending(id))
        }
        try tool(["collect"], in: province)
    }

    /// Runs the binary; a failure is thrown with its standard error.
    public func tool(_ arguments: [String], in folder: String) throws {
        let result = try Tool.run(arguments, in: folder)
        guard result.status == 0 else { throw Failure(text: "\(arguments): \(result.status) \(result.stderr)") }
    }

    /// Rewrites `path` of the province's `main` (a file under `children/`) with `edit` and
    /// commits it with plain git, no hook; returns the commit.
    @discardableResult
    public func plant(_ path: String, _ edit: (String) -> String) throws -> String {
        let old = try Command.git(["show", "HEAD:\(path)"], in: province)
        guard old.succeeded else { throw Failure(text: old.stderr) }
        let file = (province as NSString).appendingPathComponent(path)
        try FileManager.default.createDirectory(atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        let new = edit(old.stdout)
        guard new != old.stdout else { throw Failure(text: "the edit of \(path) changed nothing") }
        try new.write(toFile: file, atomically: true, encoding: .utf8)
        for arguments in [["add", "-f", "--sparse", path], ["commit", "-q", "--no-verify", "-m", "Sửa tay"]] {
            let result = try Command.git(arguments, in: province)
            guard result.succeeded else { throw Failure(text: "git \(arguments): \(result.stderr)") }
        }
        return try Command.git(["rev-parse", "HEAD"], in: province).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    public struct Failure: Error, CustomStringConvertible {
        public let text: String
        public var description: String { text }
    }
}
