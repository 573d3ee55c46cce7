import Foundation
import Synchronization

/// Writes files under one folder from any number of tasks: each folder made once, files written
/// with plain POSIX calls.
///
/// Foundation's `Data.write(to:)` syncs each file to disk and `FileManager.createDirectory` checks
/// every parent again; for tens of thousands of files into a staging folder that is swapped in as
/// a whole, neither buys safety, and together they were most of the write stage.
final class FileWriter: Sendable {
    let root: String
    private let folders = Mutex<Set<String>>([])
    /// Paths written or claimed: a later write to one of them is ignored.
    private let taken = Mutex<Set<OutputPath>>([])
    /// Paths actually written, in the order they came.
    private let written = Mutex<[OutputPath]>([])
    private let failures = Mutex<[String]>([])

    /// `root`, open: files and folders are made relative to it, so that the system does not walk
    /// the root's own path again for each of tens of thousands of files. -1 when it could not be
    /// opened (paths are then given whole).
    private let rootDescriptor: Int32

    init(root: URL) {
        self.root = root.path
        rootDescriptor = open(root.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    }

    deinit {
        if rootDescriptor >= 0 { close(rootDescriptor) }
    }

    /// The first failure, in a stable order, if any write failed.
    var firstFailure: String? {
        failures.withLock { $0.sorted().first }
    }

    /// Marks paths as taken without writing them, so later writes to them are ignored.
    func claim(_ paths: [OutputPath]) {
        taken.withLock { $0.formUnion(paths) }
    }

    /// Every path written or claimed so far.
    var takenPaths: Set<OutputPath> {
        taken.withLock { $0 }
    }

    /// Every path written (not claimed) so far.
    var writtenPaths: [OutputPath] {
        written.withLock { $0 }
    }

    /// Writes files whose paths were not written before; large batches in parallel.
    func write(_ files: [OutputFile]) {
        let fresh = taken.withLock { paths in files.filter { paths.insert($0.path).inserted } }
        written.withLock { $0 += fresh.map(\.path) }
        guard fresh.count > 64 else {
            for file in fresh { write(file) }
            return
        }
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for index in stride(from: worker, to: fresh.count, by: workers) { write(fresh[index]) }
        }
    }

    private func write(_ file: OutputFile) {
        let path = file.path.rawValue
        var rest = path.utf8[...]
        // Each folder on the way, from the top.
        while let slash = rest.firstIndex(of: UInt8(ascii: "/")) {
            if let problem = makeFolder(String(path[..<slash])) {
                failures.withLock { $0.append(problem) }
                return
            }
            rest = rest[rest.index(after: slash)...]
        }
        let written = rootDescriptor >= 0
            ? Self.writeFile(to: path, in: rootDescriptor, under: root) { write in file.contents.withUnsafeBytes(write) }
            : Self.writeFile(to: root + "/" + path) { write in file.contents.withUnsafeBytes(write) }
        if let problem = written {
            failures.withLock { $0.append(problem) }
        }
    }

    /// Nil when the folder (relative to the root) exists, made now or before, else why it cannot be made.
    private func makeFolder(_ path: String) -> String? {
        if folders.withLock({ $0.contains(path) }) { return nil }
        let made = rootDescriptor >= 0 ? mkdirat(rootDescriptor, path, 0o755) : mkdir(root + "/" + path, 0o755)
        if made != 0 && errno != EEXIST {
            return "cannot create \(root)/\(path): \(String(cString: strerror(errno)))"
        }
        folders.withLock { _ = $0.insert(path) }
        return nil
    }

    /// Creates (or empties) the file at `path` and writes to it, in order, every buffer `body`
    /// hands to `write`; nil on success, else a message naming the file and the system's reason.
    static func writeFile(to path: String, _ body: (_ write: (UnsafeRawBufferPointer) -> Void) -> Void) -> String? {
        writeFile(to: path, in: AT_FDCWD, under: nil, body)
    }

    /// `writeFile(to:_:)` with `path` relative to the open folder `folder`, whose path is `root`
    /// (for messages; nil when `path` is whole).
    private static func writeFile(to path: String, in folder: Int32, under root: String?,
                                  _ body: (_ write: (UnsafeRawBufferPointer) -> Void) -> Void) -> String? {
        func name() -> String { root.map { "\($0)/\(path)" } ?? path }
        let descriptor = openat(folder, path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return "cannot create \(name()): \(String(cString: strerror(errno)))" }
        defer { close(descriptor) }
        var failure: String?
        body { buffer in
            guard failure == nil, var pointer = buffer.baseAddress else { return }
            var remaining = buffer.count
            while remaining > 0 {
                let count = Foundation.write(descriptor, pointer, remaining)
                if count < 0 {
                    if errno == EINTR { continue }
                    failure = "cannot write \(name()): \(String(cString: strerror(errno)))"
                    return
                }
                remaining -= count
                pointer = pointer.advanced(by: count)
            }
        }
        return failure
    }
}
