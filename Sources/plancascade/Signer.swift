import ArgumentParser
import Foundation
import PlanModel
import PlanStore

extension PlanCascade {
    struct Signer: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "signer", 
            abstract: text("help.signer.abstract"), subcommands: [Add.self])

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(commandName: "add", 
                abstract: text("help.signer-add.abstract"),
                discussion: text("help.signer-add.discussion"))

            @Argument(help: helpText("help.signer-add.principal"))
            var principal: String

            @Argument(help: helpText("help.signer-add.key"))
            var keyFile: String

            func run() throws {
                try reportingErrors {
                    guard let data = FileManager.default.contents(atPath: keyFile) else {
                        throw PlanStoreError.io(path: keyFile, reason: Message("signing.cannot-read-key"))
                    }
                    let repository = try UnitRepository.open(at: ".", notice: notify)
                    let what: [String: Message.Value] = ["principal": .text(principal), "file": .text(AllowedSigners.path)]
                    if let commit = try SignerWorkflow().add(principal: principal, publicKey: String(decoding: data, as: UTF8.self), keyFile: keyFile, in: repository) {
                        print(text("cli.signer-add.added", what.merging(["commit": .text(commit.short)]) { a, _ in a }))
                    } else {
                        print(text("cli.signer-add.already", what))
                    }
                }
            }
        }
    }
}
