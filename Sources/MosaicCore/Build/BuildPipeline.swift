import Foundation
import MosaicMarkdown

/// Runs the stages in order — config, discover, load, index, Markdown, templates, write — and
/// collects every diagnostic instead of stopping at the first.
public enum BuildPipeline {
    /// Builds the site and publishes it to `sink` only when nothing failed.
    public static func build(_ options: BuildOptions, to sink: any OutputSink) async -> BuildReport {
        var clock = StageClock()
        clock.observer = options.progress
        let site = await makeSite(options, clock: &clock, sink: sink)
        // Strict builds (and `check`) make every warning an error, e.g. broken links.
        let diagnostics = site.diagnostics.map { $0.promoted(strict: options.strict) }
        var report = BuildReport(diagnostics: diagnostics.sorted(), pageCount: site.pageCount,
                                 fileCount: site.fileCount, timings: [], published: false, failure: site.failure)
        report.translationGaps = site.translationGaps
        if report.diagnostics.hasErrors || site.failure != nil {
            site.session?.discard()
        } else if let session = site.session {
            do {
                try session.commit()
                report.published = true
            } catch {
                report.failure = "\(error)"
            }
            clock.finish("write", "\(site.fileCount) files")
        }
        report.timings = clock.timings
        return report
    }

    struct Site {
        /// Where rendered files went as they were made; committed by `build` when nothing failed.
        var session: (any OutputSession)?
        var fileCount = 0
        var diagnostics: [Diagnostic] = []
        var pageCount = 0
        var failure: String?
        var translationGaps: [BuildReport.TranslationGap] = []
    }

    static func makeSite(_ options: BuildOptions, clock: inout StageClock, sink: any OutputSink) async -> Site {
        var site = Site()
        let root = options.sourceFolder
        guard let configData = FileManager.default.contents(atPath: root.appendingPathComponent(SiteConfig.fileName).path) else {
            site.diagnostics.append(.error(at: SourceLocation(path: SiteConfig.fileName), code: "config.missing",
                                           "no \(SiteConfig.fileName) in \(root.path)",
                                           hint: "run the command in the site folder, pass --source DIR, or create a site with `mosaic init DIR`"))
            return site
        }
        var config: SiteConfig
        switch TextDecoding.decode(configData, path: SiteConfig.fileName, code: "config.encoding") {
        case .failure(let diagnostic):
            site.diagnostics.append(diagnostic)
            return site
        case .success(let text):
            let (loaded, problems) = SiteConfig.load(yaml: text)
            site.diagnostics += problems
            guard let loaded else { return site }
            config = loaded
        }

        guard let theme = options.themeFolder ?? ThemeLocator.findDefaultTheme() else {
            site.failure = "the default theme was not found next to the mosaic executable; set MOSAIC_THEME_DIR"
            return site
        }
        let (templates, templateProblems) = TemplateSet.load(from: [
            (theme.appendingPathComponent("templates"), "(theme)/templates/"),
            (root.appendingPathComponent(config.templatesFolder), config.templatesFolder + "/"),
        ])
        let (strings, stringProblems) = InterfaceStrings.load(languages: config.languages, folders: [
            (theme.appendingPathComponent("i18n"), "(theme)/i18n/"),
            (root.appendingPathComponent(config.i18nFolder), config.i18nFolder + "/"),
        ])
        site.diagnostics += templateProblems + stringProblems
        clock.finish("config", "\(templates.names.count) templates, \(config.languages.count) languages")

        let contentFolder = root.appendingPathComponent("content")
        let (inventory, discoveryProblems) = ContentDiscovery.discoverContent(in: contentFolder, languages: config.languages)
        site.diagnostics += discoveryProblems
        clock.finish("discover", "\(inventory.documents.count) documents, \(inventory.assets.count) assets")

        let loaded = await inventory.documents.concurrentMap { source -> (LoadedDocument?, [Diagnostic]) in
            let url = source.path.components.reduce(contentFolder) { $0.appendingPathComponent($1) }
            guard let data = FileManager.default.contents(atPath: url.path) else {
                return (nil, [.error(at: SourceLocation(path: source.displayPath), code: "content.unreadable", "cannot read file")])
            }
            return DocumentLoader.loadDocument(source, data: data)
        }
        site.diagnostics += loaded.flatMap(\.1)
        let documents = loaded.compactMap(\.0).filter { options.includeDrafts || !$0.isDraft }
        clock.finish("load", "\(documents.count) documents kept")

        config.sections += undeclaredSections(in: documents, config: config, diagnostics: &site.diagnostics)
        let (sourceIndex, indexProblems) = PageIndex.makePageIndex(from: documents, reservedPaths: SiteRenderer.generatedPaths(config))
        site.diagnostics += indexProblems
        site.diagnostics += SchemaValidator.validate(sourceIndex, config: config)
        site.diagnostics += InterfaceStringCheck.check(templates: templates, strings: strings, config: config, index: sourceIndex)
        clock.finish("index", "\(sourceIndex.pages.count) pages")

        MarkdownRenderer.prepare()
        let renderer = MarkdownRenderer(options: MarkdownOptions(
            allowsRawHTML: config.allowsRawHTML, reservedAnchors: SiteRenderer.templateAnchors))
        let resolver = LinkResolver(index: sourceIndex, assets: Set(inventory.assets.map(\.path)))
        let rendered = await sourceIndex.pages.concurrentMap { page in
            RenderedDocument.renderMarkdown(page, renderer: renderer, resolver: resolver)
        }
        site.diagnostics += rendered.flatMap(\.1)
        clock.finish("markdown", "\(rendered.count) bodies")

        // Nothing reads the Markdown after this stage: dropping it frees the size of the sources.
        let index = sourceIndex.droppingBodies()
        let documentsRendered = rendered.map { document in
            var light = document.0
            light.page = index.pages[light.page.position]
            return light
        }
        let (graph, graphProblems) = await SiteGraph.build(index: index, rendered: documentsRendered, config: config,
                                                           today: PartialDate.today())
        site.diagnostics += graphProblems
        clock.finish("graph", "\(graph.backlinks.reduce(0) { $0 + $1.count }) backlinks")

        let parity = TranslationParity.compute(index: index, config: config,
                                               modified: GitDates.lastCommitDates(siteRoot: root))
        site.translationGaps = parity.gaps(index: index)
        let generated = SiteRenderer.generatedPaths(config)
        let untranslated = UntranslatedPages.plan(index: index, languages: config.languages, reserved: Set(generated.keys))
        let siteRenderer = SiteRenderer(config: config, graph: graph, templates: templates, strings: strings,
                                        untranslated: untranslated, parity: parity)
        // Pages go to the output as soon as they are rendered, unless the build has already failed.
        let session = openSession(sink, site: &site, strict: options.strict)
        var outputs = await documentsRendered.concurrentMap { rendered -> (OutputPath, Diagnostic?) in
            let (file, diagnostic) = siteRenderer.renderDocumentPage(rendered)
            session.write([file])
            return (file.path, diagnostic)
        }
        let pagesBySection = Dictionary(grouping: index.pages.indices.filter { index.pages[$0].sectionID != nil },
                                        by: { index.pages[$0].sectionID ?? "" })
        // List pages hold thousands of items on large sites: one task each, across the cores.
        var listJobs: [@Sendable () -> [(OutputFile, Diagnostic?)]] = []
        @Sendable func written(_ pages: [(OutputFile, Diagnostic?)]) -> [(OutputPath, Diagnostic?)] {
            session.write(pages.map(\.0))
            return pages.map { ($0.0.path, $0.1) }
        }
        for language in config.languages {
            listJobs.append { [siteRenderer.renderHomePage(language: language, pagesBySection: pagesBySection)] }
            for section in config.sections {
                listJobs.append { [siteRenderer.renderSectionPage(section, language: language,
                                                                  pages: pagesBySection[section.id.rawValue] ?? [])] }
            }
            listJobs.append { siteRenderer.renderDirectoryPages(language: language) }
            listJobs.append { siteRenderer.renderCoveragePage(language: language).map { [$0] } ?? [] }
            listJobs.append { [siteRenderer.renderConsultationsPage(language: language)] }
            listJobs.append { [siteRenderer.renderTranslationsPage(language: language)] }
            listJobs.append { [siteRenderer.renderSearchPage(language: language)] }
        }
        listJobs.append { [siteRenderer.renderNotFoundPage(), siteRenderer.renderLanguageChoicePage()] }
        outputs += await listJobs.concurrentMap { written($0()) }.flatMap { $0 }
        for language in config.languages {
            outputs += written(await siteRenderer.renderTaxonomyPages(language: language))
        }
        outputs += written(await siteRenderer.renderUntranslatedPages())
        site.diagnostics += Set(outputs.compactMap(\.1)).sorted()
        site.pageCount = outputs.count
        clock.finish("templates", "\(outputs.count) pages")

        var files = StaticFiles.collect(
            folders: [theme.appendingPathComponent("static"), root.appendingPathComponent(config.staticFolder)],
            assets: inventory.assets, contentFolder: contentFolder)
        files.append(OutputFile(path: OutputPath(components: ["robots.txt"])!, contents: Data(RobotsFile.make().utf8)))
        // Independent outputs, built side by side.
        let finalConfig = config
        async let exports = DataExport.make(graph: graph, config: finalConfig)
        async let feeds = siteRenderer.renderFeeds()
        // The search index is timed on its own: its share of the build is one of the benchmark's figures.
        async let search = config.languages.concurrentMap { language in
            let started = ContinuousClock.now
            let files = SearchIndexBuilder(config: finalConfig, graph: graph, rendered: documentsRendered, strings: strings)
                .build(language: language)
            return (files, ContinuousClock.now - started)
        }
        files += await exports
        files += await feeds
        let searchParts = await search
        files += searchParts.flatMap(\.0)
        let searchSeconds = searchParts.map { Double($0.1.components.attoseconds) / 1e18 + Double($0.1.components.seconds) }
        let documentKeys = Dictionary(uniqueKeysWithValues: index.pages.map { ($0.outputPath, $0.document.translationKey) })
        files.append(siteRenderer.renderSitemap(pages: outputs.map(\.0), documentPaths: documentKeys))
        // Pages were written first, so a page wins over a static file at the same path.
        session.write(files)
        site.fileCount = Set(outputs.map(\.0) + files.map(\.path)).count
        let perLanguage = zip(config.languages, searchSeconds).map { "\($0.0) \(String(format: "%.2f", $0.1)) s" }
        clock.finish("assets", "\(files.count) static, feed, sitemap and search files (search index: \(perLanguage.joined(separator: ", ")))")
        return site
    }

    /// The sink's session, or one that discards when errors already mean nothing will be published.
    private static func openSession(_ sink: any OutputSink, site: inout Site, strict: Bool) -> any OutputSession {
        guard !site.diagnostics.contains(where: { $0.promoted(strict: strict).severity == .error }) else {
            return DiscardingOutputSink()
        }
        do {
            let session = try sink.begin()
            site.session = session
            return session
        } catch {
            site.failure = "\(error)"
            return DiscardingOutputSink()
        }
    }

    /// Content folders missing from `sections:` still get list pages, with a warning to declare them.
    private static func undeclaredSections(in documents: [LoadedDocument], config: SiteConfig,
                                           diagnostics: inout [Diagnostic]) -> [SiteConfig.Section] {
        var found: [SiteConfig.Section] = []
        for document in documents {
            guard let id = document.source.sectionID, config.section(id) == nil,
                  !found.contains(where: { $0.id.rawValue == id }) else { continue }
            guard let slug = Slug(validating: id) else {
                diagnostics.append(.error(at: SourceLocation(path: document.source.displayPath), code: "content.section-name",
                                          "folder '\(id)' cannot be a section name",
                                          hint: "rename the folder with lowercase letters, digits and -"))
                continue
            }
            diagnostics.append(.warning(at: SourceLocation(path: document.source.displayPath), code: "content.undeclared-section",
                                        "folder '\(id)' is not declared under `sections:` in mosaic.yml",
                                        hint: "add `- id: \(id)` with a title per language"))
            found.append(SiteConfig.Section(id: slug, title: LocalizedText(shared: id), description: LocalizedText(), primaryLanguage: nil))
        }
        return found
    }
}
