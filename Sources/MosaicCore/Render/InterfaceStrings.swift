import Foundation
import MosaicTemplates

/// The interface text of one language (`i18n/fr.yml`), plus date formatting in that language.
public struct InterfaceStrings: Sendable {
    public let language: LocaleCode
    public let table: [String: String]
    /// `table` as templates read it (`{{t.key}}`), converted once instead of on every page.
    let templateValue: MustacheValue

    public init(language: LocaleCode, table: [String: String]) {
        self.language = language
        self.table = table
        templateValue = .object(MustacheObject(table.mapValues(MustacheValue.string)))
    }

    public subscript(key: String) -> String? { table[key] }

    /// Loads the theme's strings, then the site's over them, for each language.
    static func load(languages: [LocaleCode], folders: [(url: URL, displayPrefix: String)]) -> ([LocaleCode: InterfaceStrings], [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var result: [LocaleCode: InterfaceStrings] = [:]
        for language in languages {
            var table: [String: String] = [:]
            for folder in folders {
                let url = folder.url.appendingPathComponent("\(language).yml")
                guard let data = FileManager.default.contents(atPath: url.path) else { continue }
                let display = folder.displayPrefix + "\(language).yml"
                let text: String
                switch TextDecoding.decode(data, path: display, code: "i18n.encoding") {
                case .success(let decoded): text = decoded
                case .failure(let diagnostic):
                    diagnostics.append(diagnostic)
                    continue
                }
                var reader = NodeReader(path: display)
                switch YAMLReader.parse(text) {
                case .failure(let failure):
                    reader.report(.error(at: SourceLocation(path: display, line: failure.line, column: failure.column),
                                         code: "i18n.yaml", failure.message, hint: failure.hint))
                case .success(let root):
                    guard let entries = root.entries else {
                        reader.error(at: root, code: "i18n.type", "interface strings must be a mapping of key: text")
                        break
                    }
                    for entry in entries {
                        if let value = reader.string(entry.value, field: entry.key) { table[entry.key] = value }
                    }
                }
                diagnostics += reader.diagnostics
            }
            result[language] = InterfaceStrings(language: language, table: table)
        }
        return (result, diagnostics)
    }

    /// A date as this language writes it, using the `date_*` patterns and `month_N` names.
    ///
    /// Patterns hold `{day}`, `{month}` and `{year}`; without them the ISO form is used.
    public func format(_ date: PartialDate) -> String {
        guard let month = date.month, let monthName = table["month_\(month)"] else { return date.description }
        let pattern = date.day == nil ? table["date_month"] : table["date_day"]
        guard let pattern else { return date.description }
        let day = date.day.map { $0 == 1 ? (table["day_first"] ?? "1") : String($0) } ?? ""
        return Self.fill(pattern, ["day": day, "month": monthName, "year": String(date.year)])
    }

    /// Replaces `{name}` placeholders with `values[name]`, leaving unknown ones as written.
    ///
    /// One pass over the pattern; Foundation's `replacingOccurrences` per placeholder showed up
    /// in profiles, since every listed document formats its date.
    static func fill(_ pattern: String, _ values: [String: String]) -> String {
        guard pattern.utf8.contains(UInt8(ascii: "{")) else { return pattern }
        var result = ""
        var rest = pattern[...]
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            result += rest[..<open]
            let name = String(rest[rest.index(after: open)..<close])
            result += values[name] ?? String(rest[open...close])
            rest = rest[rest.index(after: close)...]
        }
        result += rest
        return result
    }
}
