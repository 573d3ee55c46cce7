import Foundation

/// `api/documents.json` and `documents.csv`: every document's front matter for other tools and
/// spreadsheets, with references replaced by the URL of the referenced page.
enum DataExport {
    static let jsonPath = OutputPath(components: ["api", "documents.json"])!
    static let csvPath = OutputPath(components: ["documents.csv"])!

    /// The fields of the front matter are kept as pairs sorted by key: building a dictionary per
    /// record, and sorting its keys again to write it, was most of the export's time.
    private struct Record {
        var page: IndexedPage
        var url: String
        var translations: [(language: String, url: String)]
        var fields: [(key: String, value: JSONValue)]
    }

    static func make(graph: SiteGraph, config: SiteConfig) -> [OutputFile] {
        let root = OutputPath(components: ["index.html"])!
        let pages = graph.index.pages.sorted { ($0.language, $0.id) < ($1.language, $1.id) }
        let records = pages.map { page in
            let type = graph.finder.schema(for: page)
            let entries = page.document.frontMatter.entries ?? []
            // A key given twice keeps its last value, as assigning into a dictionary did.
            let fields = entries.indices.sorted { (entries[$0].key, $0) < (entries[$1].key, $1) }
            var unique: [(key: String, value: JSONValue)] = []
            unique.reserveCapacity(fields.count)
            for position in fields {
                let entry = entries[position]
                let value = value(entry.value, field: type?.fields[entry.key], page: page, graph: graph, root: root)
                if unique.last?.key == entry.key { unique[unique.count - 1].value = value } else { unique.append((entry.key, value)) }
            }
            return Record(page: page, url: address(page.outputPath, root: root, config: config),
                          translations: graph.index.findTranslations(of: page).map {
                              ($0.language.rawValue, address($0.outputPath, root: root, config: config))
                          },
                          fields: unique)
        }
        var json: [UInt8] = [UInt8(ascii: "[")]
        for (position, record) in records.enumerated() {
            if position > 0 { json.append(UInt8(ascii: ",")) }
            appendJSON(record, to: &json)
        }
        json.append(UInt8(ascii: "]"))

        let fixed = ["id", "lang", "type", "title", "date", "url", "summary"]
        let extra = Set(records.flatMap { $0.fields.map(\.key) }).subtracting(fixed).sorted()
        var csv = Array(((fixed + extra).map(csvCell).joined(separator: ",") + "\r\n").utf8)
        for record in records {
            let document = record.page.document
            let fixedCells = [record.page.id.rawValue, record.page.language.rawValue, document.type ?? "", document.title,
                              document.date?.description ?? "", record.url, document.summary ?? ""]
            // Both lists are sorted by key, so one walk finds each extra column's value.
            var cursor = 0
            let extraCells = extra.map { key -> String in
                while cursor < record.fields.count, record.fields[cursor].key < key { cursor += 1 }
                guard cursor < record.fields.count, record.fields[cursor].key == key else { return "" }
                return record.fields[cursor].value.cellText
            }
            for (position, cell) in (fixedCells + extraCells).enumerated() {
                if position > 0 { csv.append(UInt8(ascii: ",")) }
                csv += csvCell(cell).utf8
            }
            csv += [0x0D, 0x0A]
        }
        return [OutputFile(path: jsonPath, contents: Data(json)), OutputFile(path: csvPath, contents: Data(csv))]
    }

    /// One record as a JSON object, its keys in `String` order like every object `JSONValue` writes.
    private static func appendJSON(_ record: Record, to json: inout [UInt8]) {
        let document = record.page.document
        var first = true
        func key(_ name: StaticString) {
            json.append(first ? UInt8(ascii: "{") : UInt8(ascii: ","))
            first = false
            json.append(UInt8(ascii: "\""))
            json.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
            json += [UInt8(ascii: "\""), UInt8(ascii: ":")]
        }
        if let date = document.date { key("date"); JSONText.append(date.description, to: &json) }
        key("fields")
        appendObject(record.fields, to: &json)
        key("id"); JSONText.append(record.page.id.rawValue, to: &json)
        key("lang"); JSONText.append(record.page.language.rawValue, to: &json)
        if let summary = document.summary { key("summary"); JSONText.append(summary, to: &json) }
        key("title"); JSONText.append(document.title, to: &json)
        key("translations")
        appendObject(record.translations.map { ($0.language, JSONValue.string($0.url)) }, to: &json)
        if let type = document.type { key("type"); JSONText.append(type, to: &json) }
        key("url"); JSONText.append(record.url, to: &json)
        json.append(UInt8(ascii: "}"))
    }

    /// Pairs already sorted by key, written as one object.
    private static func appendObject(_ pairs: [(key: String, value: JSONValue)], to json: inout [UInt8]) {
        json.append(UInt8(ascii: "{"))
        for (position, pair) in pairs.enumerated() {
            if position > 0 { json.append(UInt8(ascii: ",")) }
            JSONText.append(pair.key, to: &json)
            json.append(UInt8(ascii: ":"))
            pair.value.append(to: &json)
        }
        json.append(UInt8(ascii: "}"))
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
