import ArgumentParser
import Foundation
import MosaicCore

/// `mosaic check`: every diagnostic the build would give, without writing anything.
///
/// Broken links and other warnings count as failures here, as in `build --strict`, because check
/// is what editors and CI run before publishing.
struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Report every problem in content, configuration and templates without writing the site."
    )

    @Option(help: "The site folder holding mosaic.yml, content/ and templates/.")
    var source = "."

    @Flag(help: "Include documents marked `draft: true`.")
    var drafts = false

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let options = BuildOptions(sourceFolder: URL(fileURLWithPath: source), includeDrafts: drafts, strict: true)
        let console = Console(quiet: global.quiet, verbose: global.verbose, sourcePrefix: source)
        let report = await BuildPipeline.build(options, to: DiscardingOutputSink())
        console.printCheck(report)
        if !report.published { throw ExitCode(1) }
    }
}
