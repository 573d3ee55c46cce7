import Foundation
import MosaicCore

/// The page the dev server shows instead of a stale site when a build fails: every diagnostic
/// with its place, message, hint and the offending line of the file.
enum ErrorPage {
    static func html(for report: BuildReport, siteRoot: URL) -> String {
        var items = ""
        for diagnostic in report.diagnostics {
            let location = diagnostic.location
            var item = "<li class=\"\(diagnostic.severity.rawValue)\"><p><code>\(escape(location.description))</code> "
            item += "<strong>\(diagnostic.severity.rawValue)</strong>: \(escape(diagnostic.message))</p>"
            if let line = sourceLine(location, siteRoot: siteRoot) {
                item += "<pre>\(location.line) | \(escape(line))\n\(String(repeating: " ", count: String(location.line).count + 3 + max(0, location.column - 1)))^</pre>"
            }
            if let hint = diagnostic.hint { item += "<p class=\"hint\">hint: \(escape(hint))</p>" }
            items += item + "</li>\n"
        }
        if let failure = report.failure { items += "<li class=\"error\"><p>\(escape(failure))</p></li>\n" }
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Build failed · Mosaic</title>
        <style>body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1d2226}
        h1{color:#9b1c1c}li{margin:0 0 1rem}pre{background:#f3f5f6;padding:.5rem;overflow-x:auto}.hint{color:#4b5560}</style>
        </head>
        <body>
        <main>
        <h1>Build failed</h1>
        <p>Fix the problems below and save: this page reloads by itself. The last good build is not shown so you never read a stale page.</p>
        <ol>
        \(items)</ol>
        </main>
        </body>
        </html>
        """
    }

    private static func sourceLine(_ location: SourceLocation, siteRoot: URL) -> String? {
        guard let data = FileManager.default.contents(atPath: siteRoot.appendingPathComponent(location.path).path),
              data.count < 20_000_000 else { return nil }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        guard location.line - 1 < lines.count else { return nil }
        return String(lines[location.line - 1].prefix(300))
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
