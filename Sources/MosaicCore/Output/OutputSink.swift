/// Where a finished build goes: a folder on disk for `build`, memory for the dev server and tests.
///
/// A sink receives the whole site at once so it can publish it atomically.
public protocol OutputSink: Sendable {
    func publish(_ files: [OutputFile]) throws
}
