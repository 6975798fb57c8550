import PlanStore
import Testing

/// Every URL of every scheme is masked where shown and stored without credentials.
@Suite struct RemoteURLTests {
    static let rows: [(given: String, shown: String, stored: String)] = [
        ("https://pnv:s3cret@git.daklak.gov.vn/hubs/daklak.git", "https://pnv:***@git.daklak.gov.vn/hubs/daklak.git", "https://git.daklak.gov.vn/hubs/daklak.git"),
        ("https://ghp_token@host/x.git", "https://***@host/x.git", "https://host/x.git"),
        ("http://pnv:pa/ss@w:rd@localhost:8080/x.git", "http://pnv:***@localhost:8080/x.git", "http://localhost:8080/x.git"),
        ("https://pa/ss@localhost/x.git", "https://***@localhost/x.git", "https://localhost/x.git"),
        ("ssh://git:hunter2@localhost:2222/srv/x.git", "ssh://git:***@localhost:2222/srv/x.git", "ssh://git@localhost:2222/srv/x.git"),
        ("ssh://git@localhost/srv/x.git", "ssh://git@localhost/srv/x.git", "ssh://git@localhost/srv/x.git"),
        ("clerk:hunter2@localhost:srv/x.git", "clerk:***@localhost:srv/x.git", "clerk@localhost:srv/x.git"),
        ("git@localhost:x.git", "git@localhost:x.git", "git@localhost:x.git"),
        ("git://localhost/x.git", "git://localhost/x.git", "git://localhost/x.git"),
        ("/srv/hubs/x.git", "/srv/hubs/x.git", "/srv/hubs/x.git"),
        ("https://host/a@b.git", "https://host/a@b.git", "https://host/a@b.git"),
        ("HTTPS://u:p@host/x", "HTTPS://u:***@host/x", "HTTPS://host/x"),
        ("ftp://u:p@host/x", "ftp://u:***@host/x", "ftp://host/x"),
    ]

    @Test func maskedAndStored() {
        for row in Self.rows {
            #expect(RemoteURL.redacted(row.given) == row.shown, "\(row.given)")
            #expect(RemoteURL.withoutCredentials(row.given) == row.stored, "\(row.given)")
            #expect(RemoteURL.hasCredentials(row.given) == (row.given != row.shown), "\(row.given)")
        }
    }

    @Test func urlsInFreeTextAreMasked() {
        let text = "failed to connect to 'https://pnv:s3cret@localhost/x.git': error; remote=ssh://git:hunter2@h/x.git, also clerk:pw@h:x.git (mail snv@example.test)"
        let masked = RemoteURL.maskingURLs(in: text)
        #expect(masked == "failed to connect to 'https://pnv:***@localhost/x.git': error; remote=ssh://git:***@h/x.git, also clerk:***@h:x.git (mail snv@example.test)")
    }
}
