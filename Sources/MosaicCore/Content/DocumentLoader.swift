import Foundation

/// Stage 2: reads one document's bytes into a `LoadedDocument`, or explains why it cannot.
public enum DocumentLoader {
    /// Fields the loader itself interprets; all others pass through to templates untouched.
    static let reservedFields = ["id", "title", "summary", "date", "draft", "type", "slug", "lang", "translation_key"]

    public static func loadDocument(_ source: SourceDocument, data: Data) -> (LoadedDocument?, [Diagnostic]) {
        let path = source.displayPath
        let text: String
        switch TextDecoding.decode(data, path: path, code: "content.encoding") {
        case .success(let decoded): text = decoded
        case .failure(let diagnostic): return (nil, [diagnostic])
        }
        let parts: FrontMatter
        switch FrontMatter.split(text) {
        case .success(let split): parts = split
        case .failure(let failure):
            return (nil, [.error(at: SourceLocation(path: path, line: failure.line), code: "front-matter.missing",
                                 failure.message, hint: failure.hint)])
        }
        var reader = NodeReader(path: path, lineOffset: parts.yamlLineOffset)
        let root: YAMLNode
        switch YAMLReader.parse(parts.yaml) {
        case .success(let node): root = node
        case .failure(let failure):
            reader.report(.error(
                at: SourceLocation(path: path, line: failure.line + parts.yamlLineOffset, column: failure.column),
                code: "front-matter.yaml", failure.message, hint: failure.hint))
            return (nil, reader.diagnostics)
        }
        guard root.entries != nil else {
            reader.error(at: root, code: "front-matter.type", "front matter must be a mapping of fields",
                         hint: "write one `field: value` per line")
            return (nil, reader.diagnostics)
        }
        let document = readFields(root, parts: parts, source: source, reader: &reader)
        guard let document, !reader.diagnostics.hasErrors else { return (nil, reader.diagnostics) }
        return (document, reader.diagnostics)
    }

    /// The document with the fields `root` holds, or `nil` when a required one is missing.
    private static func readFields(_ root: YAMLNode, parts: FrontMatter, source: SourceDocument,
                                   reader: inout NodeReader) -> LoadedDocument? {
        let firstLine = SourceLocation(path: source.displayPath, line: 1)
        var title: String?
        if let node = root["title"] {
            title = plainText(node, field: "title", reader: &reader)
        } else {
            reader.report(.error(at: firstLine, code: "front-matter.title-missing", "document has no title",
                                 hint: "add `title: \"…\"` to the front matter"))
        }

        var id = PageID(source.stem) ?? Slug(making: source.stem).flatMap { PageID($0.rawValue) }
        if let node = root["id"], let text = reader.string(node, field: "id") {
            id = PageID(text)
            if id == nil {
                reader.error(at: node, code: "front-matter.id", "id '\(text)' is not a valid id",
                             hint: "use lowercase letters, digits, - and _ only (no '/', '..' or spaces)")
            }
        } else if id == nil {
            reader.report(.error(at: firstLine, code: "front-matter.id",
                                 "cannot make an id from the file name '\(source.stem)'",
                                 hint: "add `id: some-name` with lowercase letters, digits and -"))
        }

        var slug = id.flatMap { Slug(validating: $0.rawValue) }
        if let node = root["slug"], let text = reader.string(node, field: "slug") {
            slug = Slug(validating: text)
            if slug == nil {
                reader.error(at: node, code: "front-matter.slug", "slug '\(text)' is not a valid URL segment",
                             hint: "use lowercase letters, digits, - and _ only (no '/', '..' or spaces)")
            }
        }

        var date: PartialDate?
        if let node = root["date"], let text = reader.string(node, field: "date") {
            date = PartialDate(parsing: text)
            if date == nil {
                reader.error(at: node, code: "front-matter.date", "'\(text)' is not a valid date",
                             hint: "write YYYY, YYYY-MM or YYYY-MM-DD with a real month and day, e.g. 2011-11-17")
            }
        }

        if let node = root["lang"], let text = reader.string(node, field: "lang"), text != source.language.rawValue {
            reader.error(at: node, code: "front-matter.lang",
                         "lang '\(text)' does not match the file name's language '\(source.language)'",
                         hint: source.language.rawValue == text ? nil
                            : "name the file \(source.stem).\(text).md, or remove `lang:`")
        }

        let isDraft = root["draft"].flatMap { reader.bool($0, field: "draft") } ?? false
        let summary = root["summary"].flatMap { plainText($0, field: "summary", reader: &reader) }
        let type = root["type"].flatMap { reader.string($0, field: "type") }
        let translationKey = root["translation_key"].flatMap { reader.string($0, field: "translation_key") }

        guard let title, let id, let slug else { return nil }
        return LoadedDocument(source: source, id: id, language: source.language, title: title, summary: summary, date: date,
                              isDraft: isDraft, type: type, slug: slug, translationKey: translationKey ?? id.rawValue,
                              frontMatter: root, frontMatterLineOffset: parts.yamlLineOffset, body: parts.body,
                              bodyStartLine: parts.bodyStartLine)
    }

    /// Text meant for people (title, summary): a number, boolean or null there is almost always a mistake.
    private static func plainText(_ node: YAMLNode, field: String, reader: inout NodeReader) -> String? {
        guard let text = reader.nonEmptyString(node, field: field) else { return nil }
        if case .scalar(_, isPlain: true) = node.value, node.bool != nil || Double(text) != nil {
            reader.error(at: node, code: "front-matter.\(field)-type",
                         "'\(field)' must be text, found the value \(text)",
                         hint: "put it in quotes: \(field): \"\(text)\"")
            return nil
        }
        return text
    }
}
