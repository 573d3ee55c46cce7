import ArgumentParser

/// Flags shared by every subcommand that talks to the terminal.
struct GlobalOptions: ParsableArguments {
    @Flag(name: .shortAndLong, help: "Print only diagnostics, no progress or summary.")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Print each stage's time and counts.")
    var verbose = false

    func validate() throws {
        if quiet && verbose { throw ValidationError("--quiet and --verbose cannot be used together") }
    }
}
