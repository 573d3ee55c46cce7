import Foundation
import MosaicMarkdown
import MosaicTemplates

/// Stage 5: turns rendered documents and the site graph into HTML files through the templates.
///
/// A class, though immutable: tens of thousands of page closures capture it, and copying its
/// fields retained each of them once per page.
final class SiteRenderer: Sendable {
    let config: SiteConfig
    let graph: SiteGraph
    let templates: TemplateSet
    let strings: [LocaleCode: InterfaceStrings]
    let untranslated: UntranslatedPages
    let parity: TranslationParity
    /// The graph's index, kept as a stored property: read through `graph` it was copied, and each
    /// of its arrays retained and released, at every use.
    let index: PageIndex
    let itemCache: ListItemCache

    init(config: SiteConfig, graph: SiteGraph, templates: TemplateSet, strings: [LocaleCode: InterfaceStrings],
         untranslated: UntranslatedPages, parity: TranslationParity) {
        self.config = config
        self.graph = graph
        self.templates = templates
        self.strings = strings
        self.untranslated = untranslated
        self.parity = parity
        index = graph.index
        itemCache = ListItemCache(languages: config.languages, pageCount: graph.index.pages.count)
    }

    /// Element ids the default theme puts on document pages; headings must not reuse them.
    static let templateAnchors: Set<String> = ["main", "mosaic-toc-title", "mosaic-details-title",
                                               "mosaic-backlinks-title", "mosaic-related-title"]

    func strings(for language: LocaleCode) -> InterfaceStrings {
        strings[language] ?? InterfaceStrings(language: language, table: [:])
    }

    func context(_ language: LocaleCode, _ path: OutputPath) -> PageContext {
        PageContext(language: language, outputPath: path, strings: strings(for: language), site: config)
    }

    // MARK: - Labels

    func typeLabel(_ type: String, _ context: PageContext) -> String {
        config.types[type]?.label?.text(for: context.language, fallback: config.defaultLanguage)
            ?? context.strings["type_\(type)"] ?? humanize(type)
    }

    func humanize(_ key: String) -> String {
        let words = key.replacingOccurrences(of: "_", with: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    // MARK: - Documents

    func renderDocumentPage(_ rendered: RenderedDocument) -> (OutputFile, Diagnostic?) {
        let page = rendered.page
        let document = page.document
        let context = context(page.language, page.outputPath)
        let translations = index.findTranslations(of: page)
        let alternates = translations.map { context.alternate($0.language, at: $0.outputPath, strings: strings[$0.language]) }
        let languageLinks = config.languages.filter { $0 != page.language }.compactMap { language -> MustacheValue? in
            if let translation = translations.first(where: { $0.language == language }) {
                return context.alternate(language, at: translation.outputPath, strings: strings[language])
            }
            return untranslated.path(forAnyVersionOf: page, in: language, index: index).map { context.alternate(language, at: $0, strings: strings[language]) }
        }
        var values = context.base(navigationCurrent: page.sectionID, alternates: alternates, languageLinks: languageLinks)
        values["feeds"] = feedLinks(for: page, context: context)
        let toc = rendered.headings.filter { (2...4).contains($0.level) }.map { heading -> MustacheValue in
            ["id": .string(heading.anchor), "text": .string(heading.text), "level": .int(heading.level)]
        }
        let meta = metaEntries(for: page, context: context)
        let backlinkGroups = groupedByType(graph.backlinks[page.position], context: context)
        let related = graph.related[page.position].map { listItem(at: $0, context: context) }
        var pageValues: MustacheObject = [
            "title": .string(document.title),
            "contentHTML": .string(rendered.html),
            "toc": .list(toc),
            "hasTOC": .bool(toc.count > 1),
            "meta": .list(meta),
            "hasMeta": .bool(!meta.isEmpty),
            "wordCount": .int(rendered.wordCount),
            "params": TemplateValue.make(document.frontMatter),
            "backlinkGroups": .list(backlinkGroups),
            "hasBacklinks": .bool(!backlinkGroups.isEmpty),
            "related": .list(related),
            "hasRelated": .bool(!related.isEmpty),
        ]
        if let summary = document.summary { pageValues["summary"] = .string(summary) }
        if let date = document.date {
            pageValues["dateText"] = .string(context.strings.format(date))
            pageValues["dateISO"] = .string(date.description)
        }
        if let type = document.type { pageValues["typeLabel"] = .string(typeLabel(type, context)) }
        if let status = document.frontMatter["status"]?.scalar {
            pageValues["statusLabel"] = .string(context.strings["status_\(status)"] ?? humanize(status))
            pageValues["status"] = .string(status)
        }
        if let consultation = consultationBanner(for: page, context: context) { pageValues["consultation"] = .object(consultation) }
        if let replaced = graph.supersedes[page.position] {
            pageValues["supersedes"] = link(to: index.pages[replaced], context: context)
        }
        if let replacement = graph.supersededBy[page.position] {
            pageValues["supersededBy"] = link(to: index.pages[replacement], context: context)
        }
        if let section = page.sectionID.flatMap({ config.section($0) }) {
            pageValues["section"] = [
                "title": .string(section.title.text(for: page.language, fallback: config.defaultLanguage)),
                "url": .string(context.url(to: OutputPath.page([page.language.rawValue, section.id.rawValue]))),
            ]
        }
        values["page"] = .object(pageValues)
        return render("page", values, at: page.outputPath)
    }

    /// Renders the notice pages: the document's title and summary as they exist, a notice in the
    /// reader's language, and a link to each existing version with its language named.
    ///
    /// Each page goes through `unit` with its document, language and path, which renders it by
    /// calling the closure it is given (or keeps the previous build's copy).
    func renderUntranslatedPages<Result: Sendable>(
        _ unit: @escaping @Sendable (Int, LocaleCode, OutputPath, () -> (OutputFile, Diagnostic?)) -> [Result]
    ) async -> [Result] {
        await untranslated.paths.keys.sorted().concurrentMap { [self] position -> [Result] in
            let page = index.pages[position]
            return (untranslated.paths[position] ?? [:]).sorted(by: { $0.key < $1.key }).flatMap { language, path in
                unit(position, language, path) { renderNoticePage(page, language: language, path: path) }
            }
        }.flatMap { $0 }
    }

    private func renderNoticePage(_ page: IndexedPage, language: LocaleCode, path: OutputPath) -> (OutputFile, Diagnostic?) {
        let context = context(language, path)
        let versionPages = [page] + index.findTranslations(of: page)
        let names = versionPages.map { strings(for: language)["language_name_\($0.language)"] ?? $0.language.rawValue }
        let versions = zip(versionPages, names).map { version, name -> MustacheValue in
            ["url": .string(context.url(to: version.outputPath)), "lang": .string(version.language.rawValue),
             "langName": .string(name), "title": .string(version.document.title),
             "linkText": .string(InterfaceStrings.fill(context.strings["read_in"] ?? "{language}", ["language": name]))]
        }
        let alternates = versionPages.map {
            context.alternate($0.language, at: $0.outputPath, strings: strings[$0.language])
        }
        var values = context.base(navigationCurrent: page.sectionID, alternates: [], languageLinks: alternates)
        var pageValues: MustacheObject = ["title": .string(page.document.title), "lang": .string(page.language.rawValue),
                                          "versions": .list(versions), "noindex": true]
        if let summary = page.document.summary { pageValues["summary"] = .string(summary) }
        if let type = page.document.type { pageValues["typeLabel"] = .string(typeLabel(type, context)) }
        pageValues["notice"] = .string(InterfaceStrings.fill(context.strings["not_available_in_language"] ?? "{languages}",
                                                              ["languages": names.joined(separator: ", ")]))
        values["page"] = .object(pageValues)
        return render("unavailable", values, at: path)
    }

    private func consultationBanner(for page: IndexedPage, context: PageContext) -> MustacheObject? {
        let matter = page.document.frontMatter
        guard matter["status"]?.scalar == "consultation" else { return nil }
        var banner = MustacheObject()
        if let close = matter["consultation_close"]?.scalar.flatMap(PartialDate.init(parsing:)) {
            banner["closeText"] = .string(context.strings.format(close))
            banner["closeISO"] = .string(close.description)
        }
        if let contact = matter["feedback_contact"]?.scalar { banner["contact"] = .string(contact) }
        return banner
    }

    func link(to page: IndexedPage, context: PageContext) -> MustacheValue {
        ["title": .string(page.document.title), "url": .string(context.url(to: page.outputPath))]
    }

    // MARK: - Lists

    /// One list entry with type, date, status and the languages it exists in, for callers that
    /// add fields of their own; plain lists use `listItem`.
    func item(for page: IndexedPage, context: PageContext) -> MustacheObject {
        var item = itemFields(for: page, context: context)
        item["url"] = .string(context.url(to: page.outputPath))
        return item
    }

    /// `item(for:context:)` as a template value for the page at `position`, its fields made once
    /// per page and language. By position: lists hold positions, and copying each page out of the
    /// index to list it retained all of its fields.
    func listItem(at position: Int, context: PageContext) -> MustacheValue {
        let entry = itemCache.entry(language: context.language, position: position) {
            itemFields(for: index.pages[position], context: context)
        }
        return .extending(entry, name: "url", value: .string(context.url(to: index.pages[position].outputPath)))
    }

    /// An entry's fields but its URL: the same on every page in the reader's language.
    ///
    /// Fields an entry lacks are there as null, so that the entry template's name stops at the
    /// entry instead of falling through to the page (which could print the page's own value, and
    /// would keep the entry from being rendered once).
    private func itemFields(for page: IndexedPage, context: PageContext) -> MustacheObject {
        let date = page.document.date
        let status = page.document.frontMatter["status"]?.scalar
        let languages = ([page] + index.findTranslations(of: page)).map(\.language.rawValue).sorted()
        return [
            "title": .string(page.document.title),
            "summary": page.document.summary.map(MustacheValue.string) ?? .null,
            "dateText": date.map { .string(context.strings.format($0)) } ?? .null,
            "dateISO": date.map { .string($0.description) } ?? .null,
            "typeLabel": page.document.type.map { .string(typeLabel($0, context)) } ?? .null,
            "statusLabel": status.map { .string(context.strings["status_\($0)"] ?? humanize($0)) } ?? .null,
            "langBadge": page.language != context.language ? .string(page.language.rawValue.uppercased()) : .null,
            "languages": .string(languages.map { $0.uppercased() }.joined(separator: "+")),
            // Only open consultations have a closing date (`renderConsultationsPage` sets it).
            "closeText": .null,
            "closeISO": .null,
        ]
    }

    /// Pages in `language`: each document once, in this language when it exists, newest first.
    func choose(_ positions: [Int], language: LocaleCode) -> [IndexedPage] {
        chosenPositions(positions, language: language).map { index.pages[$0] }
    }

    /// `choose` as positions, for callers that look at only some of the pages (feeds take the
    /// first dated ones): it reads the index's flat arrays, not the pages themselves.
    ///
    /// In each translation group, the first version in `language` wins; without one, the last in
    /// the default language, else the first given. The positions are sorted by group (as integers,
    /// keeping their order within a group) rather than kept in a dictionary by group, whose
    /// hashing cost more than the rest of a page's backlinks.
    func chosenPositions(_ positions: [Int], language: LocaleCode) -> [Int] {
        let groups = index.translationGroup
        let languages = index.languages
        let defaultLanguage = config.defaultLanguage
        let keys = positions.indices.map { UInt64(groups[positions[$0]]) << 32 | UInt64($0) }.sorted()
        var chosen: [Int] = []
        chosen.reserveCapacity(keys.count)
        var start = 0
        while start < keys.count {
            let group = keys[start] >> 32
            var pick = positions[Int(truncatingIfNeeded: keys[start] & 0xFFFF_FFFF)]
            var end = start + 1
            while end < keys.count, keys[end] >> 32 == group {
                let position = positions[Int(truncatingIfNeeded: keys[end] & 0xFFFF_FFFF)]
                if languages[pick] != language, languages[position] == language || languages[position] == defaultLanguage {
                    pick = position
                }
                end += 1
            }
            chosen.append(pick)
            start = end
        }
        return index.sortedForLists(chosen)
    }

    func listItems(_ positions: [Int], language: LocaleCode, context: PageContext) -> [MustacheValue] {
        chosenPositions(positions, language: language).map { listItem(at: $0, context: context) }
    }

    /// Groups pages by content type (by the type's name, documents without one first), newest first.
    func groupedByType(_ positions: [Int], context: PageContext) -> [MustacheValue] {
        var grouped: [String: [Int]] = [:]
        for position in chosenPositions(positions, language: context.language) {
            grouped[index.pages[position].document.type ?? "", default: []].append(position)
        }
        return grouped.keys.sorted().map { type -> MustacheValue in
            let members = grouped[type] ?? []
            return [
                "title": .string(type.isEmpty ? (context.strings["other_documents"] ?? "Other") : typeLabel(type, context)),
                "countText": .string(context.countText(members.count)),
                "items": .list(members.map { listItem(at: $0, context: context) }),
            ]
        }
    }

    func renderSectionPage(_ section: SiteConfig.Section, language: LocaleCode, pages: [Int]) -> (OutputFile, Diagnostic?) {
        let path = OutputPath.page([language.rawValue, section.id.rawValue])
        let context = context(language, path)
        let alternates = config.languages.filter { $0 != language }.map {
            context.alternate($0, at: OutputPath.page([$0.rawValue, section.id.rawValue]), strings: strings[$0])
        }
        var values = context.base(navigationCurrent: section.id.rawValue, alternates: alternates)
        let items = listItems(pages, language: language, context: context)
        let title = section.title.text(for: language, fallback: config.defaultLanguage)
        let description = section.description.text(for: language, fallback: config.defaultLanguage)
        values["page"] = ["title": .string(title), "summary": .string(description)]
        values["feeds"] = feedLink([language.rawValue, section.id.rawValue], title: title, context: context)
        values["section"] = [
            "title": .string(title),
            "description": .string(description),
            "url": .string(context.url(to: path)),
            "countText": .string(context.countText(items.count)),
        ]
        values["items"] = .list(items)
        return render("section", values, at: path)
    }

    func renderHomePage(language: LocaleCode, pagesBySection: [String: [Int]]) -> (OutputFile, Diagnostic?) {
        let path = OutputPath.page([language.rawValue])
        let context = context(language, path)
        let alternates = config.languages.filter { $0 != language }.map {
            context.alternate($0, at: OutputPath.page([$0.rawValue]), strings: strings[$0])
        }
        var values = context.base(navigationCurrent: nil, alternates: alternates)
        let siteTitle = config.title.text(for: language, fallback: config.defaultLanguage)
        values["page"] = ["title": .string(context.strings["home"] ?? siteTitle)]
        values["feeds"] = feedLink([language.rawValue], title: siteTitle, context: context)
        values["sections"] = .list(config.sections.map { section -> MustacheValue in
            let items = listItems(pagesBySection[section.id.rawValue] ?? [], language: language, context: context)
            return [
                "title": .string(section.title.text(for: language, fallback: config.defaultLanguage)),
                "description": .string(section.description.text(for: language, fallback: config.defaultLanguage)),
                "url": .string(context.url(to: OutputPath.page([language.rawValue, section.id.rawValue]))),
                "countText": .string(context.countText(items.count)),
                "items": .list(Array(items.prefix(5))),
            ]
        })
        let views = views(context)
        values["views"] = .list(views)
        values["hasViews"] = .bool(!views.isEmpty)
        return render("home", values, at: path)
    }

    func renderNotFoundPage() -> (OutputFile, Diagnostic?) {
        let path = OutputPath(components: ["404.html"])!
        let context = context(config.defaultLanguage, path)
        var values = context.base(navigationCurrent: nil, alternates: [])
        values["page"] = ["title": .string(context.strings["not_found_title"] ?? "Page not found")]
        return render("404", values, at: path)
    }

    func renderLanguageChoicePage() -> (OutputFile, Diagnostic?) {
        let path = OutputPath(components: ["index.html"])!
        let context = context(config.defaultLanguage, path)
        var values = context.base(navigationCurrent: nil, alternates: [])
        values["page"] = ["title": .string(context.strings["choose_language"] ?? "Choose a language")]
        values["languages"] = .list(config.languages.map { language -> MustacheValue in
            [
                "code": .string(language.rawValue),
                "name": .string(strings[language]?["language_name"] ?? language.rawValue),
                "url": .string(context.url(to: OutputPath.page([language.rawValue]))),
                "siteTitle": .string(config.title.text(for: language, fallback: config.defaultLanguage)),
            ]
        })
        return render("language-choice", values, at: path)
    }

    func render(_ template: String, _ values: MustacheObject, at path: OutputPath) -> (OutputFile, Diagnostic?) {
        guard let html = templates.render(template, context: values) else {
            let diagnostic = Diagnostic.error(at: SourceLocation(path: "\(config.templatesFolder)/\(template).mustache"),
                                              code: "template.missing", "template '\(template)' is missing")
            return (OutputFile(path: path, contents: Data()), diagnostic)
        }
        return (OutputFile(path: path, contents: Data(html)), nil)
    }
}
