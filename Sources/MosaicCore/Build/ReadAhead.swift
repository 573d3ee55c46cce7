import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Asks the kernel to start reading every content file before the load stage reads them.
///
/// When the files are not in the page cache (a first build, or a machine that drops its cache
/// soon), each loader thread waited for one small read at a time and the load stage left a core
/// idle. Hints from one thread of its own keep many reads in flight; they change nothing else.
enum ReadAhead {
    static func start(_ paths: [String]) {
        #if os(Linux)
        let thread = Thread {
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
}
