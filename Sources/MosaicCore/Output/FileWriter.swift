import Foundation
import Synchronization

/// Writes many files into a fresh folder quickly: every folder made once, files written in
/// parallel with plain POSIX calls.
///
/// Foundation's `Data.write(to:)` syncs each file to disk and `FileManager.createDirectory` checks
/// every parent again; for tens of thousands of files into a staging folder that is swapped in as
/// a whole, neither buys safety, and together they were most of the write stage.
enum FileWriter {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Writes `files` under `root` (an existing, empty folder).
    static func write(_ files: [OutputFile], under root: URL) throws {
        let base = root.path
        var folders: Set<String> = []
        for file in files {
            var folder = base
            for component in file.path.components.dropLast() {
                folder += "/" + component
                folders.insert(folder)
            }
        }
        // Shorter paths first, so every parent exists before its children.
        for folder in folders.sorted(by: { $0.utf8.count < $1.utf8.count }) {
            if mkdir(folder, 0o755) != 0 && errno != EEXIST {
                throw Failure(description: "cannot create \(folder): \(String(cString: strerror(errno)))")
            }
        }
        let failures = Mutex<[String]>([])
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for index in stride(from: worker, to: files.count, by: workers) {
                let file = files[index]
                let path = base + "/" + file.path.components.joined(separator: "/")
                if let problem = writeFile(file.contents, to: path) {
                    failures.withLock { $0.append(problem) }
                }
            }
        }
        if let first = failures.withLock({ $0.sorted().first }) { throw Failure(description: first) }
    }

    /// Nil on success, else a message naming the file and the system's reason.
    private static func writeFile(_ data: Data, to path: String) -> String? {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return "cannot create \(path): \(String(cString: strerror(errno)))" }
        defer { close(descriptor) }
        let problem: String? = data.withUnsafeBytes { buffer -> String? in
            guard var pointer = buffer.baseAddress else { return nil }
            var remaining = buffer.count
            while remaining > 0 {
                let written = Foundation.write(descriptor, pointer, remaining)
                if written < 0 {
                    if errno == EINTR { continue }
                    return "cannot write \(path): \(String(cString: strerror(errno)))"
                }
                remaining -= written
                pointer = pointer.advanced(by: written)
            }
            return nil
        }
        return problem
    }
}
