import Foundation
import Testing
import TestSupport

/// The whole cycle through the built binary against real git servers on 127.0.0.1: nginx +
/// git http-backend with basic auth over HTTP and HTTPS (the test's CA from
/// `GIT_SSL_CAINFO` and from `http.sslCAInfo`), OpenSSH with key login, and `git daemon`.
/// A province and a commune with hubs on the server; the province's clerk gives credentials
/// through git's credential helper, the commune's through `PLANCASCADE_USERNAME`/`_PASSWORD`
/// (SSH: each their own key), a second clerk of the commune through a helper after a plain
/// `git clone`. Then the password (or key) is looked for everywhere it must not be.
@Suite struct RealServerTests {
    init() { IsolatedGit.setUp() }

    static let targets = "indicator,measure,target,rule\nDVC-ONLINE,percent,50,uplift:5\nE-RESULT,percent,100,fixed:100\n"

    /// Runs `arguments` as `clerk` in `folder` and expects `status`.
    @discardableResult
    func run(_ clerk: Clerk, _ arguments: [String], in folder: String, status: Int32 = 0, site: RealServerSite,
             sourceLocation: SourceLocation = #_sourceLocation) throws -> CommandResult {
        let result = try clerk.tool(arguments, in: folder)
        #expect(result.status == status, "\(site.transport): plancascade \(arguments.joined(separator: " ")) → \(result.status)\n\(result.stdout)\n\(result.stderr)\n\(site.serverLogs)",
                sourceLocation: sourceLocation)
        return result
    }

    /// The province `daklak` (its clerk `snv.daklak`, credentials from a helper) with two
    /// communes recorded and its targets published; the commune `ea-nuol` (clerk
    /// `vanthu.eanuol`, credentials from `commune`) pulled, reported 2024-Q3 and pushed.
    struct Cycle {
        let site: RealServerSite
        let province: Clerk, commune: Clerk
        var provinceWork: String { site.dir.appending("daklak") }
        var communeWork: String { site.dir.appending("ea-nuol") }
    }

    func startCycle(_ transport: Transport, commune source: CredentialSource) throws -> Cycle {
        let site = try RealServerSite(transport)
        // As README advises: pushers.json maps the children's accounts, policy.json lists the
        // unit's own clerks (who need no pushers.json entry).
        try site.createHub("daklak", pushers: ["vanthu.eanuol": "ea-nuol", "vanthu2.eanuol": "ea-nuol", "vanthu.krongna": "krong-na"],
                           clerks: ["snv.daklak"])
        try site.createHub("ea-nuol", pushers: [:], clerks: ["vanthu.eanuol", "vanthu2.eanuol"])
        let province = try site.clerk("snv", name: "Sở Nội vụ Đắk Lắk", user: "snv.daklak", source: .helper)
        let commune = try site.clerk("eanuol", name: "Văn phòng UBND xã Ea Nuôl", user: "vanthu.eanuol", source: source)
        let cycle = Cycle(site: site, province: province, commune: commune)
        let dir = site.dir.path

        try run(province, ["init", "daklak", "--unit", "daklak", "--name", "UBND tỉnh Đắk Lắk", "--level", "province",
                           "--hub", site.url("daklak")], in: dir, site: site)
        try #require(FileManager.default.fileExists(atPath: cycle.provinceWork), "init failed: nothing else can run")
        try Self.targets.write(toFile: site.dir.appending("t.csv"), atomically: true, encoding: .utf8)
        try run(province, ["import", "targets", "../t.csv", "--year", "2024"], in: cycle.provinceWork, site: site)
        try run(province, ["child", "add", "ea-nuol", "--name", "UBND xã Ea Nuôl", "--level", "commune"], in: cycle.provinceWork, site: site)
        try run(province, ["child", "add", "krong-na", "--name", "UBND xã Krông Na", "--level", "commune"], in: cycle.provinceWork, site: site)
        try run(province, ["publish"], in: cycle.provinceWork, site: site)

        try run(commune, ["init", "ea-nuol", "--unit", "ea-nuol", "--name", "UBND xã Ea Nuôl", "--level", "commune",
                          "--parent-id", "daklak", "--parent", site.url("daklak"), "--hub", site.url("ea-nuol")], in: dir, site: site)
        try #require(FileManager.default.fileExists(atPath: cycle.communeWork), "init failed: nothing else can run")
        let pulled = try run(commune, ["pull"], in: cycle.communeWork, site: site)
        #expect(pulled.stdout.contains("Pulled daklak targets"), "\(pulled.stdout)")
        let target = try String(contentsOfFile: cycle.communeWork + "/plans/2024/targets/DVC-ONLINE.json", encoding: .utf8)
        #expect(target.contains("\"value\": 55"), "\(target)")
        try run(commune, ["report", "2024-Q3", "DVC-ONLINE=412/760", "E-RESULT=90/100"], in: cycle.communeWork, site: site)
        let pushed = try run(commune, ["push"], in: cycle.communeWork, site: site)
        #expect(pushed.stdout.contains("refs/children/ea-nuol/main"), "\(pushed.stdout)")
        return cycle
    }

    @Test(arguments: Transport.allCases)
    func theWholeCycle(_ transport: Transport) throws {
        let cycle = try startCycle(transport, commune: .environment)
        let site = cycle.site, province = cycle.province, commune = cycle.commune

        // A repeated push with nothing new succeeds, as does a repeated publish.
        try run(commune, ["push"], in: cycle.communeWork, site: site)
        try run(province, ["publish"], in: cycle.provinceWork, site: site)

        let collected = try run(province, ["collect"], in: cycle.provinceWork, site: site)
        #expect(collected.stdout.contains("Collected ea-nuol"), "\(collected.stdout)")
        let approved = try run(province, ["approve", "ea-nuol", "2024-Q3"], in: cycle.provinceWork, site: site)
        #expect(approved.stdout.contains("Approved ea-nuol 2024-Q3"), "\(approved.stdout)")
        try run(province, ["push"], in: cycle.provinceWork, site: site)

        // A second clerk of the commune: a plain `git clone` with a credential helper (SSH: a
        // key of their own), then plancascade in that clone, unchanged.
        let second = try site.clerk("eanuol2", name: "Cán bộ văn phòng xã Ea Nuôl", user: "vanthu2.eanuol", source: .helper)
        let clone = site.dir.appending("ea-nuol-2")
        let cloned = try second.git(["clone", "-q", site.url("ea-nuol"), clone])
        #expect(cloned.succeeded, "\(transport): \(cloned.stderr)\n\(site.serverLogs)")
        let reported = try run(second, ["report", "2024-Q4", "DVC-ONLINE=530/905"], in: clone, site: site)
        #expect(reported.stdout.contains("Reported 2024-Q4"), "\(reported.stdout)")
        let synced = try run(second, ["sync"], in: clone, site: site)
        #expect(synced.stdout.contains("refs/children/ea-nuol/main"), "delivered to the province's hub: \(synced.stdout)")
        try run(second, ["pull"], in: clone, site: site)

        // The first clerk syncs the second's report; the province collects it.
        try run(commune, ["sync"], in: cycle.communeWork, site: site)
        #expect(FileManager.default.fileExists(atPath: cycle.communeWork + "/progress/2024/2024-Q4.json"))
        try run(province, ["collect"], in: cycle.provinceWork, site: site)
        try run(province, ["sync"], in: cycle.provinceWork, site: site)
        let atProvince = try province.git(["show", "main:children/ea-nuol/progress/2024/2024-Q4.json"], in: cycle.provinceWork)
        #expect(atProvince.stdout.contains("\"numerator\": 530"), "\(atProvince.stdout)\(atProvince.stderr)")
        let hubHead = try Command.git(["rev-parse", "refs/heads/main"], in: site.hubPath("daklak")).stdout
        let workHead = try province.git(["rev-parse", "main"], in: cycle.provinceWork).stdout
        #expect(hubHead == workHead, "the province's hub holds its main")
        let checked = try run(province, ["check", "--as-of", "2024-12-31"], in: cycle.provinceWork, site: site)
        #expect(checked.stdout.contains("krong-na has no report for 2024-Q3"), "\(checked.stdout)")
        #expect(!checked.stdout.contains("ea-nuol has no report for 2024-Q4"), "\(checked.stdout)")
        try run(province, ["export", "--format", "html", "--out", site.dir.appending("report.html")], in: cycle.provinceWork, site: site)

        // No password or private key in any file or object of any clone or hub, in no
        // configuration, and in no output.
        // (The search finds them where they belong: the province clerk's credential store or key.)
        #expect(!transport.authenticates || !site.leaks(under: [province.home]).isEmpty, "the leak search finds nothing anywhere")
        let repositories = [cycle.provinceWork, cycle.communeWork, clone, site.hubPath("daklak"), site.hubPath("ea-nuol")]
        #expect(site.leaks(under: repositories + [site.dir.appending("report.html")] + [site.serverLogFolder].compactMap { $0 }) == [])
        #expect(try site.leaksInObjects(of: repositories) == [])
        for clerk in site.clerks {
            for output in clerk.transcript {
                for secret in site.secrets { #expect(!output.contains(secret), "\(transport): output shows a secret: \(output)") }
            }
        }
        let unit = try String(contentsOfFile: cycle.communeWork + "/unit.json", encoding: .utf8)
        #expect(unit.contains("\"parentHub\": \"\(site.url("daklak"))\""), "\(unit)")
    }

    /// Missing and wrong credentials: two different messages and exit codes, each naming the
    /// hub (without secrets) and what to do; nothing is written.
    @Test(arguments: [Transport.http, .httpsCAFromConfig, .ssh])
    func wrongAndMissingCredentials(_ transport: Transport) throws {
        let site = try RealServerSite(transport)
        try site.createHub("ea-nuol", pushers: [:], clerks: ["vanthu.eanuol"])
        let owner = try site.clerk("owner", name: "Văn thư", user: "vanthu.eanuol", source: .helper)
        try run(owner, ["init", "ea-nuol", "--unit", "ea-nuol", "--name", "UBND xã Ea Nuôl", "--level", "commune",
                        "--hub", site.url("ea-nuol")], in: site.dir.path, site: site)
        let work = site.dir.appending("ea-nuol")
        try #require(FileManager.default.fileExists(atPath: work), "init failed: nothing else can run")
        let before = try Command.git(["rev-parse", "main"], in: site.hubPath("ea-nuol")).stdout

        // Missing: nobody gave anything (and there is no terminal to ask); the server is trusted.
        let nobody = try Clerk("nobody", name: "Văn thư", in: site.dir.path)
        try site.trustServer(for: nobody)
        let missing = try nobody.tool(["sync"], in: work)
        // Wrong: a password the server refuses (SSH: a key it does not know).
        let stranger = try Clerk("stranger", name: "Văn thư", in: site.dir.path)
        try site.wrongCredentials(for: stranger, user: "vanthu.eanuol", source: .environment)
        let wrong = try stranger.tool(["sync"], in: work)

        let hub = site.url("ea-nuol")
        for (label, result) in [("missing", missing), ("wrong", wrong)] {
            #expect(result.status != 0 && result.status != 1, "\(transport) \(label): \(result.status) \(result.stderr)")
            #expect(result.stderr.contains(hub), "\(transport) \(label) names the hub: \(result.stderr)")
            for secret in site.secrets { #expect(!result.stderr.contains(secret) && !result.stdout.contains(secret)) }
        }
        // README's exit codes: 3 no credentials, 4 credentials refused, 5 hub not trusted.
        #expect(missing.status == 3, "\(transport): \(missing.status) \(missing.stderr)")
        #expect(wrong.status == 4, "\(transport): \(wrong.status) \(wrong.stderr)")
        #expect(missing.stderr != wrong.stderr)
        if transport.isHTTP {
            #expect(missing.stderr.contains("PLANCASCADE_USERNAME") && missing.stderr.contains("credential.helper"),
                    "missing says how to give credentials: \(missing.stderr)")
            #expect(wrong.stderr.contains("vanthu.eanuol"), "wrong names the account refused: \(wrong.stderr)")
        }

        // A hub nobody said to trust: the HTTPS certificate of a CA not configured, an SSH
        // host key in no known_hosts — refused before any credential is sent.
        if transport != .http {
            let unsure = try Clerk("unsure", name: "Văn thư", in: site.dir.path)
            try site.wrongCredentials(for: unsure, user: "vanthu.eanuol", source: .environment)
            unsure.set("GIT_SSL_CAINFO", nil)
            try unsure.configure("http.sslCAInfo", "/etc/ssl/certs/ca-certificates.crt")
            try "".write(toFile: unsure.home + "/.ssh/known_hosts", atomically: true, encoding: .utf8)
            let untrusted = try unsure.tool(["sync"], in: work)
            #expect(untrusted.status == 5, "\(transport): \(untrusted.status) \(untrusted.stderr)")
            #expect(untrusted.stderr.contains(transport == .ssh ? "known_hosts" : "certificate"), "\(untrusted.stderr)")
        }
        #expect(try Command.git(["rev-parse", "main"], in: site.hubPath("ea-nuol")).stdout == before)
    }

    /// What a hostile or careless clerk can try with plain git against the hubs' hook, and
    /// what must still succeed: a repeated push with nothing new, then the honest push.
    @Test(arguments: Transport.allCases)
    func hostilePushes(_ transport: Transport) throws {
        let cycle = try startCycle(transport, commune: .helper)
        let site = cycle.site, province = cycle.province, commune = cycle.commune
        let work = cycle.communeWork, parentHub = site.hubPath("daklak")
        func ref(_ name: String) throws -> String {
            try Command.git(["rev-parse", "-q", "--verify", name], in: parentHub).stdout
        }
        func gitPush(_ clerk: Clerk, _ refspecs: [String], sourceLocation: SourceLocation = #_sourceLocation) throws -> CommandResult {
            let result = try clerk.git(["push", site.url("daklak")] + refspecs, in: work)
            return result
        }
        func commit(_ message: String) throws {
            let result = try commune.git(["commit", "-q", "--no-verify", "-a", "-m", message], in: work)
            #expect(result.succeeded, "\(result.stderr)")
        }
        func setTarget(_ indicator: String, from old: String, to new: String) throws {
            let file = work + "/plans/2024/targets/\(indicator).json"
            let text = try String(contentsOfFile: file, encoding: .utf8)
            #expect(text.contains("\"value\": \(old)"), "\(text)")
            try text.replacingOccurrences(of: "\"value\": \(old)", with: "\"value\": \(new)").write(toFile: file, atomically: true, encoding: .utf8)
        }
        /// Puts the commune's ref back where the honest history left it, should a refused
        /// push have landed after all (its expectation failed already), so the next attempt
        /// is judged on its own.
        func restore(_ head: String) throws {
            if try ref("refs/children/ea-nuol/main") != head {
                #expect(try Command.git(["update-ref", "refs/children/ea-nuol/main", head.trimmingCharacters(in: .whitespacesAndNewlines)], in: parentHub).succeeded)
            }
        }
        let pushedHead = try ref("refs/children/ea-nuol/main")
        #expect(!pushedHead.isEmpty)

        // A repeated push with nothing new: plancascade and git both succeed.
        try run(commune, ["push"], in: work, site: site)
        try run(commune, ["sync"], in: work, site: site)
        let again = try gitPush(commune, ["main:refs/children/ea-nuol/main"])
        #expect(again.succeeded, "\(transport): \(again.stderr)")

        if transport.authenticates {
            // Impersonation: ea-nuol's account writes krong-na's history.
            let sibling = try gitPush(commune, ["main:refs/children/krong-na/main"])
            #expect(!sibling.succeeded, "\(transport): \(sibling.stderr)")
            #expect(sibling.stderr.contains("vanthu.eanuol") && sibling.stderr.contains("refs/children/krong-na/main"), "\(transport): \(sibling.stderr)")
            #expect(try ref("refs/children/krong-na/main").isEmpty)
            if try !ref("refs/children/krong-na/main").isEmpty {
                #expect(try Command.git(["update-ref", "-d", "refs/children/krong-na/main"], in: parentHub).succeeded)
            }
            // The province's own account writes the commune's history with commits authored
            // as the commune: only a child's own pushers write refs/children/<id>/.
            try run(commune, ["report", "2024-Q4", "DVC-ONLINE=600/900"], in: work, site: site)
            let asProvince = try province.git(["push", site.url("daklak"), "main:refs/children/ea-nuol/main"], in: work)
            #expect(!asProvince.succeeded, "\(transport): the hub's own account wrote a child's ref: \(asProvince.stderr)")
            #expect(asProvince.stderr.contains("refs/children/ea-nuol/main"), "\(asProvince.stderr)")
            #expect(try ref("refs/children/ea-nuol/main") == pushedHead)
            try restore(pushedHead)
        } else {
            // Nobody is authenticated: a push is the child's whose ref it writes, and one
            // child's only.
            try run(commune, ["report", "2024-Q4", "DVC-ONLINE=600/900"], in: work, site: site)
            let two = try gitPush(commune, ["main:refs/children/ea-nuol/main", "main:refs/children/krong-na/main"])
            #expect(!two.succeeded, "\(two.stderr)")
            #expect(two.stderr.contains("one child's history only"), "\(two.stderr)")
            #expect(try ref("refs/children/krong-na/main").isEmpty)
            #expect(try ref("refs/children/ea-nuol/main") == pushedHead)
        }
        let honest = try commune.git(["rev-parse", "main"], in: work).stdout.trimmingCharacters(in: .whitespacesAndNewlines)

        // A hand-written `Forced-Below-Inherited:` trailer grants nothing (the hub's policy
        // says "refuse").
        try setTarget("DVC-ONLINE", from: "55", to: "10")
        try commit("Set target DVC-ONLINE 2024 to 10 (was 55)\n\nForced-Below-Inherited: 50")
        let forced = try gitPush(commune, ["main:refs/children/ea-nuol/main"])
        #expect(!forced.succeeded, "\(transport): \(forced.stderr)")
        #expect(forced.stderr.contains("DVC-ONLINE"), "\(transport): \(forced.stderr)")
        try restore(pushedHead)
        #expect(try commune.git(["reset", "-q", "--hard", honest], in: work).succeeded)

        // Nor does a `Parent-Commit:` trailer naming the province's real published version.
        let published = try Command.git(["rev-parse", "refs/heads/targets"], in: parentHub).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try setTarget("DVC-ONLINE", from: "55", to: "10")
        try commit("Pull targets from daklak (\(published.prefix(7)))\n\nParent-Unit: daklak\nParent-Commit: \(published)")
        let pull = try gitPush(commune, ["main:refs/children/ea-nuol/main"])
        #expect(!pull.succeeded, "\(transport): \(pull.stderr)")
        #expect(pull.stderr.contains("DVC-ONLINE"), "\(transport): \(pull.stderr)")
        try restore(pushedHead)
        #expect(try commune.git(["reset", "-q", "--hard", honest], in: work).succeeded)

        // A merge whose own tree lowers E-RESULT 100 → 80 (neither side did).
        #expect(try commune.git(["checkout", "-q", "-b", "side"], in: work).succeeded)
        #expect(try commune.git(["commit", "-q", "--allow-empty", "-m", "side"], in: work).succeeded)
        #expect(try commune.git(["checkout", "-q", "main"], in: work).succeeded)
        #expect(try commune.git(["commit", "-q", "--allow-empty", "-m", "main"], in: work).succeeded)
        #expect(try commune.git(["merge", "-q", "--no-ff", "--no-commit", "side"], in: work).succeeded)
        try setTarget("E-RESULT", from: "100", to: "80")
        try commit("Merge branch 'side'")
        #expect(try commune.git(["rev-list", "--count", "--merges", "-1", "HEAD"], in: work).stdout.hasPrefix("1"))
        let merge = try gitPush(commune, ["main:refs/children/ea-nuol/main"])
        #expect(!merge.succeeded, "\(transport): a lowering merge landed: \(merge.stderr)")
        #expect(merge.stderr.contains("E-RESULT"), "\(transport): \(merge.stderr)")
        try restore(pushedHead)
        #expect(try commune.git(["reset", "-q", "--hard", honest], in: work).succeeded)
        #expect(try ref("refs/children/ea-nuol/main") == pushedHead, "nothing refused landed")

        // The honest work still goes up, with plancascade, and is collected.
        try run(commune, ["push"], in: work, site: site)
        #expect(try ref("refs/children/ea-nuol/main").trimmingCharacters(in: .whitespacesAndNewlines) == honest)
        let collected = try run(province, ["collect"], in: cycle.provinceWork, site: site)
        #expect(collected.stdout.contains("Collected ea-nuol"), "\(collected.stdout)")
    }

    /// A hub whose `pushers.json` maps the unit's own clerk to the unit itself (README: "a
    /// user mapped to the hub's own unit id is one too") takes the clerk's first push, which
    /// `init` makes into the still empty hub, and later ones.
    @Test func anOwnClerkMappedInPushersJSONInitialisesItsEmptyHub() throws {
        let site = try RealServerSite(.http)
        try site.createHub("ea-nuol", pushers: ["vanthu.eanuol": "ea-nuol"], clerks: [])
        let clerk = try site.clerk("owner", name: "Văn thư", user: "vanthu.eanuol", source: .helper)
        try run(clerk, ["init", "ea-nuol", "--unit", "ea-nuol", "--name", "UBND xã Ea Nuôl", "--level", "commune",
                        "--hub", site.url("ea-nuol")], in: site.dir.path, site: site)
        #expect(try Command.git(["rev-parse", "-q", "--verify", "refs/heads/main"], in: site.hubPath("ea-nuol")).succeeded)
    }
}
