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
            var keyFile: String?

            @Option(name: .customLong("gpg"), help: helpText("hardening.help.signer-add.gpg"))
            var gpg: String?

            @Option(name: .customLong("valid-before"), help: helpText("hardening.help.signer-add.valid-before"))
            var validBefore: String?

            func validate() throws {
                if (gpg == nil) == (keyFile == nil) { throw ValidationError(text("hardening.cli.signer-add.key-or-gpg")) }
                if validBefore != nil, gpg == nil { throw ValidationError(text("hardening.cli.signer-add.valid-before-gpg")) }
                if let validBefore, OpenPGPSigners.day(validBefore) == nil {
                    throw ValidationError(text("cli.option.bad-date", ["option": .text("--valid-before"), "date": .text(validBefore)]))
                }
            }

            func run() throws {
                try reportingErrors {
                    if let gpg {
                        let repository = try UnitRepository.open(at: ".", notice: notify)
                        let what: [String: Message.Value] = ["principal": .text(principal), "file": .text(OpenPGPSigners.path)]
                        if let commit = try SignerWorkflow().addOpenPGP(
                            principal: principal, fingerprint: gpg, validBefore: validBefore.flatMap(OpenPGPSigners.day), in: repository) {
                            print(text("hardening.cli.signer-add.gpg-added", what.merging(["commit": .text(commit.short)]) { a, _ in a }))
                        } else {
                            print(text("cli.signer-add.already", what))
                        }
                        return
                    }
                    guard let keyFile else { return }
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
