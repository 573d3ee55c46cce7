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

    @Flag(help: "List, per language, documents without a version in it and versions older than their original.")
    var translations = false

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @Option(help: "text (default) or json: one object per diagnostic on stdout, for editors and CI.")
    var format: Format = .text

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        let options = BuildOptions(sourceFolder: URL(fileURLWithPath: source), includeDrafts: drafts, strict: true)
        let console = Console(quiet: global.quiet, verbose: global.verbose, sourcePrefix: source)
        let report = await BuildPipeline.build(options, to: DiscardingOutputSink())
        if format == .json {
            print(DiagnosticJSON.encode(report.diagnostics, pathPrefix: console.displayPath))
        } else {
            if translations { printTranslationGaps(report.translationGaps) }
            console.printCheck(report)
        }
        if !report.published { throw ExitCode(1) }
    }

    /// The parity report on stdout, one section per language and kind, so it can be piped.
    private func printTranslationGaps(_ gaps: [BuildReport.TranslationGap]) {
        let sections = Dictionary(grouping: gaps) { "\($0.language)|\($0.kind.rawValue)" }
        for key in sections.keys.sorted() {
            let entries = sections[key] ?? []
            guard let first = entries.first else { continue }
            let heading = first.kind == .missing ? "documents with no '\(first.language)' version"
                                                 : "'\(first.language)' versions older than their original"
            print("\(first.language): \(entries.count) \(heading)")
            for entry in entries { print("  \(entry.path)  \(entry.detail ?? entry.title)") }
        }
        if gaps.isEmpty { print("Every document exists in every language and is up to date.") }
    }
}
