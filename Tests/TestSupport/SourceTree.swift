import Foundation

/// Folders of this source tree that tests read.
public enum SourceTree {
    /// The Repos/ folder (example unit data built from the seed documents).
    public static let repos: String = {
        var folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: folder.appendingPathComponent("Repos/daklak-2024/units.csv").path) {
            folder.deleteLastPathComponent()
        }
        return folder.appendingPathComponent("Repos").path
    }()
}
