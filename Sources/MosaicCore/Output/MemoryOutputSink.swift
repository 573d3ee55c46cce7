import Foundation
import Synchronization

/// Keeps the site in memory, for the dev server and tests; a commit replaces the whole site.
public final class MemoryOutputSink: OutputSink {
    private struct Published {
        var files: [OutputPath: Data] = [:]
        /// Counts commits, so a stamp names one published version.
        var generation: UInt64 = 0
    }

    private let storage = Mutex<Published>(Published())
    /// Distinguishes sinks, so a stamp from another sink never matches this one.
    private let identity = UUID().uuidString

    public init() {}

    public func begin(updating previous: OutputStamp?, previousFiles: [OutputPath]) throws -> any OutputSession {
        let current = storage.withLock { $0.generation }
        return Session(sink: self, updatesPrevious: previous == stamp(generation: current))
    }

    public func contents(of path: OutputPath) -> Data? {
        storage.withLock { $0.files[path] }
    }

    public var paths: [OutputPath] {
        storage.withLock { $0.files.keys.sorted() }
    }

    private func stamp(generation: UInt64) -> OutputStamp {
        OutputStamp(folder: "memory:" + identity, marker: [generation])
    }

    private final class Session: OutputSession {
        let sink: MemoryOutputSink
        let updatesPrevious: Bool
        let pending = Mutex<[OutputPath: Data]>([:])
        let kept = Mutex<Set<OutputPath>>([])

        init(sink: MemoryOutputSink, updatesPrevious: Bool) {
            self.sink = sink
            self.updatesPrevious = updatesPrevious
        }

        func write(_ files: [OutputFile]) {
            let kept = kept.withLock { $0 }
            pending.withLock { site in
                for file in files where site[file.path] == nil && !kept.contains(file.path) { site[file.path] = file.contents }
            }
        }

        func keep(_ paths: [OutputPath]) {
            guard updatesPrevious else { return }
            kept.withLock { $0.formUnion(paths) }
        }

        func commit() throws -> OutputStamp? {
            var site = pending.withLock { $0 }
            let kept = kept.withLock { $0 }
            let generation = sink.storage.withLock { published -> UInt64 in
                for path in kept where site[path] == nil { site[path] = published.files[path] }
                published.files = site
                published.generation += 1
                return published.generation
            }
            return sink.stamp(generation: generation)
        }

        func discard() {
            pending.withLock { $0 = [:] }
        }
    }
}
