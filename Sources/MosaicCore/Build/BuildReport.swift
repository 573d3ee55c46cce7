/// What a build did: its diagnostics, counts and time per stage.
public struct BuildReport: Sendable {
    public struct StageTiming: Sendable {
        public var stage: String
        public var seconds: Double
        public var detail: String
    }

    /// A document a language still lacks, or a translation older than its original.
    public struct TranslationGap: Sendable, Hashable {
        public enum Kind: String, Sendable { case missing, stale }
        public var language: String
        public var kind: Kind
        public var path: String
        public var title: String
        /// For stale translations: "2020-01 < content/x.md 2021-03".
        public var detail: String?
    }

    public var diagnostics: [Diagnostic]
    public var translationGaps: [TranslationGap] = []
    public var pageCount: Int
    public var fileCount: Int
    public var timings: [StageTiming]
    /// True when the output was published (no errors, and no warnings in strict mode).
    public var published: Bool
    /// A failure outside user content (e.g. the output folder could not be written).
    public var failure: String?

    public var totalSeconds: Double { timings.reduce(0) { $0 + $1.seconds } }
}
