import Foundation
@testable import Git
import Testing
import TestSupport

/// Remote URLs taken apart as git takes them, and the configuration that applies to one.
@Suite struct RemoteAddressTests {
    struct Row: Sendable, CustomTestStringConvertible {
        let text: String
        let scheme: String?, user: String?, password: String?, host: String?, port: Int?, path: String
        let clean: String
        var testDescription: String { text }
    }

    static let rows: [Row] = [
        Row(text: "https://hub.daklak.gov.vn/plans/tinh.git", scheme: "https", user: nil, password: nil, host: "hub.daklak.gov.vn", port: nil, path: "/plans/tinh.git",
            clean: "https://hub.daklak.gov.vn/plans/tinh.git"),
        Row(text: "https://pnv:s3cret@localhost:8443/tinh.git", scheme: "https", user: "pnv", password: "s3cret", host: "localhost", port: 8443, path: "/tinh.git",
            clean: "https://localhost:8443/tinh.git"),
        // Unescaped `/`, `@` and `:` in a password: still all of it is the password.
        Row(text: "https://pnv:pa/ss@w:rd@localhost/tinh.git", scheme: "https", user: "pnv", password: "pa/ss@w:rd", host: "localhost", port: nil, path: "/tinh.git",
            clean: "https://localhost/tinh.git"),
        Row(text: "https://pnv:p%40ss@localhost/tinh.git", scheme: "https", user: "pnv", password: "p@ss", host: "localhost", port: nil, path: "/tinh.git",
            clean: "https://localhost/tinh.git"),
        Row(text: "HTTPS://ghp_token@localhost", scheme: "https", user: "ghp_token", password: nil, host: "localhost", port: nil, path: "",
            clean: "HTTPS://localhost"),
        Row(text: "https://localhost/a@b.git", scheme: "https", user: nil, password: nil, host: "localhost", port: nil, path: "/a@b.git",
            clean: "https://localhost/a@b.git"),
        Row(text: "ssh://git@localhost:2222/srv/tinh.git", scheme: "ssh", user: "git", password: nil, host: "localhost", port: 2222, path: "/srv/tinh.git",
            clean: "ssh://git@localhost:2222/srv/tinh.git"),
        Row(text: "ssh://git:hunter2@[::1]:2222/srv/tinh.git", scheme: "ssh", user: "git", password: "hunter2", host: "::1", port: 2222, path: "/srv/tinh.git",
            clean: "ssh://git@[::1]:2222/srv/tinh.git"),
        Row(text: "git@hub.daklak.gov.vn:plans/tinh.git", scheme: "ssh", user: "git", password: nil, host: "hub.daklak.gov.vn", port: nil, path: "plans/tinh.git",
            clean: "git@hub.daklak.gov.vn:plans/tinh.git"),
        Row(text: "clerk:pa/ss:w@hub:plans/tinh.git", scheme: "ssh", user: "clerk", password: "pa/ss:w", host: "hub", port: nil, path: "plans/tinh.git",
            clean: "clerk@hub:plans/tinh.git"),
        Row(text: "git://localhost:9418/tinh.git", scheme: "git", user: nil, password: nil, host: "localhost", port: 9418, path: "/tinh.git",
            clean: "git://localhost:9418/tinh.git"),
    ]

    @Test(arguments: rows) func parses(_ row: Row) throws {
        let address = try #require(RemoteAddress(row.text))
        #expect(address.scheme == row.scheme)
        #expect(address.username == row.user)
        #expect(address.password == row.password)
        #expect(address.host == row.host)
        #expect(address.port == row.port)
        #expect(address.path == row.path)
        #expect(address.withoutSecrets == row.clean)
        #expect(address.hasSecrets == (row.clean != row.text))
    }

    @Test(arguments: ["/srv/hubs/tinh.git", "file:///srv/hubs/tinh.git", "hubs/tinh.git", "./x:y", "C:\\hubs"])
    func localPathsAreNoAddress(_ text: String) {
        #expect(RemoteAddress(text) == nil)
    }

    @Test func credentialHelpersAsGitCollectsThem() throws {
        let url = try #require(RemoteAddress("https://hub.daklak.gov.vn/plans/tinh.git"))
        func entry(_ name: String, _ value: String, _ level: Int32 = 4) -> ConfigEntry { ConfigEntry(name: name, value: value, level: level) }
        let entries = [
            entry("credential.helper", "cache", 2),
            entry("credential.helper", "", 4),  // an empty value clears what came before
            entry("credential.helper", "store", 4),
            entry("credential.https://hub.daklak.gov.vn.helper", "libsecret", 4),
            entry("credential.https://*.daklak.gov.vn/plans.helper", "!echo wildcard", 5),
            entry("credential.https://other.gov.vn.helper", "other", 5),
            entry("credential.http://hub.daklak.gov.vn.helper", "plain-http", 5),
            entry("credential.https://hub.daklak.gov.vn/elsewhere.helper", "elsewhere", 5),
            entry("credential.https://someone@hub.daklak.gov.vn.helper", "someone", 5),
        ]
        #expect(ConfigURLMatch.values(section: "credential", key: "helper", for: url, in: entries) == ["store", "libsecret", "!echo wildcard"])
        #expect(CredentialHelper("store --file=/x").command(for: "get") == "git credential-store --file=/x get")
        #expect(CredentialHelper("!f() { echo x; }; f").command(for: "erase") == "f() { echo x; }; f erase")
        #expect(CredentialHelper("/usr/lib/git-core/git-credential-libsecret").command(for: "store") == "/usr/lib/git-core/git-credential-libsecret store")
    }

    @Test func theMostSpecificHTTPSettingWins() throws {
        let url = try #require(RemoteAddress("https://hub.daklak.gov.vn:443/plans/tinh.git"))
        let entries = [
            ConfigEntry(name: "http.sslcainfo", value: "/etc/all.pem", level: 2),
            ConfigEntry(name: "http.https://hub.daklak.gov.vn/plans.sslcainfo", value: "/etc/plans.pem", level: 4),
            ConfigEntry(name: "http.https://hub.daklak.gov.vn.sslcainfo", value: "/etc/host.pem", level: 5),
            ConfigEntry(name: "http.https://hub.daklak.gov.vn/plans/tinh.git/deeper.sslcainfo", value: "/etc/deeper.pem", level: 5),
        ]
        #expect(ConfigURLMatch.value(section: "http", key: "sslcainfo", for: url, in: entries) == "/etc/plans.pem")
        let other = try #require(RemoteAddress("https://other.gov.vn/x.git"))
        #expect(ConfigURLMatch.value(section: "http", key: "sslcainfo", for: other, in: entries) == "/etc/all.pem")
    }

    @Test func caFilesAreChosenAsGitChoosesThemAndVerificationIsNeverSwitchedOff() throws {
        let dir = try TemporaryDirectory()
        let config = dir.appending("province-ca.pem"), env = dir.appending("env-ca.pem")
        for file in [config, env] { try "-----BEGIN CERTIFICATE-----\n".write(toFile: file, atomically: true, encoding: .utf8) }
        let url = try #require(RemoteAddress("https://localhost:8443/tinh.git"))
        let entries = [ConfigEntry(name: "http.https://localhost:8443.sslcainfo", value: config, level: 5)]
        #expect(try TLSTrust.resolve(for: url, entries: entries, environment: [:]) == TLSTrust(caFile: config, caPath: nil, setting: "http.sslCAInfo"))
        #expect(try TLSTrust.resolve(for: url, entries: entries, environment: ["GIT_SSL_CAINFO": env]).caFile == env)
        #expect(try TLSTrust.resolve(for: url, entries: [], environment: [:]) == TLSTrust(caFile: nil, caPath: nil, setting: nil))
        #expect(throws: RemoteAccessError.verificationDisabled(url: "https://localhost:8443/tinh.git", setting: "http.sslVerify")) {
            try TLSTrust.resolve(for: url, entries: entries + [ConfigEntry(name: "http.sslverify", value: "false", level: 5)], environment: [:])
        }
        #expect(throws: RemoteAccessError.verificationDisabled(url: "https://localhost:8443/tinh.git", setting: "GIT_SSL_NO_VERIFY")) {
            try TLSTrust.resolve(for: url, entries: [], environment: ["GIT_SSL_NO_VERIFY": "1"])
        }
        #expect(throws: RemoteAccessError.unreadableCAFile(path: dir.appending("missing.pem"), setting: "GIT_SSL_CAINFO")) {
            try TLSTrust.resolve(for: url, entries: [], environment: ["GIT_SSL_CAINFO": dir.appending("missing.pem")])
        }
    }

    @Test func configEntriesComeInGitsOrder() throws {
        IsolatedGit.setUp()
        let dir = try TemporaryDirectory()
        let repository = try Repository.create(at: dir.appending("r"), bare: false)
        try repository.setConfig("credential.helper", "first")
        _ = try Command.git(["config", "--add", "credential.helper", "second"], in: dir.appending("r"))
        _ = try Command.git(["config", "credential.https://Hub.example.helper", "third"], in: dir.appending("r"))
        let entries = try repository.configEntries(prefix: "credential.")
        #expect(entries.map(\.value) == ["first", "second", "third"])
        #expect(entries.map(\.name).last == "credential.https://Hub.example.helper")
    }
}
