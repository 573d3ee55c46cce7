import Foundation
import MosaicCore

/// Writes diagnostics, stage timings and the summary line to stderr, keeping stdout clean.
struct Console {
    let quiet: Bool
    let verbose: Bool
    /// The `--source` argument, prefixed to site-relative paths so they open from the caller's folder.
    let sourcePrefix: String

    func write(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    func displayPath(_ path: String) -> String {
        let prefix = sourcePrefix.hasSuffix("/") ? String(sourcePrefix.dropLast()) : sourcePrefix
        return prefix == "." || prefix.isEmpty ? path : prefix + "/" + path
    }

    func print(_ report: BuildReport, outputPath: String) {
        for diagnostic in report.diagnostics {
            var located = diagnostic
            located.location.path = displayPath(diagnostic.location.path)
            write(located.description)
        }
        if let failure = report.failure { write("error: \(failure)") }
        if verbose {
            for timing in report.timings {
                let name = timing.stage.padding(toLength: 10, withPad: " ", startingAt: 0)
                write("  \(name) \(String(format: "%7.3f", timing.seconds)) s  \(timing.detail)")
            }
        }
        guard !quiet else { return }
        let errors = report.diagnostics.errorCount
        let warnings = report.diagnostics.warningCount
        let seconds = String(format: "%.2f", report.totalSeconds)
        let counts = "\(report.pageCount) pages, \(warnings) warning\(warnings == 1 ? "" : "s"), \(errors) error\(errors == 1 ? "" : "s")"
        if report.published {
            write("Built \(counts) in \(seconds) s → \(outputPath)")
        } else {
            write("Build failed: \(counts) in \(seconds) s; \(outputPath) left unchanged")
        }
    }
}
