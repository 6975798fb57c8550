import Foundation
import Testing

/// Every command names itself (`CommandConfiguration(commandName: …)`): without it
/// swift-argument-parser derives the name with `String(describing: Self.self)` for each of the
/// 60 commands at every start, a runtime conformance scan each — about 15 ms of CPU of every
/// command's 20–60 (debug build, measured with `getrusage` over 40 runs).
@Suite struct CommandNameTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Sources/plancascade").standardized.path

    @Test func everyCommandConfigurationNamesItsCommand() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.sources).filter { $0.hasSuffix(".swift") }
        #expect(files.count > 20, "\(Self.sources)")
        var configurations = 0
        for file in files {
            let text = try String(contentsOfFile: Self.sources + "/" + file, encoding: .utf8)
            var rest = text[...]
            while let range = rest.range(of: "CommandConfiguration(") {
                configurations += 1
                let call = rest[range.upperBound...].drop { $0 == " " || $0 == "\n" }
                #expect(call.hasPrefix("commandName:"), "\(file): a CommandConfiguration without commandName: \(call.prefix(60))")
                rest = rest[range.upperBound...]
            }
        }
        #expect(configurations >= 60)
    }
}
