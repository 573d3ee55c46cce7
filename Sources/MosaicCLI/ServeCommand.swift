import ArgumentParser
import Foundation
import MosaicCore
import MosaicServer

/// `mosaic serve`: a dev server with live reload that never writes to public/.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build into memory, serve on loopback, rebuild on save and reload open pages."
    )

    @Option(help: "The site folder holding mosaic.yml, content/ and templates/.")
    var source = "."

    @Option(help: "The address to listen on (loopback by default).")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on.")
    var port = 4000

    @Flag(help: "Include documents marked `draft: true`.")
    var drafts = false

    @OptionGroup var global: GlobalOptions

    func run() async throws {
        var options = BuildOptions(sourceFolder: URL(fileURLWithPath: source), includeDrafts: drafts)
        // Each save rebuilds only what it touches: the served site is updated in memory, the
        // documents' results are kept in the same cache as `mosaic build`'s.
        options.cacheFolder = options.sourceFolder.appendingPathComponent(".mosaic-cache")
        let console = Console(quiet: global.quiet, verbose: global.verbose, sourcePrefix: source)
        let server = DevServer(options: options, host: host, port: port)
        try await server.run(
            onReady: { address in console.write("Serving \(address) (Ctrl-C to stop)") },
            onBuild: { report in console.print(report, outputPath: "the served site") })
    }
}
