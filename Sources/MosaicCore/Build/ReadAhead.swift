import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Asks the kernel to start reading every content file before the load stage reads them.
///
/// When the files are not in the page cache (a first build, or a machine that drops its cache
/// soon), each loader thread waited for one small read at a time and the load stage left a core
/// idle. Hints from one thread of its own keep many reads in flight; they change nothing else.
/// When a sample of the files is already in memory the hints are skipped: opening every file
/// once more took about a tenth of a second of a core from the loaders on a warm 10k hub.
enum ReadAhead {
    /// Files looked at, spread over the list, before deciding that the content is already read.
    static let sampleSize = 16

    static func start(_ paths: [String]) {
        #if os(Linux)
        let thread = Thread {
            if ReadAhead.sampleIsResident(paths) { return }
            for path in paths {
                let descriptor = open(path, O_RDONLY | O_CLOEXEC)
                guard descriptor >= 0 else { continue }
                _ = posix_fadvise(descriptor, 0, 0, POSIX_FADV_WILLNEED)
                close(descriptor)
            }
        }
        thread.start()
        #endif
    }

    #if os(Linux)
    /// Whether every page of each sampled file is in the page cache (`mincore` over a mapping).
    /// Any doubt (a file that cannot be opened or mapped) answers no, so the hints are given.
    static func sampleIsResident(_ paths: [String]) -> Bool {
        guard !paths.isEmpty else { return true }
        let step = max(1, paths.count / sampleSize)
        return stride(from: 0, to: paths.count, by: step).prefix(sampleSize).allSatisfy { isResident(paths[$0]) }
    }

    private static func isResident(_ path: String) -> Bool {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else { return false }
        let size = Int(status.st_size)
        if size == 0 { return true }
        guard let mapping = mmap(nil, size, PROT_READ, MAP_SHARED, descriptor, 0), mapping != MAP_FAILED else { return false }
        defer { munmap(mapping, size) }
        let pageSize = Int(sysconf(Int32(_SC_PAGESIZE)))
        var pages = [UInt8](repeating: 0, count: (size + pageSize - 1) / pageSize)
        guard mincore(mapping, size, &pages) == 0 else { return false }
        return pages.allSatisfy { $0 & 1 == 1 }
    }
    #endif
}
