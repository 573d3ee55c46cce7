import Foundation
import MosaicMarkdown

extension BuildPipeline {
    /// What the document stages hand on: the index without Markdown and each page's rendered body.
    struct PreparedDocuments: Sendable {
        var index: PageIndex
        /// Each page's `RenderKeys.metaDigests` entry, by position.
        var meta: [UInt64]
        var rendered: [RenderedDocument]
        /// Where the rendered HTML and text wait for their pages; `nil` when they stay in memory.
        var spill: BodySpill?
    }

    /// Load, index and Markdown: the stages that hold the sources.
    ///
    /// A function of its own so that everything holding the Markdown (loaded documents, the
    /// source index, the resolver) goes out of scope when it returns, instead of living as long
    /// as the build: on a 100,000-document hub the sources are as large as the rendered pages.
    static func prepareDocuments(inventory: ContentInventory, contentFolder: URL, cache: BuildCache, options: BuildOptions,
                                 config: inout SiteConfig, templates: TemplateSet, strings: [LocaleCode: InterfaceStrings],
                                 site: inout Site, clock: inout StageClock) async -> PreparedDocuments {
        site.nextCache?.sourcesRead = FileSignature.now()
        let loaded = await loadDocuments(inventory.documents, contentFolder: contentFolder, cache: cache,
                                         signs: site.nextCache != nil)
        site.diagnostics += loaded.flatMap(\.diagnostics)
        let documents = loaded.compactMap(\.document).filter { options.includeDrafts || !$0.isDraft }
        clock.finish("load", "\(documents.count) documents kept, \(loaded.count { $0.bodyMissing }) unchanged of \(cache.documentCount) cached"
                     + " (\(loaded.count(where: \.knownByStatus)) known by their file status, not read)")

        config.sections += undeclaredSections(in: documents, config: config, diagnostics: &site.diagnostics)
        let (sourceIndex, indexProblems) = await PageIndex.makePageIndex(from: documents, reservedPaths: SiteRenderer.generatedPaths(config))
        site.diagnostics += indexProblems
        // Checks that only report: they run beside the Markdown stage (the report is sorted later).
        // Their report follows from the settings and the site's structure alone: with both the
        // same as the cache's, they are not run again.
        let meta = RenderKeys.metaDigests(sourceIndex)
        let structure = RenderKeys.structureDigest(meta)
        let checkedConfig = config
        let previousChecks = cache.checks.flatMap { $0.structure == structure ? $0.diagnostics : nil }
        async let checkProblems = previousChecks
            ?? (SchemaValidator.validate(sourceIndex, config: checkedConfig)
                + InterfaceStringCheck.check(templates: templates, strings: strings, config: checkedConfig, index: sourceIndex))
        clock.finish("index", "\(sourceIndex.pages.count) pages")

        MarkdownRenderer.prepare()
        let markdownOptions = MarkdownOptions(allowsRawHTML: config.allowsRawHTML, reservedAnchors: SiteRenderer.templateAnchors)
        let renderer = MarkdownRenderer(options: markdownOptions)
        let resolver = LinkResolver(index: sourceIndex, assets: Set(inventory.assets.map(\.path)))
        let environment = linkEnvironment(index: sourceIndex, assets: inventory.assets, options: markdownOptions)
        // Each page's place in `loaded` (and in discovery's list): positions, not copies of what was loaded.
        let loadedPositions = Dictionary(inventory.documents.indices.map { (inventory.documents[$0].path.rawValue, $0) },
                                         uniquingKeysWith: { first, _ in first })
        let sourcePositions = sourceIndex.pages.map { loadedPositions[$0.document.source.path.rawValue] }
        let reusedBodies = sourcePositions.count { $0.map { loaded[$0].markdown?.environment == environment } ?? false }
        // Beside the cache when there is one (the site's own disk), else the system's temporary folder.
        let spill = BodySpill(inFirstOf: [options.cacheFolder, FileManager.default.temporaryDirectory].compactMap { $0 },
                              memoryBudget: options.bodyMemoryBudget)
        let rendered = await renderMarkdown(pages: sourceIndex.pages, loaded: loaded, sourcePositions: sourcePositions, environment: environment,
                                            renderer: renderer, resolver: resolver, contentFolder: contentFolder, spill: spill)
        site.diagnostics += rendered.flatMap(\.1)
        let checks = await checkProblems
        site.diagnostics += checks
        site.nextCache?.checks = BuildCache.ChecksMemo(structure: structure, diagnostics: checks)
        if site.nextCache != nil {
            // Made and encoded beside the later stages: nothing in this build reads them.
            let sources = inventory.documents
            let previous = cache.documentPieces
            site.encodedParts.append(Task {
                BuildCache.encodeDocuments(documentMemos(sources: sources, loaded: loaded, rendered: rendered, environment: environment),
                                           previous: previous)
            })
        }
        let spilledBytes = spill?.spilledBytes ?? 0
        let spilled = spilledBytes > 0 ? String(format: ", %.1f MB of them waiting on disk", Double(spilledBytes) / 1e6) : ""
        clock.finish("markdown", "\(rendered.count) bodies, \(reusedBodies) from the cache\(spilled)")

        // Nothing reads the Markdown after this stage: later stages see pages without it.
        let index = sourceIndex.droppingBodies()
        let light = rendered.map { document in
            var light = document.0
            light.page = index.pages[light.page.position]
            return light
        }
        return PreparedDocuments(index: index, meta: meta, rendered: light, spill: spill)
    }
}
