import ArgumentParser
import Foundation
import MosaicCore

/// `mosaic build`: builds the site into the output folder, replacing it only on success.
struct BuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Build the site from content/ into public/."
    )

    @Option(help: "The site folder holding mosaic.yml, content/ and templates/.")
    var source = "."

    @Option(help: "Where to write the site (default: <source>/public).")
    var output: String?

    @Flag(help: "Include documents marked `draft: true`.")
    var drafts = false

    @Flag(help: "Treat warnings (such as broken links) as errors.")
    var strict = false

    @Flag(help: "Build everything from scratch, without reading or writing <source>/.mosaic-cache.")
    var noCache = false

    @Option(help: ArgumentHelp("Megabytes of rendered pages to hold in memory; the rest waits in a temporary file.",
                               valueName: "MB"))
    var memoryBudget = BuildOptions.defaultBodyMemoryBudget >> 20

    @OptionGroup var global: GlobalOptions

    func validate() throws {
        guard (0...1_000_000).contains(memoryBudget) else {
            throw ValidationError("--memory-budget takes megabytes from 0 to 1000000")
        }
    }

    func run() async throws {
        let sourceURL = URL(fileURLWithPath: source)
        let outputURL = output.map { URL(fileURLWithPath: $0) } ?? sourceURL.appendingPathComponent("public")
        let console = Console(quiet: global.quiet, verbose: global.verbose, sourcePrefix: source)
        var options = BuildOptions(sourceFolder: sourceURL, includeDrafts: drafts, strict: strict)
        options.progress = console.progress
        if !noCache { options.cacheFolder = sourceURL.appendingPathComponent(".mosaic-cache") }
        options.bodyMemoryBudget = memoryBudget << 20
        options.keepsDataUntilExit = true
        let report = await BuildPipeline.build(options, to: DiskOutputSink(target: outputURL))
        console.print(report, outputPath: outputURL.path)
        if !report.published { throw ExitCode(1) }
    }
}
