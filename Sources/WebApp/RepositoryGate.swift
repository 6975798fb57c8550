import Dispatch
import Foundation
import PlanModel
import PlanStore

/// The one way the web application reaches the repository: each piece of work opens the
/// unit's repository as the command line does (``UnitRepository/open(at:notice:reading:)``,
/// taking the same repository lock, so a `plancascade` command in a terminal waits for it and
/// it for the command), runs on one serial queue (libgit2 handles are not shared between
/// threads), and closes it again, so the lock is held only while a page is made.
final class RepositoryGate: Sendable {
    let path: String
    private let queue = DispatchQueue(label: "plancascade.web.repository")

    init(path: String) {
        self.path = path
    }

    /// Runs `work` with the repository open.
    /// - Parameter reading: the work only reads (a read-only copy is opened without the lock).
    func run<T: Sendable>(reading: Bool = false, _ work: @escaping @Sendable (UnitRepository) throws -> T) async throws -> T {
        let path = self.path
        return try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result {
                    let repository = try UnitRepository.open(at: path, reading: reading)
                    return try work(repository)
                })
            }
        }
    }
}

/// The long operations (collect, push, publish, pull, a check with a fetch): one of each kind
/// at a time, run in the background while their page shows the stage they are in and how long
/// they have run, then what came of them. A
/// second request while one runs is refused with a message, never queued twice. Only the
/// result is kept here; what they did is in the repository.
actor JobBoard {
    enum Kind: String, Sendable, CaseIterable { case collect, push, publish, pull, check }

    struct Job: Sendable {
        let kind: Kind
        let started: Date
        var finished: Date?
        /// What came of it, as messages rendered in the reader's language when shown.
        var result: [Message] = []
        var failed = false
        /// Who started it (the account, or nil on localhost).
        let by: String?
    }

    private var jobs: [Kind: Job] = [:]
    /// The stage each running job is in, told by the workflow on the repository's queue.
    nonisolated let stages = JobStages()

    func job(_ kind: Kind) -> Job? { jobs[kind] }

    /// Whether any job runs now.
    var running: [Kind] { jobs.values.filter { $0.finished == nil }.map(\.kind) }

    /// Starts `work` as `kind` unless one is running; returns false when one is.
    func start(_ kind: Kind, by: String?, _ work: @escaping @Sendable () async -> (failed: Bool, result: [Message])) -> Bool {
        if let job = jobs[kind], job.finished == nil { return false }
        jobs[kind] = Job(kind: kind, started: Date(), by: by)
        stages[kind] = nil
        Task {
            let outcome = await work()
            self.finish(kind, outcome)
        }
        return true
    }

    private func finish(_ kind: Kind, _ outcome: (failed: Bool, result: [Message])) {
        jobs[kind]?.finished = Date()
        jobs[kind]?.result = outcome.result
        jobs[kind]?.failed = outcome.failed
    }
}

/// What stage each job is in (a catalogue message: "checking and collecting the report of
/// Xã Ea Nuôl (3/12)"), set from the workflow's own thread and read by the job's page.
final class JobStages: @unchecked Sendable {
    private let lock = NSLock()
    private var stages: [JobBoard.Kind: Message] = [:]

    subscript(kind: JobBoard.Kind) -> Message? {
        get { lock.withLock { stages[kind] } }
        set { lock.withLock { stages[kind] = newValue } }
    }

    /// A reporter for one job's workflow.
    func reporter(for kind: JobBoard.Kind) -> @Sendable (Message) -> Void {
        { [weak self] stage in self?[kind] = stage }
    }
}
