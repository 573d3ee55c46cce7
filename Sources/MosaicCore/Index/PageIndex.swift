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
    /// Each page's language, side by side with `translationGroup`: lists that keep one version
    /// per document read it for every member, and reaching it through each page was a cache miss.
    public let languages: [LocaleCode]
    /// By translation group, the position of each language's version, sorted by language: every
    /// page and list entry asks for its translations, and sorting them on each call was a share of
    /// rendering.
    private let versionsByGroup: [[Int]]
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
        // The ranks, not `self`, in the closure: capturing the index copied all of its arrays.
        let rank = listRank
        return positions.sorted { rank[$0] < rank[$1] }
    }

    /// The same document in `language`, following translation keys.
    public func findTranslation(of page: IndexedPage, in language: LocaleCode) -> IndexedPage? {
        positionsByTranslationKey[page.document.translationKey]?[language].map { pages[$0] }
    }

    /// The positions of every version of the page at `position`, itself included, sorted by language.
    public func versionPositions(of position: Int) -> [Int] {
        versionsByGroup[translationGroup[position]]
    }

    /// All versions of `page` in other languages, sorted by language.
    public func findTranslations(of page: IndexedPage) -> [IndexedPage] {
        versionPositions(of: page.position).filter { languages[$0] != page.language }.map { pages[$0] }
    }
}

extension PageIndex {
    /// Assigns output paths and reports duplicate ids, duplicate translations and URL collisions.
    ///
    /// `reservedPaths` are generated pages (home, section lists) that documents must not overwrite.
    public static func makePageIndex(
        from documents: [LoadedDocument], reservedPaths: [OutputPath: String]
    ) async -> (PageIndex, [Diagnostic]) {
        // Discovery already sorts by path; sorting again moved every document for nothing.
        let inOrder = documents.indices.dropFirst().allSatisfy { documents[$0 - 1].source.path < documents[$0].source.path }
        let ordered = inOrder ? documents : documents.sorted(by: { $0.source.path < $1.source.path })
        // What each document gives on its own, across the cores: the index itself is one pass.
        let derived = await ordered.concurrentMap { document in (output: pageURL(of: document), names: nameSlugs(of: document)) }
        // Without duplicates (every build that succeeds) each map is made on its own, side by side;
        // otherwise one pass in order decides which document keeps an id, a translation or a URL.
        async let uniqueIDs = positionsIfUnique(ordered.map { ($0.id, $0.language) })
        async let uniqueKeys = positionsIfUnique(ordered.map { ($0.translationKey, $0.language) })
        async let outputsFree = areFree(derived.map(\.output), reserved: reservedPaths)
        let assigned: Assignment
        if let byID = await uniqueIDs, let byKey = await uniqueKeys, await outputsFree {
            let pages = ordered.indices.map { position in
                IndexedPage(document: ordered[position], outputPath: derived[position].output,
                            sectionID: ordered[position].source.sectionID, position: position)
            }
            assigned = Assignment(pages: pages, names: derived.map(\.names), byID: byID, byKey: byKey)
        } else {
            assigned = assignInOrder(ordered, derived: derived, reservedPaths: reservedPaths)
        }
        let pages = assigned.pages
        async let listRank = rank(of: pages)
        async let byName = namesIndex(pages, names: assigned.names)
        async let allIDs = assigned.byID.keys.map(\.rawValue).sorted()
        var byContentPath: [ContentPath: Int] = [:]
        byContentPath.reserveCapacity(pages.count)
        var translationGroups = Numbering<String>()
        var groups: [Int] = []
        groups.reserveCapacity(pages.count)
        for (position, page) in pages.enumerated() {
            byContentPath[page.document.source.path] = position
            groups.append(translationGroups.number(of: page.document.translationKey))
        }
        let languages = pages.map(\.language)
        var versionsByGroup = [[Int]](repeating: [], count: translationGroups.count)
        for (position, group) in groups.enumerated() { versionsByGroup[group].append(position) }
        // A group holds one page per language: the assignment left out every later claim.
        for group in versionsByGroup.indices where versionsByGroup[group].count > 1 {
            versionsByGroup[group].sort { languages[$0] < languages[$1] }
        }
        let index = PageIndex(pages: pages, positionByContentPath: byContentPath,
                              positionsByTranslationKey: assigned.byKey, positionsByID: assigned.byID,
                              translationKeysByName: await byName, allIDs: await allIDs, translationGroup: groups,
                              languages: languages, versionsByGroup: versionsByGroup,
                              listRank: await listRank)
        return (index, assigned.diagnostics)
    }

    /// The pages that keep their place, with what the maps need of them.
    private struct Assignment {
        var pages: [IndexedPage]
        var names: [[String]]
        var byID: [PageID: [LocaleCode: Int]]
        var byKey: [String: [LocaleCode: Int]]
        var diagnostics: [Diagnostic] = []
    }

    /// Each key's position per language, or `nil` when a key occurs twice in one language.
    private static func positionsIfUnique<Key: Hashable>(_ keys: [(Key, LocaleCode)]) -> [Key: [LocaleCode: Int]]? {
        var positions: [Key: [LocaleCode: Int]] = [:]
        positions.reserveCapacity(keys.count)
        for (position, (key, language)) in keys.enumerated() {
            guard positions[key]?[language] == nil else { return nil }
            positions[key, default: [:]][language] = position
        }
        return positions
    }

    /// Whether no two outputs, and no output and a reserved path, are the same.
    private static func areFree(_ outputs: [OutputPath], reserved: [OutputPath: String]) -> Bool {
        var taken = Set(reserved.keys)
        taken.reserveCapacity(reserved.count + outputs.count)
        return outputs.allSatisfy { taken.insert($0).inserted }
    }

    /// Slugs of each page's names → the translation keys going by them.
    private static func namesIndex(_ pages: [IndexedPage], names: [[String]]) -> [String: Set<String>] {
        var byName: [String: Set<String>] = [:]
        for (page, slugs) in zip(pages, names) {
            for slug in slugs { byName[slug, default: []].insert(page.document.translationKey) }
        }
        return byName
    }

    /// One pass in path order: the first document to claim an id, a translation key (in its
    /// language) or a URL keeps it; each later one is reported and left out.
    private static func assignInOrder(_ ordered: [LoadedDocument], derived: [(output: OutputPath, names: [String])],
                                      reservedPaths: [OutputPath: String]) -> Assignment {
        var assigned = Assignment(pages: [], names: [], byID: [:], byKey: [:])
        var byOutput: [OutputPath: String] = reservedPaths
        for (document, own) in zip(ordered, derived) {
            let path = document.source.displayPath
            if let other = assigned.byID[document.id]?[document.language] {
                assigned.diagnostics.append(.error(
                    at: location(ofField: "id", in: document), code: "index.duplicate-id",
                    "id '\(document.id)' is already used by \(assigned.pages[other].document.source.displayPath)",
                    hint: "give one of them another `id:`; ids must be unique within a language"))
                continue
            }
            if let other = assigned.byKey[document.translationKey]?[document.language] {
                assigned.diagnostics.append(.error(
                    at: location(ofField: "translation_key", in: document), code: "index.duplicate-translation",
                    "translation_key '\(document.translationKey)' is already used in '\(document.language)' by \(assigned.pages[other].document.source.displayPath)",
                    hint: "each language may hold one version of a document"))
                continue
            }
            if let owner = byOutput[own.output] {
                assigned.diagnostics.append(.error(
                    at: location(ofField: "slug", in: document), code: "index.url-collision",
                    "the page URL \(own.output) is already taken by \(owner)",
                    hint: "set a different `slug:` in one of the two documents"))
                continue
            }
            byOutput[own.output] = path
            let position = assigned.pages.count
            assigned.byID[document.id, default: [:]][document.language] = position
            assigned.byKey[document.translationKey, default: [:]][document.language] = position
            assigned.pages.append(IndexedPage(document: document, outputPath: own.output, sectionID: document.source.sectionID,
                                              position: position))
            assigned.names.append(own.names)
        }
        return assigned
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
