/// What a build did: its diagnostics, counts and time per stage.
public struct BuildReport: Sendable {
    public struct StageTiming: Sendable {
        public var stage: String
        public var seconds: Double
        public var detail: String
    }

    public var diagnostics: [Diagnostic]
    public var pageCount: Int
    public var fileCount: Int
    public var timings: [StageTiming]
    /// True when the output was published (no errors, and no warnings in strict mode).
    public var published: Bool
    /// A failure outside user content (e.g. the output folder could not be written).
    public var failure: String?

    public var totalSeconds: Double { timings.reduce(0) { $0 + $1.seconds } }
}
