import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// libgit2 1.5 has no connection timeout: a fetch or push to a host that drops packets
/// waits for the kernel's TCP timeout (two minutes and more) before failing, printing
/// nothing. Before a network transfer the hub's host is therefore tried with a TCP connect
/// of bounded time; a host that does not answer in time is reported at once.
enum Reachability {
    /// Seconds a connection may take: `PLANCASCADE_CONNECT_TIMEOUT`, else 15.
    static var timeout: Double {
        ProcessInfo.processInfo.environment["PLANCASCADE_CONNECT_TIMEOUT"].flatMap(Double.init).flatMap { $0 > 0 ? $0 : nil } ?? 15
    }

    /// The host and port a URL connects to; nil for a local path or `file://`.
    /// `git://` 9418, `http://` 80, `https://` 443, `ssh://` and scp-like `user@host:path` 22.
    static func endpoint(of url: String) -> (host: String, port: Int)? {
        let defaults = ["git": 9418, "http": 80, "https": 443, "ssh": 22, "git+ssh": 22, "ssh+git": 22]
        if let schemeEnd = url.range(of: "://") {
            let scheme = url[..<schemeEnd.lowerBound].lowercased()
            guard let port = defaults[scheme] else { return nil }
            var authority = url[schemeEnd.upperBound...].prefix { $0 != "/" }
            if let at = authority.lastIndex(of: "@") { authority = authority[authority.index(after: at)...] }
            if authority.hasPrefix("["), let close = authority.firstIndex(of: "]") {  // [::1]:9418
                let host = String(authority[authority.index(after: authority.startIndex)..<close])
                let rest = authority[authority.index(after: close)...]
                return (host, rest.hasPrefix(":") ? Int(rest.dropFirst()) ?? port : port)
            }
            let parts = authority.split(separator: ":", maxSplits: 1)
            guard let host = parts.first, !host.isEmpty else { return nil }
            return (String(host), parts.count > 1 ? Int(parts[1]) ?? port : port)
        }
        // scp-like syntax: [user@]host:path, where host has no slash before the colon.
        guard let colon = url.firstIndex(of: ":"), !url[..<colon].contains("/") else { return nil }
        var host = url[..<colon]
        if let at = host.lastIndex(of: "@") { host = host[host.index(after: at)...] }
        return host.isEmpty || host.count == 1 ? nil : (String(host), 22)  // "C:" is a drive, not a host
    }

    /// Throws `GitError` `.unreachable` naming `url` when its host does not accept a TCP
    /// connection within ``timeout`` seconds; returns at once for local paths. A host that
    /// cannot be resolved or refuses at once is left for libgit2 to report.
    static func check(_ url: String, timeout limit: Double = timeout) throws {
        guard let (host, port) = endpoint(of: url) else { return }
        var hints = addrinfo()
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &list) == 0, let first = list else { return }
        defer { freeaddrinfo(list) }
        var address: UnsafeMutablePointer<addrinfo>? = first
        while let current = address {
            let fd = socket(current.pointee.ai_family, current.pointee.ai_socktype, current.pointee.ai_protocol)
            if fd >= 0 {
                defer { close(fd) }
                _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
                if connect(fd, current.pointee.ai_addr, current.pointee.ai_addrlen) == 0 { return }
                if errno == EINPROGRESS {
                    var poller = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
                    let ready = poll(&poller, 1, Int32(limit * 1000))
                    if ready > 0 { return }  // connected, or refused: libgit2 says which
                    if ready == 0 {
                        throw GitError(
                            code: .unreachable, message: "\(host):\(port) did not answer within \(Int(limit)) seconds",
                            function: "connect")
                    }
                }
            }
            address = current.pointee.ai_next
        }
    }
}
