/// Where a build goes: a folder on disk for `build`, memory for the dev server and tests.
///
/// Files are handed over while the build renders them, so no whole-site copy of the HTML stays in
/// memory; nothing becomes visible until the session commits, and a failed build discards it.
public protocol OutputSink: Sendable {
    /// Starts receiving one build's files.
    func begin() throws -> any OutputSession
}

/// One build's output in progress.
public protocol OutputSession: Sendable {
    /// Adds files, from any task. A path already written keeps its first contents; write failures
    /// are kept and reported by `commit`.
    func write(_ files: [OutputFile])
    /// Publishes everything written, all at once.
    func commit() throws
    /// Throws everything written away; the previous output stays as it was.
    func discard()
}
