import Foundation
import MosaicCore

/// `check --format json`: every diagnostic as an object with its place, for editors and CI.
enum DiagnosticJSON {
    struct Entry: Encodable {
        var file: String
        var line: Int
        var column: Int
        var severity: String
        var code: String
        var message: String
        var hint: String?
    }

    static func encode(_ diagnostics: [Diagnostic], pathPrefix: (String) -> String) -> String {
        let entries = diagnostics.map {
            Entry(file: pathPrefix($0.location.path), line: $0.location.line, column: $0.location.column,
                  severity: $0.severity.rawValue, code: $0.code, message: $0.message, hint: $0.hint)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return (try? encoder.encode(entries)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }
}
