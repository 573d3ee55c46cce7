import ArgumentParser
import Foundation
import MosaicCore

/// `mosaic init DIR`: a new hub that builds and serves at once.
struct InitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a new, empty hub (configuration, templates, interface strings, an example document)."
    )

    @Argument(help: "The folder to create; it must be empty or not exist yet.")
    var folder: String

    func run() throws {
        do {
            try SiteInitializer.create(at: URL(fileURLWithPath: folder), theme: nil)
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(1)
        }
        print("Created a new hub in \(folder). Next: cd \(folder) && mosaic serve")
    }
}
