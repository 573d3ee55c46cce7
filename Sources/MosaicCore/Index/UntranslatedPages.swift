/// Where a reader switching language lands when a document has no version in that language.
///
/// Each such document gets a small page in the other language (its title and summary as they
/// exist, a notice, and a link to the original), so a French reader never lands on an English
/// page by surprise. The page sits where the translation would be, unless that URL is taken.
struct UntranslatedPages: Sendable {
    /// Page position → language → the notice page's path.
    let paths: [Int: [LocaleCode: OutputPath]]

    static func plan(index: PageIndex, languages: [LocaleCode], reserved: Set<OutputPath>) -> UntranslatedPages {
        var taken = reserved.union(index.pages.map(\.outputPath))
        var paths: [Int: [LocaleCode: OutputPath]] = [:]
        for page in index.pages {
            for language in languages where language != page.language && index.findTranslation(of: page, in: language) == nil {
                // Only one notice per document and language, from its default-language version.
                let versions = [page] + index.findTranslations(of: page)
                guard versions.min(by: { ($0.language == languages[0] ? 0 : 1, $0.language) < ($1.language == languages[0] ? 0 : 1, $1.language) })?.position == page.position else { continue }
                let folder = [language.rawValue] + (page.sectionID.map { [$0] } ?? [])
                var path = OutputPath.page(folder + [page.document.slug.rawValue])
                if taken.contains(path) { path = OutputPath.page(folder + [page.document.slug.rawValue + "-" + page.language.rawValue]) }
                guard !taken.contains(path) else { continue }
                taken.insert(path)
                paths[page.position, default: [:]][language] = path
            }
        }
        return UntranslatedPages(paths: paths)
    }

    /// The notice page for `page` in `language`, if one was planned.
    func path(for page: IndexedPage, in language: LocaleCode) -> OutputPath? {
        paths[page.position]?[language]
    }

    /// The notice page in `language` for any version of `page` (only one version gets it): where
    /// a page's language switcher points, and part of the page's render key.
    func path(forAnyVersionOf page: IndexedPage, in language: LocaleCode, index: PageIndex) -> OutputPath? {
        ([page] + index.findTranslations(of: page)).lazy.compactMap { path(for: $0, in: language) }.first
    }
}
