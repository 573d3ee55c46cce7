import Foundation
import MosaicCore

/// Writes diagnostics, stage timings and the summary line to stderr, keeping stdout clean.
struct Console: Sendable {
    let quiet: Bool
    let verbose: Bool
    /// The `--source` argument, prefixed to site-relative paths so they open from the caller's folder.
    let sourcePrefix: String
    /// Colours and a progress bar only on a terminal; plain lines when piped.
    let isTerminal = isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil

    private func paint(_ text: String, _ code: String) -> String {
        isTerminal ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
    }

    /// A one-line progress bar redrawn after each stage, on a terminal and without --quiet.
    var progress: (@Sendable (String, String, Int) -> Void)? {
        guard isTerminal, !quiet else { return nil }
        return { stage, _, done in
            let width = 20
            let filled = width * done / BuildOptions.stageCount
            let bar = String(repeating: "█", count: filled) + String(repeating: "░", count: max(0, width - filled))
            FileHandle.standardError.write(Data("\r\u{1B}[2K\(bar) \(stage)".utf8))
            if done >= BuildOptions.stageCount - 1 { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
        }
    }

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
            write(paint("Built", "32;1") + " \(counts(report)) in \(seconds) s → \(outputPath)")
        } else {
            write(paint("Build failed:", "31;1") + " \(counts(report)) in \(seconds) s; \(outputPath) left unchanged")
        }
    }

    func printCheck(_ report: BuildReport) {
        printDiagnostics(report)
        guard !quiet else { return }
        let seconds = String(format: "%.2f", report.totalSeconds)
        write((report.published ? paint("Check passed", "32;1") : paint("Check failed", "31;1")) + ": \(counts(report)) in \(seconds) s")
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
            var text = located.description
            if isTerminal {
                let label = "\(diagnostic.severity.rawValue):"
                text = text.replacingOccurrences(of: " \(label) ", with: " " + paint(label, diagnostic.severity == .error ? "31;1" : "33;1") + " ")
            }
            write(text)
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
