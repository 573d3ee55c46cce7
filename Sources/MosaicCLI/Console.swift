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
        printDiagnostics(report)
        guard !quiet else { return }
        let seconds = String(format: "%.2f", report.totalSeconds)
        if report.published {
            write("Built \(counts(report)) in \(seconds) s → \(outputPath)")
        } else {
            write("Build failed: \(counts(report)) in \(seconds) s; \(outputPath) left unchanged")
        }
    }

    func printCheck(_ report: BuildReport) {
        printDiagnostics(report)
        guard !quiet else { return }
        let seconds = String(format: "%.2f", report.totalSeconds)
        write("\(report.published ? "Check passed" : "Check failed"): \(counts(report)) in \(seconds) s")
    }

    private func counts(_ report: BuildReport) -> String {
        let errors = report.diagnostics.errorCount
        let warnings = report.diagnostics.warningCount
        return "\(report.pageCount) pages, \(warnings) warning\(warnings == 1 ? "" : "s"), \(errors) error\(errors == 1 ? "" : "s")"
    }

    private func printDiagnostics(_ report: BuildReport) {
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
    }
}
