import Foundation
import Synchronization

/// Keeps the last published site in memory, for the dev server and tests.
public final class MemoryOutputSink: OutputSink {
    private let storage = Mutex<[OutputPath: Data]>([:])

    public init() {}

    public func publish(_ files: [OutputFile]) throws {
        var site: [OutputPath: Data] = [:]
        for file in files { site[file.path] = file.contents }
        storage.withLock { $0 = site }
    }

    /// The published contents of `path`, if any.
    public func contents(of path: OutputPath) -> Data? {
        storage.withLock { $0[path] }
    }

    /// All published paths, sorted.
    public var paths: [OutputPath] {
        storage.withLock { $0.keys.sorted() }
    }
}
