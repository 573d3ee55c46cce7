import Foundation

/// Everything a build needs to know, fixed before it starts.
public struct BuildOptions: Sendable {
    /// The site root holding `mosaic.yml`, `content/` and `templates/`.
    public var sourceFolder: URL
    public var includeDrafts: Bool
    /// Turns warnings (such as broken links) into a failed build.
    public var strict: Bool
    /// The default theme folder; `nil` means look beside the executable.
    public var themeFolder: URL?
    /// Where the build cache lives (normally `<site>/.mosaic-cache`); `nil` builds from nothing.
    public var cacheFolder: URL?
    /// Bytes of rendered HTML and text kept in memory between the Markdown stage and the pages;
    /// the rest waits in a temporary file (see `BodySpill`).
    public var bodyMemoryBudget = BuildOptions.defaultBodyMemoryBudget
    /// 128 MB: the 10,000-document benchmark's bodies (92 MB) stay in memory; a hub ten times as
    /// large keeps this much and spills the rest.
    public static let defaultBodyMemoryBudget = 128 << 20
    /// Leaves the build's data allocated when it returns, for a process about to exit (see `ExitRelease`).
    public var keepsDataUntilExit = false
    /// Told after each stage (its name, counts, and how many of `BuildOptions.stageCount` are done),
    /// for progress displays; never affects the output.
    public var progress: (@Sendable (_ stage: String, _ detail: String, _ done: Int) -> Void)?

    /// The number of stages a full build reports to `progress`.
    public static let stageCount = 10

    public init(sourceFolder: URL, includeDrafts: Bool = false, strict: Bool = false, themeFolder: URL? = nil) {
        self.sourceFolder = sourceFolder.standardizedFileURL
        self.includeDrafts = includeDrafts
        self.strict = strict
        self.themeFolder = themeFolder
    }
}
