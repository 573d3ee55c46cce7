/// Where a reader switching language lands when a document has no version in that language.
///
/// Each such document gets a small page in the other language (its title and summary as they
/// exist, a notice, and a link to the original), so a French reader never lands on an English
/// page by surprise. The page sits where the translation would be, unless that URL is taken.
struct UntranslatedPages: Sendable {
    /// Page position → language → the notice page's path.
    let paths: [Int: [LocaleCode: OutputPath]]

    /// By positions and the index's flat arrays: asking the index for each page's translations
    /// copied every version of every page, twice per language.
    static func plan(index: PageIndex, languages: [LocaleCode], reserved: Set<OutputPath>) -> UntranslatedPages {
        var taken = reserved.union(index.pages.map(\.outputPath))
        var paths: [Int: [LocaleCode: OutputPath]] = [:]
        /// The default language first, then the others in order: the version that gets the notices.
        func precedence(_ position: Int) -> (Int, LocaleCode) {
            (index.languages[position] == languages.first ? 0 : 1, index.languages[position])
        }
        for position in index.pages.indices {
            let versions = index.versionPositions(of: position)
            for language in languages where !versions.contains(where: { index.languages[$0] == language }) {
                // Only one notice per document and language, from its default-language version.
                guard versions.min(by: { precedence($0) < precedence($1) }) == position else { continue }
                let page = index.pages[position]
                let folder = [language.rawValue] + (page.sectionID.map { [$0] } ?? [])
                var path = OutputPath.page(folder + [page.document.slug.rawValue])
                if taken.contains(path) { path = OutputPath.page(folder + [page.document.slug.rawValue + "-" + page.language.rawValue]) }
                guard !taken.contains(path) else { continue }
                taken.insert(path)
                paths[position, default: [:]][language] = path
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
        index.versionPositions(of: page.position).lazy.compactMap { paths[$0]?[language] }.first
    }
}
