import MosaicTemplates

/// Pages generated from the graph: taxonomy terms, the directory, the coverage matrix and open
/// consultations. All static HTML that works without JavaScript.
extension SiteRenderer {
    static let directoryFolder = "directory"
    static let coverageFolder = "coverage"
    static let consultationsFolder = "consultations"
    static let translationsFolder = "translations"
    static let searchFolder = "search"

    func termPath(_ taxonomy: Taxonomy, _ term: Taxonomy.Term, language: LocaleCode) -> OutputPath {
        OutputPath.page([language.rawValue, taxonomy.id.rawValue, term.id.rawValue])
    }

    /// Output pages that documents must not take, per language.
    static func generatedPaths(_ config: SiteConfig) -> [OutputPath: String] {
        var paths: [OutputPath: String] = [:]
        for language in config.languages {
            let code = language.rawValue
            paths[OutputPath.page([code])] = "the \(code) home page"
            for section in config.sections { paths[OutputPath.page([code, section.id.rawValue])] = "the '\(section.id)' list page" }
            for taxonomy in config.taxonomies { paths[OutputPath.page([code, taxonomy.id.rawValue])] = "the '\(taxonomy.id)' taxonomy page" }
            for view in [directoryFolder, coverageFolder, consultationsFolder, translationsFolder, searchFolder] {
                paths[OutputPath.page([code, view])] = "the generated '\(view)' page"
            }
        }
        return paths
    }

    /// Links to the generated views, for the home page.
    func views(_ context: PageContext) -> [MustacheValue] {
        let code = context.language.rawValue
        func view(_ title: String, _ folder: String) -> MustacheValue {
            ["title": .string(title), "url": .string(context.url(to: OutputPath.page([code, folder])))]
        }
        var views = config.taxonomies.map { view($0.title.text(for: context.language, fallback: config.defaultLanguage), $0.id.rawValue) }
        if config.graph.directoryType != nil {
            views.append(view(context.strings["directory_title"] ?? "Directory", SiteRenderer.directoryFolder))
        }
        if config.graph.coverageRowType != nil {
            views.append(view(context.strings["coverage_title"] ?? "Coverage", SiteRenderer.coverageFolder))
        }
        if config.languages.count > 1 {
            views.append(view(context.strings["translations_title"] ?? "Translation status", SiteRenderer.translationsFolder))
        }
        if index.pages.contains(where: { $0.document.frontMatter["status"]?.scalar == "consultation" }) {
            views.append(view(context.strings["consultations_title"] ?? "Open consultations", SiteRenderer.consultationsFolder))
        }
        return views
    }

    private func crumbs(_ context: PageContext, _ trail: [(String, OutputPath)]) -> MustacheValue {
        .list(trail.map { ["title": .string($0.0), "url": .string(context.url(to: $0.1))] })
    }

    private func otherLanguages(_ context: PageContext, _ segments: [String]) -> [MustacheValue] {
        config.languages.filter { $0 != context.language }.map {
            context.alternate($0, at: OutputPath.page([$0.rawValue] + segments), strings: strings[$0])
        }
    }

    // MARK: - Taxonomies

    /// Every taxonomy's index and term pages in `language`, each handed to `write` as soon as it
    /// is rendered; their paths with their diagnostics.
    func renderTaxonomyPages(language: LocaleCode, write: @escaping @Sendable (OutputFile) -> Void) async
        -> [(OutputPath, Diagnostic?)] {
        var pages: [(OutputPath, Diagnostic?)] = []
        for taxonomy in config.taxonomies {
            pages += await renderTaxonomy(taxonomy, language: language, write: write)
        }
        return pages
    }

    private func renderTaxonomy(_ taxonomy: Taxonomy, language: LocaleCode,
                                write: @escaping @Sendable (OutputFile) -> Void) async -> [(OutputPath, Diagnostic?)] {
        /// Renders one page and hands it over at once.
        @Sendable func emit(_ template: String, _ values: MustacheObject, at path: OutputPath) -> (OutputPath, Diagnostic?) {
            let (file, diagnostic) = render(template, values, at: path)
            write(file)
            return (path, diagnostic)
        }
        let members = graph.termMembers[taxonomy.id.rawValue] ?? [:]
        let indexPath = OutputPath.page([language.rawValue, taxonomy.id.rawValue])
        let indexContext = context(language, indexPath)
        let title = taxonomy.title.text(for: language, fallback: config.defaultLanguage)
        var values = indexContext.base(navigationCurrent: nil, alternates: otherLanguages(indexContext, [taxonomy.id.rawValue]))
        let description = taxonomy.description?.text(for: language, fallback: config.defaultLanguage)
        values["page"] = ["title": .string(title), "summary": .string(description ?? title)]
        if let description { values["intro"] = .string(description) }
        values["hasBreadcrumbs"] = true
        values["breadcrumbs"] = crumbs(indexContext, [(indexContext.strings["home"] ?? "Home", OutputPath.page([language.rawValue]))])
        values["groups"] = [[
            "entries": .list(taxonomy.terms.map { term -> MustacheValue in
                let count = chosenPositions(members[term.id.rawValue] ?? [], language: language).count
                var entry: MustacheObject = [
                    "title": .string(term.label.text(for: language, fallback: config.defaultLanguage)),
                    "url": .string(indexContext.url(to: termPath(taxonomy, term, language: language))),
                    "countText": .string(indexContext.countText(count)),
                ]
                if let definition = term.definition?.text(for: language, fallback: config.defaultLanguage) {
                    entry["description"] = .string(definition)
                }
                return .object(entry)
            }),
        ]]
        let termPages = await taxonomy.terms.concurrentMap { [self] term -> (OutputPath, Diagnostic?) in
            let path = termPath(taxonomy, term, language: language)
            let context = context(language, path)
            var termValues = context.base(navigationCurrent: nil,
                                          alternates: otherLanguages(context, [taxonomy.id.rawValue, term.id.rawValue]))
            let label = term.label.text(for: language, fallback: config.defaultLanguage)
            let definition = term.definition?.text(for: language, fallback: config.defaultLanguage)
            termValues["page"] = ["title": .string(label), "summary": .string(definition ?? title)]
            if let definition { termValues["definition"] = .string(definition) }
            termValues["hasBreadcrumbs"] = true
            termValues["breadcrumbs"] = crumbs(context, [
                (context.strings["home"] ?? "Home", OutputPath.page([language.rawValue])), (title, indexPath),
            ])
            termValues["groups"] = .list(groupedByType(members[term.id.rawValue] ?? [], context: context))
            termValues["feeds"] = feedLink([language.rawValue, taxonomy.id.rawValue, term.id.rawValue], title: label, context: context)
            return emit("listing", termValues, at: path)
        }
        return [emit("terms", values, at: indexPath)] + termPages
    }

    // MARK: - Directory

    func renderDirectoryPages(language: LocaleCode) -> [(OutputFile, Diagnostic?)] {
        guard let type = config.graph.directoryType else { return [] }
        let code = language.rawValue
        let indexPath = OutputPath.page([code, SiteRenderer.directoryFolder])
        let indexContext = context(language, indexPath)
        let members = choose(index.pages.indices.filter { index.pages[$0].document.type == type }, language: language)
            .sorted { $0.document.title.localizedStandardCompare($1.document.title) == .orderedAscending }
        let title = indexContext.strings["directory_title"] ?? "Directory"
        var files: [(OutputFile, Diagnostic?)] = []
        var groups: [MustacheValue] = []
        for facet in config.graph.directoryFacets {
            guard let facetSlug = Slug(making: facet) else { continue }
            let field = config.types[type]?.fields[facet]
            let byValue = Dictionary(grouping: members.flatMap { page in
                (page.document.frontMatter[facet].map { $0.items ?? [$0] } ?? []).compactMap(\.scalar).map { ($0, page) }
            }, by: \.0)
            var entries: [MustacheValue] = []
            for value in orderedValues(Array(byValue.keys), field: field) {
                guard let valueSlug = Slug(making: value) else { continue }
                let pages = byValue[value]?.map(\.1) ?? []
                let path = OutputPath.page([code, SiteRenderer.directoryFolder, facetSlug.rawValue, valueSlug.rawValue])
                let context = context(language, path)
                let label = valueLabel(value, field: field, context: context)
                entries.append(["title": .string(label), "url": .string(indexContext.url(to: path)),
                                "countText": .string(indexContext.countText(pages.count))])
                var values = context.base(navigationCurrent: nil,
                                          alternates: otherLanguages(context, [SiteRenderer.directoryFolder, facetSlug.rawValue, valueSlug.rawValue]))
                let facetLabel = field?.label?.text(for: language, fallback: config.defaultLanguage)
                    ?? context.strings["field_\(facet)"] ?? humanize(facet)
                values["page"] = ["title": .string("\(facetLabel): \(label)"), "summary": .string("\(title) · \(facetLabel): \(label)")]
                values["hasBreadcrumbs"] = true
                values["breadcrumbs"] = crumbs(context, [
                    (context.strings["home"] ?? "Home", OutputPath.page([code])), (title, indexPath),
                ])
                values["groups"] = [["title": .string(label), "countText": .string(context.countText(pages.count)),
                                     "items": .list(pages.map { listItem(at: $0.position, context: context) })]]
                files.append(render("listing", values, at: path))
            }
            groups.append([
                "title": .string(field?.label?.text(for: language, fallback: config.defaultLanguage)
                    ?? indexContext.strings["field_\(facet)"] ?? humanize(facet)),
                "entries": .list(entries),
            ])
        }
        var values = indexContext.base(navigationCurrent: nil, alternates: otherLanguages(indexContext, [SiteRenderer.directoryFolder]))
        values["page"] = ["title": .string(title), "summary": .string(indexContext.strings["directory_intro"] ?? title)]
        values["intro"] = .string(indexContext.strings["directory_intro"] ?? "")
        values["hasBreadcrumbs"] = true
        values["breadcrumbs"] = crumbs(indexContext, [(indexContext.strings["home"] ?? "Home", OutputPath.page([code]))])
        values["groups"] = .list(groups)
        files.append(render("terms", values, at: indexPath))
        return files
    }

    /// Taxonomy order for taxonomy fields, declared order for enums, else alphabetical.
    private func orderedValues(_ values: [String], field: FieldSchema?) -> [String] {
        let declared = field.map(config.allowedValues(of:)) ?? []
        return values.sorted { lhs, rhs in
            let left = declared.firstIndex(of: lhs) ?? Int.max, right = declared.firstIndex(of: rhs) ?? Int.max
            return left != right ? left < right : lhs < rhs
        }
    }

    func valueLabel(_ value: String, field: FieldSchema?, context: PageContext) -> String {
        if case .taxonomy(let id)? = field?.values, let term = config.taxonomy(id.rawValue)?.term(value) {
            return term.label.text(for: context.language, fallback: config.defaultLanguage)
        }
        return context.strings["value_\(value)"] ?? humanize(value)
    }

    // MARK: - Coverage matrix

    func renderCoveragePage(language: LocaleCode) -> (OutputFile, Diagnostic?)? {
        guard let rowType = config.graph.coverageRowType, let taxonomyID = config.graph.coverageTaxonomy,
              let taxonomy = config.taxonomy(taxonomyID) else { return nil }
        let path = OutputPath.page([language.rawValue, SiteRenderer.coverageFolder])
        let context = context(language, path)
        let rows = choose(index.pages.indices.filter { index.pages[$0].document.type == rowType }, language: language)
            .sorted { $0.document.title.localizedStandardCompare($1.document.title) == .orderedAscending }
        // translation key of a row → term → number of documents addressing it
        var marks: [String: [String: Int]] = [:]
        for (term, members) in graph.termMembers[taxonomyID] ?? [:] {
            for position in Set(chosenPositions(members, language: language)) {
                let page = index.pages[position]
                guard let type = page.document.type, config.graph.coverageViaTypes.contains(type) else { continue }
                for reference in graph.references[position] where reference.field == config.graph.coverageViaField {
                    marks[reference.target.document.translationKey, default: [:]][term, default: 0] += 1
                }
            }
        }
        let markLabel = context.strings["coverage_mark"] ?? "addressed"
        let columns = taxonomy.terms.enumerated().map { number, term -> MustacheValue in
            let count = rows.filter { (marks[$0.document.translationKey]?[term.id.rawValue] ?? 0) > 0 }.count
            return ["label": .string(term.label.text(for: language, fallback: config.defaultLanguage)), "number": .int(number + 1),
                    "url": .string(context.url(to: termPath(taxonomy, term, language: language))), "count": .int(count)]
        }
        let rowValues = rows.map { row -> MustacheValue in
            let counts = marks[row.document.translationKey] ?? [:]
            var values: MustacheObject = [
                "title": .string(row.document.title), "url": .string(context.url(to: row.outputPath)),
                "cells": .list(taxonomy.terms.map { term -> MustacheValue in
                    let count = counts[term.id.rawValue] ?? 0
                    return count > 0 ? ["mark": true, "count": .int(count), "label": .string(markLabel)] : ["mark": false]
                }),
                "total": .int(counts.values.filter { $0 > 0 }.count),
            ]
            if row.language != language { values["otherLanguage"] = .string(row.language.rawValue) }
            return .object(values)
        }
        let title = context.strings["coverage_title"] ?? "Coverage"
        var values = context.base(navigationCurrent: nil, alternates: otherLanguages(context, [SiteRenderer.coverageFolder]))
        values["page"] = ["title": .string(title), "summary": .string(context.strings["coverage_intro"] ?? title)]
        values["intro"] = .string(context.strings["coverage_intro"] ?? "")
        values["hasBreadcrumbs"] = true
        values["breadcrumbs"] = crumbs(context, [(context.strings["home"] ?? "Home", OutputPath.page([language.rawValue]))])
        values["taxonomyTitle"] = .string(taxonomy.title.text(for: language, fallback: config.defaultLanguage))
        values["columns"] = .list(columns)
        values["rows"] = .list(rowValues)
        return render("coverage", values, at: path)
    }

    // MARK: - Search

    /// The search page; `assets/search.js` loads the index under `search/<lang>/` with script tags.
    func renderSearchPage(language: LocaleCode) -> (OutputFile, Diagnostic?) {
        let path = OutputPath.page([language.rawValue, SiteRenderer.searchFolder])
        let context = context(language, path)
        var values = context.base(navigationCurrent: nil, alternates: otherLanguages(context, [SiteRenderer.searchFolder]))
        values["page"] = ["title": .string(context.strings["search_title"] ?? "Search")]
        return render("search", values, at: path)
    }

    // MARK: - Translation parity

    /// The curator page: what this language still lacks and which versions are out of date.
    func renderTranslationsPage(language: LocaleCode) -> (OutputFile, Diagnostic?) {
        let path = OutputPath.page([language.rawValue, SiteRenderer.translationsFolder])
        let context = context(language, path)
        let title = context.strings["translations_title"] ?? "Translation status"
        var values = context.base(navigationCurrent: nil, alternates: otherLanguages(context, [SiteRenderer.translationsFolder]))
        values["page"] = ["title": .string(title), "summary": .string(context.strings["translations_intro"] ?? title)]
        values["intro"] = .string(context.strings["translations_intro"] ?? "")
        values["hasBreadcrumbs"] = true
        values["breadcrumbs"] = crumbs(context, [(context.strings["home"] ?? "Home", OutputPath.page([language.rawValue]))])
        let missing = parity.missing[language] ?? []
        let stale = parity.stale[language] ?? []
        var groups: [MustacheValue] = []
        if !missing.isEmpty {
            groups.append(["title": .string(context.strings["translations_missing"] ?? "Not yet translated"),
                           "countText": .string(context.countText(missing.count)),
                           "items": .list(missing.map { listItem(at: $0, context: context) })])
        }
        if !stale.isEmpty {
            groups.append(["title": .string(context.strings["translations_stale"] ?? "Older than the original"),
                           "countText": .string(context.countText(stale.count)),
                           "items": .list(stale.map { entry -> MustacheValue in
                               var value = item(for: index.pages[entry.translation], context: context)
                               value["summary"] = .string("\(context.strings.format(entry.translationDate)) < \(context.strings.format(entry.originalDate)): \(index.pages[entry.original].document.title)")
                               return .object(value)
                           })])
        }
        values["groups"] = .list(groups)
        values["emptyText"] = .string(context.strings["translations_complete"] ?? "")
        return render("listing", values, at: path)
    }

    // MARK: - Consultations

    func renderConsultationsPage(language: LocaleCode) -> (OutputFile, Diagnostic?) {
        let path = OutputPath.page([language.rawValue, SiteRenderer.consultationsFolder])
        let context = context(language, path)
        let open = choose(index.pages.indices.filter { index.pages[$0].document.frontMatter["status"]?.scalar == "consultation" },
                          language: language)
        let title = context.strings["consultations_title"] ?? "Open consultations"
        var values = context.base(navigationCurrent: nil, alternates: otherLanguages(context, [SiteRenderer.consultationsFolder]))
        values["page"] = ["title": .string(title), "summary": .string(context.strings["consultations_intro"] ?? title)]
        values["intro"] = .string(context.strings["consultations_intro"] ?? "")
        values["hasBreadcrumbs"] = true
        values["breadcrumbs"] = crumbs(context, [(context.strings["home"] ?? "Home", OutputPath.page([language.rawValue]))])
        values["groups"] = open.isEmpty ? [] : [[
            "title": .string(title), "countText": .string(context.countText(open.count)),
            "items": .list(open.map { page -> MustacheValue in
                var entry = item(for: page, context: context)
                if let close = page.document.frontMatter["consultation_close"]?.scalar.flatMap(PartialDate.init(parsing:)) {
                    entry["closeText"] = .string(context.strings.format(close))
                    entry["closeISO"] = .string(close.description)
                }
                return .object(entry)
            }),
        ]]
        values["emptyText"] = .string(context.strings["no_consultations"] ?? "")
        return render("listing", values, at: path)
    }
}
