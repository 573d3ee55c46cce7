/// Reading `mosaic.yml`, reporting unknown keys and wrong types with their line numbers.
extension SiteConfig {
    public static let fileName = "mosaic.yml"

    private static let topLevelKeys = [
        "title", "description", "base_url", "languages", "sections", "templates", "static", "i18n", "markdown",
        "taxonomies", "types", "graph", "search",
    ]

    /// Decodes the configuration; on problems returns the diagnostics and, where possible, a usable config.
    public static func load(yaml text: String) -> (SiteConfig?, [Diagnostic]) {
        var reader = NodeReader(path: fileName)
        let root: YAMLNode
        switch YAMLReader.parse(text) {
        case .success(let node): root = node
        case .failure(let failure):
            reader.report(.error(at: SourceLocation(path: fileName, line: failure.line, column: failure.column),
                                 code: "config.yaml", failure.message, hint: failure.hint))
            return (nil, reader.diagnostics)
        }
        guard root.entries != nil else {
            reader.error(at: root, code: "config.type", "\(fileName) must be a mapping of settings",
                         hint: "start with `title: My hub` on the first line")
            return (nil, reader.diagnostics)
        }
        reader.rejectUnknownKeys(in: root, known: topLevelKeys, context: fileName)

        var languages: [LocaleCode] = []
        if let node = root["languages"], let codes = reader.stringList(node, field: "languages") {
            for (index, code) in codes.enumerated() {
                guard let locale = LocaleCode(code) else {
                    let item = node.items?[index] ?? node
                    reader.error(at: item, code: "config.language", "'\(code)' is not a language code",
                                 hint: "use two-letter lowercase codes such as en or fr")
                    continue
                }
                if !languages.contains(locale) { languages.append(locale) }
            }
        }
        if languages.isEmpty { languages = [LocaleCode("en")!] }

        let taxonomies = taxonomies(root["taxonomies"], languages: languages, reader: &reader)
        let config = SiteConfig(
            title: localized(root["title"], field: "title", languages: languages, reader: &reader) ?? LocalizedText(shared: "Mosaic site"),
            description: localized(root["description"], field: "description", languages: languages, reader: &reader) ?? LocalizedText(),
            baseURL: root["base_url"].flatMap { reader.string($0, field: "base_url") },
            languages: languages,
            sections: sections(root["sections"], languages: languages, reader: &reader),
            templatesFolder: folder(root["templates"], field: "templates", default: "templates", reader: &reader),
            staticFolder: folder(root["static"], field: "static", default: "static", reader: &reader),
            i18nFolder: folder(root["i18n"], field: "i18n", default: "i18n", reader: &reader),
            allowsRawHTML: markdownRawHTML(root["markdown"], reader: &reader),
            taxonomies: taxonomies,
            types: types(root["types"], taxonomies: taxonomies, languages: languages, reader: &reader),
            graph: graphSettings(root["graph"], reader: &reader),
            searchSynonyms: searchSynonyms(root["search"], reader: &reader)
        )
        return (config, reader.diagnostics)
    }

    static func localized(_ node: YAMLNode?, field: String, languages: [LocaleCode], reader: inout NodeReader) -> LocalizedText? {
        guard let node else { return nil }
        if let text = node.scalar { return LocalizedText(shared: text) }
        guard let entries = node.entries else {
            reader.error(at: node, code: "config.type", "'\(field)' must be text or one text per language")
            return nil
        }
        var values: [LocaleCode: String] = [:]
        for entry in entries {
            guard let code = LocaleCode(entry.key), languages.contains(code) else {
                reader.report(.error(at: reader.location(ofKey: entry), code: "config.language",
                                     "'\(entry.key)' in '\(field)' is not one of the site's languages",
                                     hint: "languages: \(languages.map(\.rawValue).joined(separator: ", "))"))
                continue
            }
            if let text = reader.string(entry.value, field: "\(field).\(entry.key)") { values[code] = text }
        }
        return LocalizedText(perLanguage: values)
    }

    private static func sections(_ node: YAMLNode?, languages: [LocaleCode], reader: inout NodeReader) -> [Section] {
        guard let node else { return [] }
        guard let items = node.items else {
            reader.error(at: node, code: "config.type", "'sections' must be a list",
                         hint: "each item is `- id: practices` with a title and description")
            return []
        }
        var sections: [Section] = []
        for item in items {
            if let name = item.scalar, let slug = Slug(validating: name) {
                sections.append(Section(id: slug, title: LocalizedText(shared: name), description: LocalizedText(), primaryLanguage: nil))
                continue
            }
            guard item.entries != nil else {
                reader.error(at: item, code: "config.type", "a section must be a folder name or a mapping with 'id'")
                continue
            }
            reader.rejectUnknownKeys(in: item, known: ["id", "title", "description", "primary_language"], context: "a section")
            guard let idNode = item["id"], let idText = reader.string(idNode, field: "id") else {
                reader.error(at: item, code: "config.section-id", "a section needs an 'id' (its folder under content/)")
                continue
            }
            guard let id = Slug(validating: idText) else {
                reader.error(at: idNode, code: "config.section-id", "section id '\(idText)' is not a valid folder name",
                             hint: "use lowercase letters, digits and hyphens")
                continue
            }
            if sections.contains(where: { $0.id == id }) {
                reader.error(at: idNode, code: "config.section-id", "section '\(idText)' is declared twice")
                continue
            }
            var primary: LocaleCode?
            if let node = item["primary_language"], let code = reader.string(node, field: "primary_language") {
                primary = LocaleCode(code).flatMap { languages.contains($0) ? $0 : nil }
                if primary == nil {
                    reader.error(at: node, code: "config.language", "primary_language '\(code)' is not one of the site's languages")
                }
            }
            sections.append(Section(
                id: id,
                title: localized(item["title"], field: "title", languages: languages, reader: &reader) ?? LocalizedText(shared: idText),
                description: localized(item["description"], field: "description", languages: languages, reader: &reader) ?? LocalizedText(),
                primaryLanguage: primary
            ))
        }
        return sections
    }

    private static func folder(_ node: YAMLNode?, field: String, default defaultValue: String, reader: inout NodeReader) -> String {
        guard let node, let text = reader.string(node, field: field) else { return defaultValue }
        guard ContentPath(text) != nil, !text.hasPrefix("/") else {
            reader.error(at: node, code: "config.folder", "'\(field)' must be a folder inside the site",
                         hint: "a relative path without '..', e.g. \(defaultValue)")
            return defaultValue
        }
        return text
    }

    private static func searchSynonyms(_ node: YAMLNode?, reader: inout NodeReader) -> [[String]] {
        guard let node else { return [] }
        guard node.entries != nil else {
            reader.error(at: node, code: "config.type", "'search' must be a mapping, e.g. `synonyms: [[LIP, PLI]]`")
            return []
        }
        reader.rejectUnknownKeys(in: node, known: ["synonyms"], context: "search")
        return (node["synonyms"]?.items ?? []).compactMap { reader.stringList($0, field: "synonyms") }
    }

    private static func markdownRawHTML(_ node: YAMLNode?, reader: inout NodeReader) -> Bool {
        guard let node else { return false }
        guard node.entries != nil else {
            reader.error(at: node, code: "config.type", "'markdown' must be a mapping, e.g. `unsafe_html: false`")
            return false
        }
        reader.rejectUnknownKeys(in: node, known: ["unsafe_html"], context: "markdown")
        return node["unsafe_html"].flatMap { reader.bool($0, field: "unsafe_html") } ?? false
    }
}
