import Foundation
import Testing
@testable import WebApp

/// A page's result being made is waited for by a second view, not made again beside it;
/// a maker that fails leaves the next one to make it.
@Suite struct CommitMemoTests {
    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func next() -> Int { lock.withLock { value += 1; return value } }
        var count: Int { lock.withLock { value } }
    }

    struct Failure: Error {}

    @Test func aSecondAskerWaitsForTheFirstMaker() throws {
        let memo = CommitMemo<Int>(), made = Counter()
        let group = DispatchGroup()
        let results = Counter()
        for _ in 0..<2 {
            DispatchQueue.global().async(group: group) {
                let value = memo.value(for: "k") { () -> Int in
                    Thread.sleep(forTimeInterval: 0.3)
                    return made.next()
                }
                if value == 1 { _ = results.next() }
            }
            Thread.sleep(forTimeInterval: 0.05)
        }
        #expect(group.wait(timeout: .now() + 20) == .success, "the two askers did not finish in 20 s")
        #expect(made.count == 1, "made \(made.count) times")
        #expect(results.count == 2)
    }

    @Test func aFailedMakerLeavesTheNextToMakeIt() throws {
        let memo = CommitMemo<Int>()
        #expect(throws: Failure.self) { try memo.value(for: "k") { () throws -> Int in throw Failure() } }
        #expect(memo.value(for: "k") { 7 } == 7)
        #expect(memo.value(for: "k") { 8 } == 7)
    }
}
