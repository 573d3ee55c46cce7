import Synchronization

/// Holds a finished build's data until the process exits, for the command line only.
///
/// Freeing hundreds of thousands of strings and arrays one by one took a tenth of a second at the
/// end of a large build, and a short-lived process does not need it: the system takes the memory
/// back at once when it exits. Long-lived callers (the dev server, tests) leave this off.
enum ExitRelease {
    private static let kept = Mutex<[any Sendable]>([])

    static func keep(_ values: any Sendable...) {
        kept.withLock { $0.append(contentsOf: values) }
    }
}
