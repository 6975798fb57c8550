import Git
import PlanModel

extension RemoteAccessError: MessageConvertible {
    /// The failure in the catalogue's words (section Access): the hub (masked), what was
    /// tried, and how to give credentials or trust the hub.
    public var message: Message {
        switch self {
        case .noCredentials(let url, let ssh, let tried):
            return Message(ssh ? "access.no-credentials.ssh" : "access.no-credentials", ["hub": .text(RemoteURL.redacted(url)), "tried": Self.list(tried)])
        case .credentialsRejected(let url, let username, let tried):
            return Message("access.credentials-rejected", [
                "hub": .text(RemoteURL.redacted(url)), "user": .text(username), "tried": Self.list(tried)])
        case .unknownHostKey(let host, let port, let type, let fingerprint, let knownTypes, let files):
            var arguments: [String: Message.Value] = [
                "host": .text(Self.shown(host, port)), "type": .text(type), "fingerprint": .text(fingerprint),
                "files": .text(files.joined(separator: ", ")), "keyscan": .text(Self.keyscan(host, port))]
            if knownTypes.isEmpty { return Message("access.host-unknown", arguments) }
            arguments["types"] = .text(knownTypes.joined(separator: ", "))
            arguments["keyscan"] = .text(Self.keyscan(host, port, type: type))
            return Message("access.host-unknown-type", arguments)
        case .changedHostKey(let host, let port, let type, let fingerprint, let file, let line):
            return Message("access.host-changed", [
                "host": .text(Self.shown(host, port)), "type": .text(type), "fingerprint": .text(fingerprint), "file": .text(file),
                "line": .text(String(line)), "name": .text(KnownHosts.name(host: host, port: port)), "keyscan": .text(Self.keyscan(host, port))])
        case .untrustedCertificate(let url, let caFile):
            let ca = caFile.map { Message("access.ca.file", ["file": .text($0)]) } ?? Message("access.ca.system")
            return Message("access.certificate-untrusted", ["hub": .text(RemoteURL.redacted(url)), "ca": .message(ca)])
        case .verificationDisabled(let url, let setting):
            return Message("access.verification-disabled", ["hub": .text(RemoteURL.redacted(url)), "setting": .text(setting)])
        case .unreadableCAFile(let path, let setting):
            return Message("access.ca-unreadable", ["path": .text(path), "setting": .text(setting)])
        }
    }

    /// Whether the hub asked for credentials and had none (rather than refusing them, or not being trusted).
    public var isMissingCredentials: Bool {
        if case .noCredentials = self { return true }
        return false
    }

    public var isRejectedCredentials: Bool {
        if case .credentialsRejected = self { return true }
        return false
    }

    private static func shown(_ host: String, _ port: Int) -> String { port == 22 ? host : "\(host) port \(port)" }

    /// The `ssh-keyscan` command that fetches the host's key (of one type: `-t` takes
    /// `ed25519`, `ecdsa`, `rsa`).
    private static func keyscan(_ host: String, _ port: Int, type: String? = nil) -> String {
        let short = type.map { $0.hasPrefix("ecdsa") ? "ecdsa" : $0.replacingOccurrences(of: "ssh-", with: "") }
        return "ssh-keyscan" + (port == 22 ? "" : " -p \(port)") + (short.map { " -t \($0)" } ?? "") + " " + host
    }

    private static func list(_ tried: [CredentialAttempt]) -> Message.Value {
        guard !tried.isEmpty else { return .term("access.tried.nothing") }
        return .list(tried.map { attempt in
            let source: Message = switch attempt.source {
            case .helper: Message("access.source.helper", ["helper": .text(attempt.detail ?? "?")])
            case .key: Message("access.source.key", ["path": .text(attempt.detail ?? "?")])
            default: Message("access.source.\(attempt.source.rawValue)")
            }
            let code = switch attempt.outcome {
            case .rejected: "access.outcome.rejected"
            case .unavailable: "access.outcome.unavailable"
            case .needsPassphrase: "access.outcome.needs-passphrase"
            case .offered: "access.outcome.offered"
            }
            return .message(Message(code, ["source": .message(source)]))
        }, separator: "; ")
    }
}
