import Foundation

/// The folder the user ran the command in, before `-C` moved into the repository: files a
/// command writes for a person (`export`, `bundle create`) and the bundle files it reads
/// are named relative to it, so that `plancascade -C clone export …` never writes into the
/// repository.
enum InvocationFolder {
    nonisolated(unsafe) static var path = FileManager.default.currentDirectoryPath

    /// `name` as an absolute path: relative names are taken from ``path``.
    static func resolve(_ name: String) -> String {
        if name.hasPrefix("/") { return name }
        return URL(fileURLWithPath: name, relativeTo: URL(fileURLWithPath: path, isDirectory: true)).standardizedFileURL.path
    }
}
