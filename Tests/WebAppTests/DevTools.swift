import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Headless Chromium (Debian's `/usr/bin/chromium`) driven through its DevTools protocol over
/// `--remote-debugging-pipe`: JSON messages separated by NUL bytes on file descriptors 3 (to
/// the browser) and 4 (from it). One page, attached with a flat session; the browser is
/// killed when the object goes away.
final class DevTools: @unchecked Sendable {
    static let chromium = "/usr/bin/chromium"
    static var available: Bool { FileManager.default.isExecutableFile(atPath: chromium) }

    private let pid: pid_t
    private let toBrowser: Int32
    private let fromBrowser: Int32
    private var nextID = 0
    private var answers: [Int: [String: Any]] = [:]
    private let condition = NSCondition()
    private var session = ""
    private let profile: String

    init(folder: String) throws {
        profile = folder + "/chromium-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: profile, withIntermediateDirectories: true)
        var inward: [Int32] = [0, 0], outward: [Int32] = [0, 0]
        guard pipe(&inward) == 0, pipe(&outward) == 0 else { throw WebTestFailure("pipe failed") }
        // Keep our ends away from 3 and 4, which the browser's ends are moved to.
        func high(_ fd: Int32) -> Int32 {
            let moved = fcntl(fd, F_DUPFD_CLOEXEC, 10)
            close(fd)
            return moved
        }
        let browserReads = high(inward[0]), weWrite = high(inward[1]), weRead = high(outward[0]), browserWrites = high(outward[1])
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, browserReads, 3)
        posix_spawn_file_actions_adddup2(&actions, browserWrites, 4)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, profile + "/stderr.log", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let arguments = [Self.chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                         "--no-default-browser-check", "--disable-extensions", "--remote-debugging-pipe", "--user-data-dir=\(profile)",
                         "--window-size=1280,900", "about:blank"]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let variables: [String] = ["HOME=\(profile)", "PATH=/usr/bin:/bin", "LANG=C.UTF-8"]
        var environment: [UnsafeMutablePointer<CChar>?] = variables.map { strdup($0) } + [nil]
        defer { for pointer in environment { free(pointer) } }
        var child: pid_t = 0
        let spawned = posix_spawn(&child, Self.chromium, &actions, nil, &argv, &environment)
        close(browserReads)
        close(browserWrites)
        guard spawned == 0 else { throw WebTestFailure("posix_spawn chromium: \(spawned)") }
        pid = child
        toBrowser = weWrite
        fromBrowser = weRead
        Thread.detachNewThread { [self] in readLoop() }
        let targets = try call("Target.getTargets", session: false)
        guard let infos = targets["targetInfos"] as? [[String: Any]],
              let page = infos.first(where: { $0["type"] as? String == "page" })?["targetId"] as? String else {
            throw WebTestFailure("no page target: \(targets)")
        }
        let attached = try call("Target.attachToTarget", ["targetId": page, "flatten": true], session: false)
        session = attached["sessionId"] as? String ?? ""
        _ = try call("Page.enable")
        _ = try call("Runtime.enable")
    }

    deinit {
        kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        close(toBrowser)
        close(fromBrowser)
        try? FileManager.default.removeItem(atPath: profile)
    }

    private func readLoop() {
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = read(fromBrowser, &chunk, chunk.count)
            if count <= 0 { break }
            buffer += chunk[0..<count]
            while let end = buffer.firstIndex(of: 0) {
                let message = Array(buffer[..<end])
                buffer.removeSubrange(...end)
                guard let object = try? JSONSerialization.jsonObject(with: Data(message)) as? [String: Any], let id = object["id"] as? Int else { continue }
                condition.lock()
                answers[id] = object
                condition.broadcast()
                condition.unlock()
            }
        }
        condition.lock()
        answers[-1] = ["error": ["message": "the browser closed its pipe"]]
        condition.broadcast()
        condition.unlock()
    }

    /// Sends `method` (to the page's session unless `session` is false) and waits for its result.
    @discardableResult
    func call(_ method: String, _ params: [String: Any] = [:], session: Bool = true, timeout: TimeInterval = 60) throws -> [String: Any] {
        condition.lock()
        nextID += 1
        let id = nextID
        condition.unlock()
        var message: [String: Any] = ["id": id, "method": method, "params": params]
        if session { message["sessionId"] = self.session }
        var bytes = Array(try JSONSerialization.data(withJSONObject: message))
        bytes.append(0)
        var written = 0
        while written < bytes.count {
            let count = bytes[written...].withUnsafeBufferPointer { write(toBrowser, $0.baseAddress, $0.count) }
            guard count > 0 else { throw WebTestFailure("cannot write to the browser") }
            written += count
        }
        condition.lock()
        defer { condition.unlock() }
        let deadline = Date().addingTimeInterval(timeout)
        while answers[id] == nil, answers[-1] == nil {
            guard condition.wait(until: deadline) else { throw WebTestFailure("\(method): no answer in \(timeout) s") }
        }
        guard let answer = answers.removeValue(forKey: id) else { throw WebTestFailure("\(method): the browser closed its pipe") }
        if let error = answer["error"] { throw WebTestFailure("\(method): \(error)") }
        return answer["result"] as? [String: Any] ?? [:]
    }

    /// The value of a JavaScript expression in the page (run by DevTools, not by the page).
    func evaluate(_ expression: String) throws -> Any? {
        let result = try call("Runtime.evaluate", ["expression": expression, "returnByValue": true, "awaitPromise": true])
        if let exception = result["exceptionDetails"] { throw WebTestFailure("\(expression): \(exception)") }
        return (result["result"] as? [String: Any])?["value"]
    }

    func navigate(_ url: String) throws {
        try call("Page.navigate", ["url": url])
        try waitFor("document.readyState === 'complete' && location.href.startsWith(\(Self.literal(url.components(separatedBy: "?")[0])))")
    }

    /// Waits until `condition` (JavaScript) is true in the page.
    func waitFor(_ condition: String, timeout: TimeInterval = 60) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if (try? evaluate("Boolean(\(condition))")) as? Bool == true { return }
            usleep(100_000)
        }
        throw WebTestFailure("timed out waiting for \(condition); page: \(String(describing: try? evaluate("document.body ? document.body.innerText : ''")))")
    }

    /// Types `text` into the field `id` as the keyboard would (focus, select all, insert).
    func type(_ text: String, into id: String) throws {
        _ = try evaluate("(() => { const e = document.getElementById(\(Self.literal(id))); e.focus(); e.select(); return true })()")
        try call("Input.insertText", ["text": text])
    }

    /// Clicks the element `id` and waits for the next page to load.
    func click(_ id: String) throws {
        let marker = "pc-\(UUID().uuidString.prefix(8))"
        _ = try evaluate("window.__pc = \(Self.literal(marker)); document.getElementById(\(Self.literal(id))).click(); true")
        try waitFor("window.__pc !== \(Self.literal(marker)) && document.readyState === 'complete'")
    }

    func text(_ selector: String = "body") throws -> String {
        try evaluate("(() => { const e = document.querySelector(\(Self.literal(selector))); return e ? e.innerText : '' })()") as? String ?? ""
    }

    var location: String { (try? evaluate("location.pathname + location.search") as? String) ?? "" }

    /// A PNG of the page at `width` CSS pixels (the whole page's height), written to `path`.
    func screenshot(_ path: String, width: Int, mobile: Bool) throws {
        try call("Emulation.setDeviceMetricsOverride", ["width": width, "height": 800, "deviceScaleFactor": 1, "mobile": mobile])
        let height = try evaluate("document.documentElement.scrollHeight") as? Int ?? 800
        try call("Emulation.setDeviceMetricsOverride", ["width": width, "height": min(height, 4000), "deviceScaleFactor": 1, "mobile": mobile])
        let shot = try call("Page.captureScreenshot", ["format": "png"])
        guard let data = (shot["data"] as? String).flatMap({ Data(base64Encoded: $0) }) else { throw WebTestFailure("no screenshot") }
        try data.write(to: URL(fileURLWithPath: path))
        try call("Emulation.clearDeviceMetricsOverride")
    }

    static func literal(_ text: String) -> String {
        String(decoding: try! JSONSerialization.data(withJSONObject: [text]), as: UTF8.self).dropFirst().dropLast().description
    }
}
