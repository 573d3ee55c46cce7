import Foundation

/// Digests of everything each output page is made from, so a page whose inputs did not change is
/// kept from the previous build instead of rendered again.
///
/// A document page depends on its own front matter and body and on what it lists from other pages
/// (translations, backlinks, related documents, replaced versions, referenced pages), each through
/// that page's `listed` digest. Pages that list from the whole site (home, sections' neighbours,
/// taxonomies, directories, reports) depend on `site`, which changes with any front matter, link
/// or translation-status change but not with an edit inside a body.
///
/// A class, though immutable: every page's closure captures it.
final class RenderKeys: Sendable {
    let settings: UInt64
    /// Front matter, output path and section of each page, by position.
    let meta: [UInt64]
    /// Rendered body, headings and word count of each page.
    let body: [UInt64]
    /// What a list entry for the page shows: `meta` plus the languages it exists in.
    let listed: [UInt64]
    /// Every page's `listed` digest and the links between pages.
    let site: UInt64
    /// What each page's search entry and excerpt are made from: its front matter, headings, text,
    /// and the pages it references (a LIP's names are searched with its documents).
    let search: [UInt64]
    private let graph: SiteGraph
    private let untranslated: UntranslatedPages
    private let languages: [LocaleCode]

    init(settings: UInt64, meta: [UInt64], graph: SiteGraph, rendered: [RenderedDocument], parity: TranslationParity,
         untranslated: UntranslatedPages, languages: [LocaleCode]) {
        self.settings = settings
        self.graph = graph
        self.untranslated = untranslated
        self.languages = languages
        let index = graph.index
        self.meta = meta
        var bodies = [UInt64](repeating: 0, count: index.pages.count)
        var search = bodies
        for document in rendered {
            let position = document.page.position
            var digest = Digest()
            digest.add(document.htmlDigest)
            for heading in document.headings {
                digest.add(heading.level)
                digest.add(heading.text)
                digest.add(heading.anchor)
            }
            digest.add(document.wordCount)
            bodies[position] = digest.value
            var entry = Digest()
            entry.add(settings)
            entry.add(meta[position])
            entry.add(bodies[position])
            entry.add(document.textDigest)
            for reference in graph.references[position] {
                entry.add(reference.field)
                entry.add(meta[reference.target.position])
            }
            search[position] = entry.value
        }
        body = bodies
        self.search = search
        let meta = meta
        listed = index.pages.map { page in
            var digest = Digest()
            digest.add(meta[page.position])
            for language in index.findTranslations(of: page).map(\.language.rawValue).sorted() { digest.add(language) }
            return digest.value
        }
        var site = Digest()
        site.add(settings)
        for position in index.pages.indices {
            site.add(listed[position])
            for group in [graph.backlinks[position], graph.related[position]] {
                site.add(group.count)
                for linked in group { site.add(listed[linked]) }
            }
            site.add(graph.references[position].count)
            for reference in graph.references[position] {
                site.add(reference.field)
                site.add(listed[reference.target.position])
            }
        }
        for language in parity.missing.keys.sorted() {
            site.add(language.rawValue)
            for position in parity.missing[language] ?? [] { site.add(listed[position]) }
            for stale in parity.stale[language] ?? [] {
                site.add(listed[stale.translation])
                site.add(listed[stale.original])
                site.add(stale.translationDate.description)
                site.add(stale.originalDate.description)
            }
        }
        self.site = site.value
    }

    /// Digest of each page's front matter, output path and section: what the site's structure
    /// (related documents, lists, taxonomies) is computed from. Each document brings the digest of
    /// its front matter (`LoadedDocument.frontDigest`, taken for free from the cache's bytes for an
    /// unchanged file), so this is a few words per page.
    static func metaDigests(_ index: PageIndex) -> [UInt64] {
        index.pages.map { page in
            var digest = Digest()
            digest.add(page.document.frontDigest)
            digest.add(page.outputPath.rawValue)
            digest.add(page.sectionID)
            return digest.value
        }
    }

    /// Digest of the whole list of `metaDigests`, which keys the cached related documents.
    static func structureDigest(_ meta: [UInt64]) -> UInt64 {
        var digest = Digest()
        for value in meta { digest.add(value) }
        return digest.value
    }

    private func start(_ unit: String) -> Digest {
        var digest = Digest()
        digest.add(settings)
        digest.add(unit)
        return digest
    }

    func documentPage(_ position: Int) -> UInt64 {
        let index = graph.index
        let page = index.pages[position]
        var digest = start("document")
        digest.add(meta[position])
        digest.add(body[position])
        for translation in index.findTranslations(of: page) {
            digest.add(listed[translation.position])
        }
        for language in languages where language != page.language {
            digest.add(untranslated.path(forAnyVersionOf: page, in: language, index: index)?.rawValue)
        }
        for group in [graph.backlinks[position], graph.related[position],
                      graph.supersedes[position].map { [$0] } ?? [], graph.supersededBy[position].map { [$0] } ?? []] {
            digest.add(group.count)
            for linked in group { digest.add(listed[linked]) }
        }
        for reference in graph.references[position] {
            digest.add(reference.field)
            digest.add(listed[reference.target.position])
        }
        return digest.value
    }

    /// The "not available in this language" page for `position`.
    func noticePage(_ position: Int, language: LocaleCode, path: OutputPath) -> UInt64 {
        let index = graph.index
        var digest = start("notice")
        digest.add(language.rawValue)
        digest.add(path.rawValue)
        digest.add(listed[position])
        for version in index.findTranslations(of: index.pages[position]) { digest.add(listed[version.position]) }
        return digest.value
    }

    /// A section's list page, which shows its members only.
    func sectionPage(_ section: String, language: LocaleCode, members: [Int]) -> UInt64 {
        var digest = start("section")
        digest.add(section)
        digest.add(language.rawValue)
        for member in members { digest.add(listed[member]) }
        return digest.value
    }

    /// Any other generated page, e.g. `home/en` or `taxonomies/fr`.
    func sitePage(_ unit: String) -> UInt64 {
        var digest = start(unit)
        digest.add(site)
        return digest.value
    }
}
