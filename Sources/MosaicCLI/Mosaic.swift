import ArgumentParser

/// The `mosaic` command: parses arguments and hands off to `MosaicCore`.
@main
struct Mosaic: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mosaic",
        abstract: "Build bilingual knowledge hubs from Markdown.",
        version: "0.1.0",
        subcommands: [BuildCommand.self, CheckCommand.self, ServeCommand.self, NewCommand.self, InitCommand.self],
        defaultSubcommand: BuildCommand.self
    )
}
