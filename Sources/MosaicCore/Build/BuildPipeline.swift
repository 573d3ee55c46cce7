import Foundation
import MosaicMarkdown

/// Runs the stages in order — config, discover, load, index, Markdown, templates, write — and
/// collects every diagnostic instead of stopping at the first.
public enum BuildPipeline {
    /// Builds the site and publishes it to `sink` only when nothing failed.
    public static func build(_ options: BuildOptions, to sink: any OutputSink) async -> BuildReport {
        var clock = StageClock()
        clock.observer = options.progress
        var site = await makeSite(options, clock: &clock, sink: sink)
        // Strict builds (and `check`) make every warning an error, e.g. broken links.
        let diagnostics = site.diagnostics.map { $0.promoted(strict: options.strict) }
        var report = BuildReport(diagnostics: diagnostics.sorted(), pageCount: site.pageCount,
                                 fileCount: site.fileCount, timings: [], published: false, failure: site.failure)
        report.translationGaps = site.translationGaps
        if report.diagnostics.hasErrors || site.failure != nil {
            site.session?.discard()
        } else if let session = site.session {
            site.plan?.flushKept()
            do {
                let stamp = try session.commit()
                report.published = true
                site.nextCache?.output = stamp.map { BuildCache.OutputRecord(stamp: $0, keys: site.plan?.keys ?? [:]) }
            } catch {
                report.failure = "\(error)"
            }
            clock.finish("write", "\(site.fileCount) files, \(site.plan?.keptCount ?? 0) kept from the last build")
        }
        // A failed build leaves the previous output, so the record of it stays true.
        if let folder = options.cacheFolder, let cache = site.nextCache {
            do {
                var prepared: [BuildCache.EncodedSegment] = []
                for part in site.encodedParts { prepared += await part.value }
                try cache.save(to: folder, prepared: prepared)
                clock.finish("cache", "saved for the next build")
            } catch {
                clock.finish("cache", "not saved: \(error.localizedDescription)")
            }
        }
        if options.keepsDataUntilExit { ExitRelease.keep(site.nextCache, site.plan) }
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
        /// What this build leaves for the next: its settings and, filled in on commit, its output
        /// record; the memos go straight into `encodedParts`.
        var nextCache: BuildCache?
        /// The documents, graph and search segments of the next cache, each encoded as soon as
        /// its stage is done, while the build goes on.
        var encodedParts: [Task<[BuildCache.EncodedSegment], Never>] = []
        var plan: RenderPlan?
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
        // Decoding the cache takes as long as loading the templates and discovering the content:
        // it runs beside them, and its settings are compared once they are known.
        async let storedCache = options.cacheFolder.flatMap { BuildCache.load(from: $0) }
        // `git log` runs while the build goes on; only translation parity needs its dates.
        async let gitDates = GitDates.lastCommitDates(siteRoot: root)
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
        let settings = settingsDigest(configData: configData, folders: [
            theme.appendingPathComponent("templates"), theme.appendingPathComponent("i18n"),
            root.appendingPathComponent(config.templatesFolder), root.appendingPathComponent(config.i18nFolder),
        ], options: options)
        // Without a cache folder nothing is kept for a next build (on a large hub the memos of
        // every document would otherwise live as long as the build).
        site.nextCache = options.cacheFolder == nil ? nil : BuildCache(settings: settings)
        clock.finish("config", "\(templates.names.count) templates, \(config.languages.count) languages")

        let contentFolder = root.appendingPathComponent("content")
        let (inventory, discoveryProblems) = ContentDiscovery.discoverContent(in: contentFolder, languages: config.languages)
        site.diagnostics += discoveryProblems
        clock.finish("discover", "\(inventory.documents.count) documents, \(inventory.assets.count) assets")

        var cache = await storedCache.flatMap { $0.settings == settings ? $0 : nil } ?? BuildCache(settings: settings)
        // With a cache, unchanged files are known by their status and not read at all.
        if cache.documentCount == 0 {
            ReadAhead.start(inventory.documents.map { contentFolder.path + "/" + $0.path.rawValue })
        }
        site.nextCache?.output = cache.output

        let previousOutput = cache.output
        let previousFiles = previousOutput.map { Array($0.keys.keys) } ?? []
        // Whether someone deleted published files by hand: checked beside the next stages.
        async let previousIsWhole = previousOutput != nil && sink.holdsAll(previousFiles)
        let previousGraph = cache.graph
        let previousSearch = cache.search
        let previousEncodedSearch = cache.encodedSearch
        var prepared = await prepareDocuments(inventory: inventory, contentFolder: contentFolder, cache: cache,
                                              options: options, config: &config, templates: templates, strings: strings,
                                              site: &site, clock: &clock)
        // The previous cache lives to the end of this function anyway (`storedCache` holds it):
        // on the command line it is kept to the exit instead of freed at the end of the build.
        if options.keepsDataUntilExit { ExitRelease.keep(cache) }
        cache = BuildCache(settings: settings)
        let index = prepared.index
        var documentsRendered = prepared.rendered
        // One owner for the documents, so that they go when `documentsRendered` lets them go (a
        // `let` would keep them to the end of this function); without a spill file they hold the HTML.
        prepared.rendered = []
        let markdownOptions = MarkdownOptions(allowsRawHTML: config.allowsRawHTML, reservedAnchors: SiteRenderer.templateAnchors)
        let renderer = MarkdownRenderer(options: markdownOptions)
        let meta = prepared.meta
        let structure = RenderKeys.structureDigest(meta)
        // Translation parity and the notice pages read only the index: worked out beside the graph.
        let modified = await gitDates
        let indexConfig = config
        async let parityTask = TranslationParity.compute(index: index, config: indexConfig, modified: modified)
        async let untranslatedTask = UntranslatedPages.plan(index: index, languages: indexConfig.languages,
                                                            reserved: Set(SiteRenderer.generatedPaths(indexConfig).keys))
        let (graph, graphProblems, graphMemo) = await SiteGraph.build(index: index, rendered: documentsRendered, config: config,
                                                                      today: PartialDate.today(),
                                                                      structure: structure, memo: previousGraph)
        let parity = await parityTask
        site.translationGaps = parity.gaps(index: index)
        let untranslated = await untranslatedTask
        if site.nextCache != nil { site.encodedParts.append(Task { BuildCache.encodeGraph(graphMemo) }) }
        site.diagnostics += graphProblems
        clock.finish("graph", "\(graph.backlinks.reduce(0) { $0 + $1.count }) backlinks")
        let siteRenderer = SiteRenderer(config: config, graph: graph, templates: templates, strings: strings,
                                        untranslated: untranslated, parity: parity)
        // Pages go to the output as soon as they are rendered, unless the build has already failed.
        let session = openSession(sink, previous: await previousIsWhole ? previousOutput?.stamp : nil, files: previousFiles,
                                  site: &site, strict: options.strict)
        let plan = RenderPlan(session: session, previous: previousOutput)
        site.plan = plan
        let keys = RenderKeys(settings: settings, meta: meta, graph: graph, rendered: documentsRendered, parity: parity,
                              untranslated: untranslated, languages: config.languages)
        // Documents come without HTML and text (spilled, or cached); each page gets them back.
        let lightResolver = LinkResolver(index: index, assets: Set(inventory.assets.map(\.path)))
        let spill = prepared.spill
        @Sendable func complete(_ document: RenderedDocument) -> RenderedDocument {
            withBody(document, spill: spill, renderer: renderer, resolver: lightResolver, contentFolder: contentFolder)
        }
        @Sendable func text(of document: RenderedDocument) -> String {
            plainText(of: document, spill: spill, renderer: renderer, resolver: lightResolver, contentFolder: contentFolder)
        }
        // Whole-site outputs need only the graph and the texts, so they run beside the pages: the
        // search index of a language is one long task that fills a core while pages fill the rest.
        let finalConfig = config
        // Exports and feeds list the whole site, so they change with the site digest only.
        async let exports = plan.unit(keys.sitePage("exports")) { DataExport.make(graph: graph, config: finalConfig).map { ($0, nil) } }
        async let feeds = plan.unit(keys.sitePage("feeds")) { siteRenderer.renderFeeds().map { ($0, nil) } }
        // The search index is timed on its own: its share of the build is one of the benchmark's figures.
        let searchDocuments = documentsRendered.map { $0.droppingHTML() }
        async let search = config.languages.concurrentMap { language in
            let started = ContinuousClock.now
            // Thousands of excerpt files: written while pages still render, a block at a time.
            let output = SearchIndexBuilder(config: finalConfig, graph: graph, rendered: searchDocuments, strings: strings,
                                            entryKeys: keys.search,
                                            text: text, reuse: { plan.reuse($0) != nil }, writeFragments: { plan.write(keyed: $0) },
                                            keepAll: { plan.keepAll($0) }, structure: structure)
                .build(language: language, memo: previousSearch[language.rawValue])
            return (output, ContinuousClock.now - started)
        }
        let pagesBySection = Dictionary(grouping: index.pages.indices.filter { index.pages[$0].sectionID != nil },
                                        by: { index.pages[$0].sectionID ?? "" })
        // List pages hold thousands of items on large sites: one task each, across the cores. They
        // start before the document pages, so that the long ones are not left for the end of the
        // stage with one core idle.
        var listJobs: [@Sendable () -> [(OutputPath, Diagnostic?)]] = []
        for language in config.languages {
            let code = language.rawValue
            listJobs.append { plan.unit(keys.sitePage("home/\(code)")) {
                [siteRenderer.renderHomePage(language: language, pagesBySection: pagesBySection)] } }
            for section in config.sections {
                let members = pagesBySection[section.id.rawValue] ?? []
                listJobs.append { plan.unit(keys.sectionPage(section.id.rawValue, language: language, members: members)) {
                    [siteRenderer.renderSectionPage(section, language: language, pages: members)] } }
            }
            listJobs.append { plan.unit(keys.sitePage("directory/\(code)")) { siteRenderer.renderDirectoryPages(language: language) } }
            listJobs.append { plan.unit(keys.sitePage("coverage/\(code)")) {
                siteRenderer.renderCoveragePage(language: language).map { [$0] } ?? [] } }
            listJobs.append { plan.unit(keys.sitePage("consultations/\(code)")) { [siteRenderer.renderConsultationsPage(language: language)] } }
            listJobs.append { plan.unit(keys.sitePage("translations/\(code)")) { [siteRenderer.renderTranslationsPage(language: language)] } }
            listJobs.append { plan.unit(keys.sitePage("search/\(code)")) { [siteRenderer.renderSearchPage(language: language)] } }
        }
        listJobs.append { plan.unit(keys.sitePage("not-found")) { [siteRenderer.renderNotFoundPage()] } }
        listJobs.append { plan.unit(keys.sitePage("language-choice")) { [siteRenderer.renderLanguageChoicePage()] } }
        let jobs = listJobs
        async let listOutputs = jobs.concurrentMap { $0() }.flatMap { $0 }
        async let taxonomyOutputs = taxonomyPages(languages: config.languages, renderer: siteRenderer, plan: plan, keys: keys)
        async let noticeOutputs = siteRenderer.renderUntranslatedPages { position, language, path, render in
            plan.unit(keys.noticePage(position, language: language, path: path)) { [render()] }
        }
        var outputs = await documentsRendered.concurrentMap { rendered in
            plan.unit(keys.documentPage(rendered.page.position)) { [siteRenderer.renderDocumentPage(complete(rendered))] }
        }.flatMap { $0 }
        // The documents go once their pages are written (the search index has its own copies).
        documentsRendered = []
        outputs += await listOutputs
        outputs += await taxonomyOutputs
        outputs += await noticeOutputs
        site.diagnostics += Set(outputs.compactMap(\.1)).sorted()
        site.pageCount = outputs.count
        clock.finish("templates", "\(outputs.count) pages")

        var files = StaticFiles.collect(
            folders: [theme.appendingPathComponent("static"), root.appendingPathComponent(config.staticFolder)],
            assets: inventory.assets, contentFolder: contentFolder)
        files.append(OutputFile(path: OutputPath(components: ["robots.txt"])!, contents: Data(RobotsFile.make().utf8)))
        _ = await (exports, feeds)
        let searchParts = await search
        if site.nextCache != nil {
            // A language whose memo is the previous one keeps the segment it was read from.
            var memos: [String: SearchMemo] = [:]
            var kept: [BuildCache.EncodedSegment] = []
            for (language, part) in zip(config.languages.map(\.rawValue), searchParts.map(\.0)) {
                if part.isPrevious, let segment = previousEncodedSearch[language] { kept.append(segment) } else { memos[language] = part.memo }
            }
            let (reused, changed) = (kept, memos)
            site.encodedParts.append(Task { reused + BuildCache.encodeSearch(changed) })
        }
        files += searchParts.flatMap(\.0.files)
        let searchSeconds = searchParts.map { Double($0.1.components.attoseconds) / 1e18 + Double($0.1.components.seconds) }
        _ = plan.unit(keys.sitePage("sitemap")) {
            let documentKeys = Dictionary(uniqueKeysWithValues: index.pages.map { ($0.outputPath, $0.document.translationKey) })
            return [(siteRenderer.renderSitemap(pages: outputs.map(\.0), documentPaths: documentKeys), nil)]
        }
        // Pages were written first, so a page wins over a static file at the same path.
        site.fileCount = plan.writeByContents(files)
        let perLanguage = zip(config.languages, searchSeconds).map { "\($0.0) \(String(format: "%.2f", $0.1)) s" }
        if options.keepsDataUntilExit {
            ExitRelease.keep(index, graph, keys, outputs, siteRenderer, searchParts)
        }
        clock.finish("assets", "\(site.fileCount - outputs.count) static, feed, sitemap and search files (search index: \(perLanguage.joined(separator: ", ")))")
        return site
    }

    /// Every language's taxonomy and term pages, each language one unit of the plan.
    private static func taxonomyPages(languages: [LocaleCode], renderer: SiteRenderer, plan: RenderPlan,
                                      keys: RenderKeys) async -> [(OutputPath, Diagnostic?)] {
        var outputs: [(OutputPath, Diagnostic?)] = []
        for language in languages {
            outputs += await plan.streamingUnit(keys.sitePage("taxonomies/\(language.rawValue)")) { write in
                await renderer.renderTaxonomyPages(language: language, write: write)
            }
        }
        return outputs
    }

    /// The sink's session, or one that discards when errors already mean nothing will be published.
    private static func openSession(_ sink: any OutputSink, previous: OutputStamp?, files: [OutputPath], site: inout Site,
                                    strict: Bool) -> any OutputSession {
        guard !site.diagnostics.contains(where: { $0.promoted(strict: strict).severity == .error }) else {
            return DiscardingOutputSink()
        }
        do {
            let session = try sink.begin(updating: previous, previousFiles: files)
            site.session = session
            return session
        } catch {
            site.failure = "\(error)"
            return DiscardingOutputSink()
        }
    }

    /// Content folders missing from `sections:` still get list pages, with a warning to declare them.
    static func undeclaredSections(in documents: [LoadedDocument], config: SiteConfig,
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
