import Foundation

/// `api/documents.json` and `documents.csv`: every document's front matter for other tools and
/// spreadsheets, with references replaced by the URL of the referenced page.
enum DataExport {
    static let jsonPath = OutputPath(components: ["api", "documents.json"])!
    static let csvPath = OutputPath(components: ["documents.csv"])!

    static func make(graph: SiteGraph, config: SiteConfig) -> [OutputFile] {
        let root = OutputPath(components: ["index.html"])!
        let pages = graph.index.pages.sorted { ($0.language, $0.id) < ($1.language, $1.id) }
        let records: [[String: JSONValue]] = pages.map { page in
            let type = graph.finder.schema(for: page)
            var fields: [String: JSONValue] = [:]
            for entry in page.document.frontMatter.entries ?? [] {
                fields[entry.key] = value(entry.value, field: type?.fields[entry.key], page: page, graph: graph, root: root)
            }
            var record: [String: JSONValue] = [
                "id": .string(page.id.rawValue), "lang": .string(page.language.rawValue),
                "title": .string(page.document.title), "url": .string(address(page.outputPath, root: root, config: config)),
                "fields": .object(fields),
                "translations": .object(Dictionary(uniqueKeysWithValues: graph.index.findTranslations(of: page).map {
                    ($0.language.rawValue, JSONValue.string(address($0.outputPath, root: root, config: config)))
                })),
            ]
            if let type = page.document.type { record["type"] = .string(type) }
            if let summary = page.document.summary { record["summary"] = .string(summary) }
            if let date = page.document.date { record["date"] = .string(date.description) }
            return record
        }
        var json: [UInt8] = []
        JSONValue.array(records.map { .object($0) }).append(to: &json)

        let fixed = ["id", "lang", "type", "title", "date", "url", "summary"]
        let extra = Set(records.flatMap { record -> [String] in
            if case .object(let fields)? = record["fields"] { return Array(fields.keys) }
            return []
        }).subtracting(fixed).sorted()
        var csv = (fixed + extra).map(csvCell).joined(separator: ",") + "\r\n"
        for record in records {
            var fields: [String: JSONValue] = [:]
            if case .object(let values)? = record["fields"] { fields = values }
            let cells = fixed.map { record[$0]?.cellText ?? "" } + extra.map { fields[$0]?.cellText ?? "" }
            csv += cells.map(csvCell).joined(separator: ",") + "\r\n"
        }
        return [OutputFile(path: jsonPath, contents: Data(json)), OutputFile(path: csvPath, contents: Data(csv.utf8))]
    }

    /// A page's address: absolute with `base_url`, else relative to the site root.
    private static func address(_ path: OutputPath, root: OutputPath, config: SiteConfig) -> String {
        let relative = path.relativeURL(from: root)
        guard let base = config.baseURL else { return relative }
        return (base.hasSuffix("/") ? base : base + "/") + relative
    }

    private static func value(_ node: YAMLNode, field: FieldSchema?, page: IndexedPage, graph: SiteGraph, root: OutputPath) -> JSONValue {
        switch node.value {
        case .scalar(let text, _):
            if let target = graph.finder.target(of: text, field: field, from: page) {
                return .string(address(target.outputPath, root: root, config: graph.finder.config))
            }
            if let flag = node.bool { return .bool(flag) }
            return .string(text)
        case .sequence(let items):
            return .array(items.map { value($0, field: field, page: page, graph: graph, root: root) })
        case .mapping(let entries):
            var object: [String: JSONValue] = [:]
            for entry in entries {
                let nested = field?.fields[entry.key]
                object[entry.key] = value(entry.value, field: nested, page: page, graph: graph, root: root)
            }
            return .object(object)
        }
    }

    /// RFC 4180 quoting; a leading `=`, `+`, `-` or `@` is prefixed so spreadsheets do not run it.
    /// Looks at UTF-8 bytes: walking `Character`s here was a visible share of a large build.
    static func csvCell(_ text: String) -> String {
        var cell = text
        if let first = cell.utf8.first, first == UInt8(ascii: "=") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-")
            || first == UInt8(ascii: "@") {
            cell = "'" + cell
        }
        guard cell.utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\n")
            || $0 == UInt8(ascii: "\r") }) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

private extension JSONValue {
    /// Flattened for one spreadsheet cell.
    var cellText: String {
        switch self {
        case .string(let text): text
        case .number(let number): String(number)
        case .bool(let flag): flag ? "true" : "false"
        case .array(let items): items.map(\.cellText).joined(separator: "; ")
        case .object(let fields): fields.keys.sorted().map { "\($0): \(fields[$0]?.cellText ?? "")" }.joined(separator: ", ")
        }
    }
}
