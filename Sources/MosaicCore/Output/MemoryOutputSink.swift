import Foundation
import Synchronization

/// Keeps the last published site in memory, for the dev server and tests.
public final class MemoryOutputSink: OutputSink {
    private let storage = Mutex<[OutputPath: Data]>([:])

    public init() {}

    public func begin() throws -> any OutputSession {
        Session(sink: self)
    }

    /// The published contents of `path`, if any.
    public func contents(of path: OutputPath) -> Data? {
        storage.withLock { $0[path] }
    }

    /// All published paths, sorted.
    public var paths: [OutputPath] {
        storage.withLock { $0.keys.sorted() }
    }

    private final class Session: OutputSession {
        let sink: MemoryOutputSink
        let pending = Mutex<[OutputPath: Data]>([:])

        init(sink: MemoryOutputSink) {
            self.sink = sink
        }

        func write(_ files: [OutputFile]) {
            pending.withLock { site in
                for file in files where site[file.path] == nil { site[file.path] = file.contents }
            }
        }

        func commit() throws {
            let site = pending.withLock { $0 }
            sink.storage.withLock { $0 = site }
        }

        func discard() {
            pending.withLock { $0 = [:] }
        }
    }
}
