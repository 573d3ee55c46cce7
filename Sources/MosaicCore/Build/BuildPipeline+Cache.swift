import Foundation
import MosaicMarkdown

/// The load and Markdown stages, reusing what the build cache holds for unchanged files.
extension BuildPipeline {
    /// One source file after the load stage.
    struct LoadedSource: Sendable {
        var document: LoadedDocument?
        var diagnostics: [Diagnostic]
        var fileDigest: UInt64
        /// The file's status when it was read, kept for the next build.
        var signature: FileSignature?
        /// The document came from the cache, so its body must be read again before rendering.
        var bodyMissing: Bool
        var markdown: BuildCache.MarkdownMemo?
        /// The file was not read: its status proved it unchanged.
        var knownByStatus = false
    }

    /// Digest of what every page depends on: configuration, templates and interface strings
    /// (theme and site), build options, and the executable itself, so a new Mosaic never reuses
    /// an older one's results.
    static func settingsDigest(configData: Data, folders: [URL], options: BuildOptions) -> UInt64 {
        var digest = Digest()
        digest.add(configData)
        for folder in folders {
            digest.add(folder.path)
            for relative in FileListing.files(in: folder) {
                digest.add(relative)
                digest.add(FileManager.default.contents(atPath: folder.appendingPathComponent(relative).path) ?? Data())
            }
        }
        digest.add(options.includeDrafts)
        var info = stat()
        if stat("/proc/self/exe", &info) == 0 || stat(CommandLine.arguments.first ?? "", &info) == 0 {
            digest.add(UInt64(info.st_size))
            digest.add(Int(info.st_mtim.tv_sec))
            digest.add(Int(info.st_mtim.tv_nsec))
        }
        return digest.value
    }

    /// Reads every file the cache cannot vouch for; one whose bytes the cache has seen keeps its
    /// cached front matter. A file whose status is the one recorded when it was last read, and
    /// settled (see `FileSignature`), is not read at all. `signs` takes each read file's status
    /// for the next build (a build without a cache folder has no next build).
    static func loadDocuments(_ sources: [SourceDocument], contentFolder: URL, cache: BuildCache,
                              signs: Bool) async -> [LoadedSource] {
        let folder = contentFolder.path + "/"
        return await sources.concurrentMap { source -> LoadedSource in
            let path = folder + source.path.rawValue
            let memo = cache.document(at: source.path.rawValue).flatMap { memo in
                memo.loaded.map({ $0.source == source }) ?? true ? memo : nil
            }
            // Taken before reading: a change made while the file is read then shows at the next build.
            let signature = signs ? FileSignature.of(path: path) : nil
            if let memo, let signature, memo.signature == signature, signature.isSettled(before: cache.sourcesRead) {
                return LoadedSource(document: memo.loaded, diagnostics: memo.diagnostics, fileDigest: memo.fileDigest,
                                    signature: signature, bodyMissing: true, markdown: memo.markdown, knownByStatus: true)
            }
            guard let data = FileManager.default.contents(atPath: path) else {
                return LoadedSource(document: nil, diagnostics: [.error(at: SourceLocation(path: source.displayPath),
                                                                        code: "content.unreadable", "cannot read file")],
                                    fileDigest: 0, bodyMissing: false)
            }
            let fileDigest = Digest.of(data).value
            if let memo, memo.fileDigest == fileDigest {
                return LoadedSource(document: memo.loaded, diagnostics: memo.diagnostics, fileDigest: fileDigest,
                                    signature: signature, bodyMissing: true, markdown: memo.markdown)
            }
            let (document, diagnostics) = DocumentLoader.loadDocument(source, data: data)
            return LoadedSource(document: document, diagnostics: diagnostics, fileDigest: fileDigest, signature: signature,
                                bodyMissing: false)
        }
    }

    /// Digest of everything link resolution reads about the site, so a cached body stays valid
    /// exactly while every link in it would resolve the same way.
    static func linkEnvironment(index: PageIndex, assets: [AssetFile], options: MarkdownOptions) -> UInt64 {
        var digest = Digest()
        digest.add(options.allowsRawHTML)
        for anchor in options.reservedAnchors.sorted() { digest.add(anchor) }
        for page in index.pages {
            digest.add(page.document.source.path.rawValue)
            digest.add(page.id.rawValue)
            digest.add(page.language.rawValue)
            digest.add(page.document.title)
            digest.add(page.document.translationKey)
            digest.add(page.document.bodyStartLine)
            digest.add(page.outputPath.rawValue)
        }
        for asset in assets { digest.add(asset.path.rawValue) }
        return digest.value
    }

    /// Renders each page's Markdown, or takes it from the cache when the file and the link
    /// environment are the same as when it was cached.
    /// (`sourcePositions` gives each page's place in `loaded`.)
    static func renderMarkdown(pages: [IndexedPage], loaded: [LoadedSource], sourcePositions: [Int?], environment: UInt64,
                               renderer: MarkdownRenderer, resolver: LinkResolver, contentFolder: URL,
                               spill: BodySpill?) async -> [(RenderedDocument, [Diagnostic])] {
        await pages.concurrentMap { page in
            let source = sourcePositions[page.position].map { loaded[$0] }
            if let memo = source?.markdown, memo.environment == environment {
                let rendered = RenderedDocument(page: page, headings: memo.headings, wordCount: memo.wordCount,
                                                outgoing: memo.outgoing, htmlDigest: memo.htmlDigest, textDigest: memo.textDigest)
                return (rendered, memo.diagnostics)
            }
            let page = source?.bodyMissing == true ? page.withBody(readBody(of: page.document.source, contentFolder: contentFolder)) : page
            let (rendered, diagnostics) = RenderedDocument.renderMarkdown(page, renderer: renderer, resolver: resolver)
            return (rendered.spilling(into: spill), diagnostics)
        }
    }

    /// The body of a document whose front matter came from the cache: the file is split again,
    /// its YAML is not read again.
    static func readBody(of source: SourceDocument, contentFolder: URL) -> String {
        let data = FileManager.default.contents(atPath: contentFolder.path + "/" + source.path.rawValue) ?? Data()
        guard case .success(let text) = TextDecoding.decode(data, path: source.displayPath, code: "content.encoding"),
              case .success(let parts) = FrontMatter.split(text) else { return "" }
        return parts.body
    }

    /// Gives a document its HTML and text back: from the spill file, or, for a cached document (or
    /// a spill that cannot be read), by rendering its Markdown again with the same links, so the
    /// result equals what was cached.
    static func withBody(_ document: RenderedDocument, spill: BodySpill?, renderer: MarkdownRenderer, resolver: LinkResolver,
                         contentFolder: URL) -> RenderedDocument {
        guard !document.hasBody else { return document }
        if let full = document.restored(from: spill) { return full }
        let page = document.page.withBody(readBody(of: document.page.document.source, contentFolder: contentFolder))
        var full = RenderedDocument.renderMarkdown(page, renderer: renderer, resolver: resolver).0
        full.page = document.page
        return full
    }

    /// A document's text alone, as `withBody` would give it back.
    static func plainText(of document: RenderedDocument, spill: BodySpill?, renderer: MarkdownRenderer,
                          resolver: LinkResolver, contentFolder: URL) -> String {
        if document.hasBody { return document.plainText }
        if let location = document.spilled, let text = spill?.readText(location) { return text }
        return withBody(document, spill: spill, renderer: renderer, resolver: resolver, contentFolder: contentFolder).plainText
    }

    /// Each document's memo for the next build, in path order, marked unchanged when it is the
    /// memo this build read: the file known by its status, and its Markdown result taken from
    /// the cache (or, for a document not rendered, none before and none now).
    static func documentMemos(sources: [SourceDocument], loaded: [LoadedSource], rendered: [(RenderedDocument, [Diagnostic])],
                              environment: UInt64) -> [BuildCache.DocumentEntry] {
        // One entry per source, in the same order (discovery lists each file once).
        var entries = zip(sources, loaded).map { source, result in
            // Without the body: the cache does not store it, and the memo lives to the end of the build.
            let document = result.document.map { document in
                var light = document
                light.body = ""
                return light
            }
            return BuildCache.DocumentEntry(
                path: source.path.rawValue,
                memo: BuildCache.DocumentMemo(fileDigest: result.fileDigest, signature: result.signature, loaded: document,
                                              diagnostics: result.diagnostics, markdown: nil),
                unchanged: result.knownByStatus && result.markdown == nil)
        }
        let positions = Dictionary(entries.indices.map { (entries[$0].path, $0) }, uniquingKeysWith: { first, _ in first })
        for (document, diagnostics) in rendered {
            guard let position = positions[document.page.document.source.path.rawValue] else { continue }
            entries[position].memo.markdown = BuildCache.MarkdownMemo(
                environment: environment, htmlDigest: document.htmlDigest, headings: document.headings,
                textDigest: document.textDigest, wordCount: document.wordCount, outgoing: document.outgoing, diagnostics: diagnostics)
            entries[position].unchanged = loaded[position].knownByStatus && loaded[position].markdown?.environment == environment
        }
        return entries
    }
}
