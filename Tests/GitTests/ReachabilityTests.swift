import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing
@testable import Git

/// A hub that does not answer is reported within a bounded time, not after the kernel's
/// two-minute TCP timeout.
@Suite struct ReachabilityTests {
    @Test func endpointsOfEachURLForm() {
        #expect(Reachability.endpoint(of: "git://127.0.0.1:9999/daklak.git")! == ("127.0.0.1", 9999))
        #expect(Reachability.endpoint(of: "git://hub.example/daklak.git")! == ("hub.example", 9418))
        #expect(Reachability.endpoint(of: "https://user:pw@hub.example/x.git")! == ("hub.example", 443))
        #expect(Reachability.endpoint(of: "http://[::1]:8080/x.git")! == ("::1", 8080))
        #expect(Reachability.endpoint(of: "ssh://git@hub.example:2222/x.git")! == ("hub.example", 2222))
        #expect(Reachability.endpoint(of: "git@hub.example:tinh/daklak.git")! == ("hub.example", 22))
        #expect(Reachability.endpoint(of: "/srv/hubs/daklak.git") == nil)
        #expect(Reachability.endpoint(of: "hubs/daklak.git") == nil)
        #expect(Reachability.endpoint(of: "file:///srv/hubs/daklak.git") == nil)
    }

    /// A listening socket whose accept queue is full drops new connections' SYNs, as a host
    /// behind a firewall that drops packets does.
    @Test func aHostThatDropsConnectionsIsReportedInTime() throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #expect(listener >= 0)
        defer { close(listener) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) } }
        #expect(listen(listener, 0) == 0)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) } }
        let port = Int(UInt16(bigEndian: address.sin_port))
        let url = "git://127.0.0.1:\(port)/daklak.git"
        let filler = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(filler) }
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(filler, $0, length) } }
        let start = Date()
        #expect(throws: GitError.self) { try Reachability.check(url, timeout: 1) }
        do { try Reachability.check(url, timeout: 1) } catch let error as GitError {
            #expect(error.code == .unreachable)
            #expect(error.message.contains("127.0.0.1:\(port)"))
        }
        #expect(Date().timeIntervalSince(start) < 10)
    }
}
