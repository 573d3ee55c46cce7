import Foundation
import Synchronization

extension Array where Element: Sendable {
    /// Maps in parallel, keeping the input order in the result.
    func concurrentMap<Result: Sendable>(_ transform: @escaping @Sendable (Element) -> Result) async -> [Result] {
        guard count > 1 else { return map(transform) }
        let elements = self
        return await ConcurrentRanges.run(count: count) { range in elements[range].map(transform) }
    }
}

extension Array where Element == Int {
    /// Runs `work` over contiguous ranges of this array's indices in parallel and joins the results
    /// in order; each range can keep its own scratch buffers.
    func concurrentChunks<Result: Sendable>(_ work: @escaping @Sendable (Range<Int>) -> [Result]) async -> [Result] {
        guard count > 1 else { return work(0..<count) }
        return await ConcurrentRanges.run(count: count, work)
    }
}

/// Splits `0..<count` into small ranges that one task per core takes in turn.
///
/// Fixed shares (four per core) left a core idle for the last share's length whenever shares
/// took unequal time, as sections of short and long documents do: a fifth of the load stage.
/// Small ranges handed out on demand keep both cores busy to the end.
enum ConcurrentRanges {
    /// Ranges per core: enough to even out the end, few enough that each range's overhead vanishes.
    private static let rangesPerCore = 32

    static func run<Result: Sendable>(count: Int, _ work: @escaping @Sendable (Range<Int>) -> [Result]) async -> [Result] {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let rangeCount = Swift.min(count, cores * rangesPerCore)
        let rangeSize = (count + rangeCount - 1) / rangeCount
        let next = NextRange()
        let workers = Swift.min(cores, rangeCount)
        return await withTaskGroup(of: [(Int, [Result])].self) { group in
            for _ in 0..<workers {
                group.addTask {
                    var done: [(Int, [Result])] = []
                    while true {
                        let start = next.start.wrappingAdd(rangeSize, ordering: .relaxed).oldValue
                        guard start < count else { break }
                        done.append((start, work(start..<Swift.min(start + rangeSize, count))))
                    }
                    return done
                }
            }
            var parts: [(Int, [Result])] = []
            for await done in group { parts += done }
            return parts.sorted { $0.0 < $1.0 }.flatMap(\.1)
        }
    }

    /// `transform` of each index in `0..<count`, in order, worked out across the cores while the
    /// calling thread waits: for synchronous work that already runs as one task beside others,
    /// such as a language's search index, whose per-document passes would otherwise use one core.
    static func blockingMap<Result: Sendable>(count: Int, _ transform: @Sendable (Int) -> Result) -> [Result] {
        guard count > 1 else { return (0..<count).map(transform) }
        let rangeCount = Swift.min(count, ProcessInfo.processInfo.activeProcessorCount * rangesPerCore)
        let rangeSize = (count + rangeCount - 1) / rangeCount
        let parts = Mutex<[[Result]]>(Array(repeating: [], count: rangeCount))
        // Dispatch hands the iterations out on demand, as `run` does with its ranges.
        DispatchQueue.concurrentPerform(iterations: rangeCount) { range in
            let start = Swift.min(range * rangeSize, count)
            let results = (start..<Swift.min(start + rangeSize, count)).map(transform)
            parts.withLock { $0[range] = results }
        }
        return parts.withLock { $0 }.flatMap { $0 }
    }

    /// `blockingMap` over `0..<count` a block of `size` indices at a time, each block's results
    /// handed to `consume` (with the block's first index) before the next block is made, so that
    /// only one block's results are ever held.
    static func blockingMap<Result: Sendable>(count: Int, inBlocksOf size: Int, _ transform: @Sendable (Int) -> Result,
                                              consume: (_ start: Int, _ results: [Result]) -> Void) {
        for start in stride(from: 0, to: count, by: Swift.max(size, 1)) {
            consume(start, blockingMap(count: Swift.min(size, count - start)) { transform(start + $0) })
        }
    }

    /// `first` and `second` side by side while the calling thread waits: two independent halves
    /// of synchronous work that would otherwise follow each other on one core.
    static func both<First: Sendable, Second: Sendable>(_ first: @Sendable () -> First,
                                                        and second: @Sendable () -> Second) -> (First, Second) {
        let firstResult = Mutex<First?>(nil)
        let secondResult = Mutex<Second?>(nil)
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            if part == 0 {
                let value = first()
                firstResult.withLock { $0 = value }
            } else {
                let value = second()
                secondResult.withLock { $0 = value }
            }
        }
        // Both iterations have run when `concurrentPerform` returns, so neither is made twice.
        return (firstResult.withLock { $0 } ?? first(), secondResult.withLock { $0 } ?? second())
    }

    /// The start of the next range not yet taken, shared by the workers.
    private final class NextRange: Sendable {
        let start = Atomic<Int>(0)
    }
}
