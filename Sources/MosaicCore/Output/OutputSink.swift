/// Where a build goes: a folder on disk for `build`, memory for the dev server and tests.
///
/// Files are handed over while the build renders them, so no whole-site copy of the HTML stays in
/// memory; nothing becomes visible until the session commits, and a failed build discards it.
public protocol OutputSink: Sendable {
    /// Starts receiving one build's files.
    ///
    /// When `previous` still describes what the sink holds (nothing else wrote there since),
    /// the session updates that output in place and files can be kept instead of written again;
    /// `previousFiles` are the files that output holds, so those neither written nor kept go.
    func begin(updating previous: OutputStamp?, previousFiles: [OutputPath]) throws -> any OutputSession

    /// Whether every one of `files` is still there, for a sink that someone else can change (a
    /// folder); `begin` is then told about the previous output only when it is whole.
    ///
    /// Apart from `begin` so that the build can check beside its other stages: tens of thousands
    /// of lookups are a visible share of an incremental build.
    func holdsAll(_ files: [OutputPath]) -> Bool
}

extension OutputSink {
    /// A sink only Mosaic writes to holds what it published.
    public func holdsAll(_ files: [OutputPath]) -> Bool { true }

    /// Starts a session that builds the output from nothing.
    public func begin() throws -> any OutputSession {
        try begin(updating: nil, previousFiles: [])
    }
}

/// One build's output in progress.
public protocol OutputSession: Sendable {
    /// True when the session starts from the previous output, so `keep` can be used.
    var updatesPrevious: Bool { get }
    /// Adds files, from any task. A path already written or kept keeps its first contents; write
    /// failures are kept and reported by `commit`.
    func write(_ files: [OutputFile])
    /// Keeps files exactly as the previous output has them; only when `updatesPrevious`.
    func keep(_ paths: [OutputPath])
    /// Publishes everything written and kept, and returns what recognises this output next time.
    @discardableResult
    func commit() throws -> OutputStamp?
    /// Throws everything written away; the previous output stays as it was.
    func discard()
}

/// Recognises an output a sink published, so the next build can tell that nobody replaced it.
public struct OutputStamp: Sendable, Hashable {
    /// The output's location.
    public var folder: String
    /// Facts that change whenever the output is published again (for a folder: its marker
    /// file's inode, modification time and size).
    public var marker: [UInt64]
}
