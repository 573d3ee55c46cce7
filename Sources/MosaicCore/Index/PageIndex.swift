/// Stage 2b: every page's permalink and identity, built once before any Markdown is rendered.
///
/// Links, translations and listings all answer from these maps instead of scanning pages.
public struct PageIndex: Sendable {
    /// Pages sorted by content path.
    public private(set) var pages: [IndexedPage]
    private let positionByContentPath: [ContentPath: Int]
    private let positionsByTranslationKey: [String: [LocaleCode: Int]]
    private let positionsByID: [PageID: [LocaleCode: Int]]
    /// Slugs of titles, short titles, names and acronyms → translation keys, for `[[Name]]` links.
    private let translationKeysByName: [String: Set<String>]

    /// The page generated from the file at `path`.
    public func findPage(at path: ContentPath) -> IndexedPage? {
        positionByContentPath[path].map { pages[$0] }
    }

    /// The page with `id`, in `language` when that version exists, else in any language.
    public func findPage(id: PageID, preferring language: LocaleCode) -> IndexedPage? {
        guard let versions = positionsByID[id] else { return nil }
        if let position = versions[language] { return pages[position] }
        return versions.sorted { $0.key < $1.key }.first.map { pages[$0.value] }
    }

    /// Documents whose title, short title, name or acronym slugs to the same text as `name`,
    /// one per translation, in `language` where possible.
    public func findPages(named name: String, preferring language: LocaleCode) -> [IndexedPage] {
        guard let slug = Slug(making: name), let keys = translationKeysByName[slug.rawValue] else { return [] }
        return keys.sorted().compactMap { key in
            guard let versions = positionsByTranslationKey[key] else { return nil }
            let position = versions[language] ?? versions.sorted { $0.key < $1.key }.first?.value
            return position.map { pages[$0] }
        }
    }

    /// Every id in the index, sorted, for "did you mean" hints.
    public let allIDs: [String]
    /// Each page's translation key as a number (pages with the same key share it), so lists that
    /// keep one version per document compare integers instead of hashing keys.
    public let translationGroup: [Int]
    /// Each page's place in the one list order (newest first), computed once so every list
    /// sorts by comparing integers.
    public let listRank: [Int]

    /// The same index without the documents' Markdown, which only the Markdown stage reads; on a
    /// large hub the bodies are as large as the sources.
    func droppingBodies() -> PageIndex {
        var copy = self
        copy.pages = pages.map { $0.withBody("") }
        return copy
    }

    /// `positions` in list order (newest first).
    public func sortedForLists(_ positions: [Int]) -> [Int] {
        positions.sorted { listRank[$0] < listRank[$1] }
    }

    /// The same document in `language`, following translation keys.
    public func findTranslation(of page: IndexedPage, in language: LocaleCode) -> IndexedPage? {
        positionsByTranslationKey[page.document.translationKey]?[language].map { pages[$0] }
    }

    /// All versions of `page` in other languages, sorted by language.
    public func findTranslations(of page: IndexedPage) -> [IndexedPage] {
        (positionsByTranslationKey[page.document.translationKey] ?? [:])
            .filter { $0.key != page.language }
            .sorted { $0.key < $1.key }
            .map { pages[$0.value] }
    }
}

extension PageIndex {
    /// Assigns output paths and reports duplicate ids, duplicate translations and URL collisions.
    ///
    /// `reservedPaths` are generated pages (home, section lists) that documents must not overwrite.
    public static func makePageIndex(
        from documents: [LoadedDocument], reservedPaths: [OutputPath: String]
    ) async -> (PageIndex, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var kept: [IndexedPage] = []
        var keptNames: [[String]] = []
        var byID: [PageID: [LocaleCode: Int]] = [:]
        var byKey: [String: [LocaleCode: Int]] = [:]
        var byOutput: [OutputPath: String] = reservedPaths
        var translationGroups = Numbering<String>()
        var groups: [Int] = []

        // Discovery already sorts by path; sorting again moved every document for nothing.
        let inOrder = documents.indices.dropFirst().allSatisfy { documents[$0 - 1].source.path < documents[$0].source.path }
        let ordered = inOrder ? documents : documents.sorted(by: { $0.source.path < $1.source.path })
        // What each document gives on its own, across the cores: the index itself is one pass.
        let derived = await ordered.concurrentMap { document in (output: pageURL(of: document), names: nameSlugs(of: document)) }
        for (document, own) in zip(ordered, derived) {
            let path = document.source.displayPath
            if let other = byID[document.id]?[document.language] {
                diagnostics.append(.error(
                    at: location(ofField: "id", in: document), code: "index.duplicate-id",
                    "id '\(document.id)' is already used by \(kept[other].document.source.displayPath)",
                    hint: "give one of them another `id:`; ids must be unique within a language"))
                continue
            }
            if let other = byKey[document.translationKey]?[document.language] {
                diagnostics.append(.error(
                    at: location(ofField: "translation_key", in: document), code: "index.duplicate-translation",
                    "translation_key '\(document.translationKey)' is already used in '\(document.language)' by \(kept[other].document.source.displayPath)",
                    hint: "each language may hold one version of a document"))
                continue
            }
            if let owner = byOutput[own.output] {
                diagnostics.append(.error(
                    at: location(ofField: "slug", in: document), code: "index.url-collision",
                    "the page URL \(own.output) is already taken by \(owner)",
                    hint: "set a different `slug:` in one of the two documents"))
                continue
            }
            byOutput[own.output] = path
            byID[document.id, default: [:]][document.language] = kept.count
            byKey[document.translationKey, default: [:]][document.language] = kept.count
            kept.append(IndexedPage(document: document, outputPath: own.output, sectionID: document.source.sectionID,
                                    position: kept.count))
            keptNames.append(own.names)
            groups.append(translationGroups.number(of: document.translationKey))
        }
        let pages = kept
        async let listRank = rank(of: pages)
        var byContentPath: [ContentPath: Int] = [:]
        byContentPath.reserveCapacity(pages.count)
        var byName: [String: Set<String>] = [:]
        for (position, page) in pages.enumerated() {
            byContentPath[page.document.source.path] = position
            for slug in keptNames[position] { byName[slug, default: []].insert(page.document.translationKey) }
        }
        let index = PageIndex(pages: pages, positionByContentPath: byContentPath,
                              positionsByTranslationKey: byKey, positionsByID: byID, translationKeysByName: byName,
                              allIDs: byID.keys.map(\.rawValue).sorted(), translationGroup: groups, listRank: await listRank)
        return (index, diagnostics)
    }

    /// The page's URL: language, section folder, then its slug.
    private static func pageURL(of document: LoadedDocument) -> OutputPath {
        OutputPath.page([document.language.rawValue] + (document.source.sectionID.map { [$0] } ?? []) + [document.slug.rawValue])
    }

    /// The slugs of the names a `[[Name]]` link may use for the document: title, short title, name, acronym.
    private static func nameSlugs(of document: LoadedDocument) -> [String] {
        let matter = document.frontMatter
        let names = [document.title] + ["short_title", "name", "acronym"].compactMap { matter[$0]?.scalar }
        return names.compactMap { Slug(making: $0)?.rawValue }
    }

    private static func rank(of pages: [IndexedPage]) -> [Int] {
        var rank = [Int](repeating: 0, count: pages.count)
        for (place, position) in pages.indices.sorted(by: { SiteOrdering.newestFirst(pages[$0], pages[$1]) }).enumerated() {
            rank[position] = place
        }
        return rank
    }

    /// Where a front-matter field was written, or the file's first line when it was not.
    static func location(ofField field: String, in document: LoadedDocument) -> SourceLocation {
        let path = document.source.displayPath
        guard let node = document.frontMatter[field] else { return SourceLocation(path: path) }
        return SourceLocation(path: path, line: node.line + document.frontMatterLineOffset, column: node.column)
    }
}
