import Foundation
import MosaicMarkdown

/// Stage 5: turns rendered documents and the page index into HTML files through the templates.
struct SiteRenderer: Sendable {
    let config: SiteConfig
    let index: PageIndex
    let templates: TemplateSet
    let strings: [LocaleCode: InterfaceStrings]

    /// Fields shown elsewhere on the page or meaningless to readers, left out of the details panel.
    static let hiddenMetaFields: Set<String> = [
        "title", "summary", "id", "draft", "slug", "lang", "translation_key", "type", "date",
        "date_precision", "short_title", "translation_status", "original_language",
    ]

    /// Element ids the default theme puts on document pages; headings must not reuse them.
    static let templateAnchors: Set<String> = ["main", "mosaic-toc-title", "mosaic-details-title"]

    private func strings(for language: LocaleCode) -> InterfaceStrings {
        strings[language] ?? InterfaceStrings(language: language, table: [:])
    }

    private func context(_ language: LocaleCode, _ path: OutputPath) -> PageContext {
        PageContext(language: language, outputPath: path, strings: strings(for: language), site: config)
    }

    // MARK: - Documents

    func renderDocumentPage(_ rendered: RenderedDocument) -> (OutputFile, Diagnostic?) {
        let page = rendered.page
        let document = page.document
        let context = context(page.language, page.outputPath)
        let alternates = index.findTranslations(of: page).map {
            context.alternate($0.language, at: $0.outputPath, strings: strings[$0.language])
        }
        var values = context.base(navigationCurrent: page.sectionID, alternates: alternates)
        let toc = rendered.headings.filter { (2...4).contains($0.level) }.map { heading -> [String: Any] in
            ["id": heading.anchor, "text": heading.text, "level": heading.level]
        }
        let meta = metaEntries(for: page, context: context)
        var pageValues: [String: Any] = [
            "title": document.title,
            "contentHTML": rendered.html,
            "toc": toc,
            "hasTOC": toc.count > 1,
            "meta": meta,
            "hasMeta": !meta.isEmpty,
            "wordCount": rendered.wordCount,
            "params": TemplateValue.make(document.frontMatter),
        ]
        if let summary = document.summary { pageValues["summary"] = summary }
        if let date = document.date {
            pageValues["dateText"] = context.strings.format(date)
            pageValues["dateISO"] = date.description
        }
        if let type = document.type { pageValues["typeLabel"] = context.strings["type_\(type)"] ?? type }
        if let section = page.sectionID.flatMap({ sectionInfo($0) }) {
            pageValues["section"] = [
                "title": section.title.text(for: page.language, fallback: config.defaultLanguage),
                "url": context.url(to: OutputPath.page([page.language.rawValue, section.id.rawValue])),
            ]
        }
        values["page"] = pageValues
        return render("page", values, at: page.outputPath)
    }

    /// The details panel: each remaining front-matter field with its values, references linked.
    private func metaEntries(for page: IndexedPage, context: PageContext) -> [[String: Any]] {
        (page.document.frontMatter.entries ?? []).compactMap { entry -> [String: Any]? in
            guard !SiteRenderer.hiddenMetaFields.contains(entry.key) else { return nil }
            let values = metaValues(entry.value, page: page, context: context)
            guard !values.isEmpty else { return nil }
            let label = context.strings["field_\(entry.key)"] ?? humanize(entry.key)
            return ["label": label, "values": values,
                    "value": values.compactMap { $0["text"] as? String }.joined(separator: ", ")]
        }
    }

    private func metaValues(_ node: YAMLNode, page: IndexedPage, context: PageContext) -> [[String: Any]] {
        switch node.value {
        case .scalar(let text, _):
            guard !node.isNull else { return [] }
            if let id = PageID(text), let target = index.findPage(id: id, preferring: page.language) {
                return [["text": target.document.title, "url": context.url(to: target.outputPath)]]
            }
            if text.hasPrefix("https://") || text.hasPrefix("http://") { return [["text": text, "url": text]] }
            return [["text": text]]
        case .sequence(let items):
            return items.flatMap { metaValues($0, page: page, context: context) }
        case .mapping(let entries):
            if let reference = node["ref"] {
                var values = metaValues(reference, page: page, context: context)
                let extras = entries.filter { $0.key != "ref" }.compactMap(\.value.scalar)
                if !extras.isEmpty, var first = values.first {
                    first["text"] = "\(first["text"] as? String ?? "") (\(extras.joined(separator: ", ")))"
                    values[0] = first
                }
                return values
            }
            let text = entries.compactMap { entry in entry.value.scalar.map { "\(humanize(entry.key)): \($0)" } }
            return text.isEmpty ? [] : [["text": text.joined(separator: "; ")]]
        }
    }

    private func humanize(_ key: String) -> String {
        let words = key.replacingOccurrences(of: "_", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    // MARK: - Lists

    /// Declared sections, then folders found in content that were not declared.
    func sectionInfo(_ id: String) -> SiteConfig.Section? {
        config.section(id)
    }

    /// Section list items in `language`: each document once, in this language when it exists.
    func listItems(_ pages: [IndexedPage], language: LocaleCode, context: PageContext) -> [[String: Any]] {
        var chosen: [String: IndexedPage] = [:]
        for page in pages {
            let key = page.document.translationKey
            if let existing = chosen[key], existing.language == language { continue }
            if page.language == language || chosen[key] == nil || page.language == config.defaultLanguage {
                chosen[key] = page
            }
        }
        return chosen.values.sorted(by: SiteRenderer.newestFirst).map { page in
            var item: [String: Any] = ["title": page.document.title, "url": context.url(to: page.outputPath)]
            if let summary = page.document.summary { item["summary"] = summary }
            if let date = page.document.date {
                item["dateText"] = context.strings.format(date)
                item["dateISO"] = date.description
            }
            if let type = page.document.type { item["typeLabel"] = context.strings["type_\(type)"] ?? type }
            if page.language != language { item["langBadge"] = page.language.rawValue.uppercased() }
            return item
        }
    }

    static func newestFirst(_ lhs: IndexedPage, _ rhs: IndexedPage) -> Bool {
        switch (lhs.document.date, rhs.document.date) {
        case let (left?, right?) where left != right: return left > right
        case (.some, nil): return true
        case (nil, .some): return false
        default:
            return (lhs.document.title, lhs.document.source.path) < (rhs.document.title, rhs.document.source.path)
        }
    }

    func renderSectionPage(_ section: SiteConfig.Section, language: LocaleCode, pages: [IndexedPage]) -> (OutputFile, Diagnostic?) {
        let path = OutputPath.page([language.rawValue, section.id.rawValue])
        let context = context(language, path)
        let alternates = config.languages.filter { $0 != language }.map {
            context.alternate($0, at: OutputPath.page([$0.rawValue, section.id.rawValue]), strings: strings[$0])
        }
        var values = context.base(navigationCurrent: section.id.rawValue, alternates: alternates)
        let items = listItems(pages, language: language, context: context)
        let title = section.title.text(for: language, fallback: config.defaultLanguage)
        values["page"] = ["title": title, "summary": section.description.text(for: language, fallback: config.defaultLanguage)]
        values["section"] = [
            "title": title,
            "description": section.description.text(for: language, fallback: config.defaultLanguage),
            "url": context.url(to: path),
            "countText": context.countText(items.count),
        ]
        values["items"] = items
        return render("section", values, at: path)
    }

    func renderHomePage(language: LocaleCode, pagesBySection: [String: [IndexedPage]]) -> (OutputFile, Diagnostic?) {
        let path = OutputPath.page([language.rawValue])
        let context = context(language, path)
        let alternates = config.languages.filter { $0 != language }.map {
            context.alternate($0, at: OutputPath.page([$0.rawValue]), strings: strings[$0])
        }
        var values = context.base(navigationCurrent: nil, alternates: alternates)
        values["page"] = ["title": context.strings["home"] ?? config.title.text(for: language, fallback: config.defaultLanguage)]
        values["sections"] = config.sections.map { section -> [String: Any] in
            let items = listItems(pagesBySection[section.id.rawValue] ?? [], language: language, context: context)
            return [
                "title": section.title.text(for: language, fallback: config.defaultLanguage),
                "description": section.description.text(for: language, fallback: config.defaultLanguage),
                "url": context.url(to: OutputPath.page([language.rawValue, section.id.rawValue])),
                "countText": context.countText(items.count),
                "items": Array(items.prefix(5)),
            ]
        }
        return render("home", values, at: path)
    }

    func renderNotFoundPage() -> (OutputFile, Diagnostic?) {
        let path = OutputPath(components: ["404.html"])!
        let context = context(config.defaultLanguage, path)
        var values = context.base(navigationCurrent: nil, alternates: [])
        values["page"] = ["title": context.strings["not_found_title"] ?? "Page not found"]
        return render("404", values, at: path)
    }

    func renderLanguageChoicePage() -> (OutputFile, Diagnostic?) {
        let path = OutputPath(components: ["index.html"])!
        let context = context(config.defaultLanguage, path)
        var values = context.base(navigationCurrent: nil, alternates: [])
        values["page"] = ["title": context.strings["choose_language"] ?? "Choose a language"]
        values["languages"] = config.languages.map { language -> [String: Any] in
            [
                "code": language.rawValue,
                "name": strings[language]?["language_name"] ?? language.rawValue,
                "url": context.url(to: OutputPath.page([language.rawValue])),
                "siteTitle": config.title.text(for: language, fallback: config.defaultLanguage),
            ]
        }
        return render("language-choice", values, at: path)
    }

    private func render(_ template: String, _ values: [String: Any], at path: OutputPath) -> (OutputFile, Diagnostic?) {
        guard let html = templates.render(template, context: values) else {
            let diagnostic = Diagnostic.error(at: SourceLocation(path: "\(config.templatesFolder)/\(template).mustache"),
                                              code: "template.missing", "template '\(template)' is missing")
            return (OutputFile(path: path, contents: Data()), diagnostic)
        }
        return (OutputFile(path: path, contents: Data(html.utf8)), nil)
    }
}
