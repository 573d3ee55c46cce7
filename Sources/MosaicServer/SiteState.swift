import Foundation
import MosaicCore

/// The dev server's current site: the last good build in memory, the last failure if any, and
/// the reload subscribers to tell when either changes.
actor SiteState {
    let sink = MemoryOutputSink()
    private(set) var failure: BuildReport?
    private(set) var generation = 0
    private var subscribers: [UUID: AsyncStream<Int>.Continuation] = [:]

    /// Records a build's outcome and tells every open page to reload.
    func finished(_ report: BuildReport) {
        failure = report.published ? nil : report
        generation += 1
        for continuation in subscribers.values { continuation.yield(generation) }
    }

    /// A stream of generation numbers, one per finished build, until the page goes away.
    func subscribe() -> AsyncStream<Int> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<Int>.makeStream(bufferingPolicy: .bufferingNewest(1))
        subscribers[id] = continuation
        continuation.onTermination = { [weak self] _ in
            Task { await self?.unsubscribe(id) }
        }
        return stream
    }

    private func unsubscribe(_ id: UUID) {
        subscribers[id] = nil
    }

    func finishAll() {
        for continuation in subscribers.values { continuation.finish() }
        subscribers = [:]
    }
}
