import Foundation
import MosaicTemplates

/// Atom feeds per language (whole hub, each section, each LIP, each taxonomy term) and the sitemap.
extension SiteRenderer {
    static let feedName = "feed.xml"
    static let feedLimit = 50

    /// The feed describing a page, linked from its `<head>`.
    func feedLinks(for page: IndexedPage, context: PageContext) -> MustacheValue {
        guard let type = config.graph.directoryType, page.document.type == type else { return [] }
        return [["title": .string(page.document.title), "url": .string(context.url(to: feedPath(folder: page.outputPath)))]]
    }

    func feedPath(folder page: OutputPath) -> OutputPath {
        OutputPath(components: Array(page.components.dropLast()) + [SiteRenderer.feedName]) ?? page
    }

    func feedLink(_ segments: [String], title: String, context: PageContext) -> MustacheValue {
        [["title": .string(title), "url": .string(context.url(to: feedPath(folder: OutputPath.page(segments))))]]
    }

    /// Every feed of every language.
    func renderFeeds() -> [OutputFile] {
        var files: [OutputFile] = []
        for language in config.languages {
            let code = language.rawValue
            let siteTitle = config.title.text(for: language, fallback: config.defaultLanguage)
            files.append(feed(for: Array(index.pages.indices), at: [code], title: siteTitle, language: language))
            for section in config.sections {
                let members = index.pages.indices.filter { index.pages[$0].sectionID == section.id.rawValue }
                let title = "\(section.title.text(for: language, fallback: config.defaultLanguage)) · \(siteTitle)"
                files.append(feed(for: Array(members), at: [code, section.id.rawValue], title: title, language: language))
            }
            for taxonomy in config.taxonomies {
                for term in taxonomy.terms {
                    let members = graph.termMembers[taxonomy.id.rawValue]?[term.id.rawValue] ?? []
                    let title = "\(term.label.text(for: language, fallback: config.defaultLanguage)) · \(siteTitle)"
                    files.append(feed(for: members, at: [code, taxonomy.id.rawValue, term.id.rawValue], title: title, language: language))
                }
            }
            if let type = config.graph.directoryType {
                for page in index.pages where page.language == language && page.document.type == type {
                    let segments = Array(page.outputPath.components.dropLast())
                    files.append(feed(for: graph.backlinks[page.position], at: segments,
                                      title: "\(page.document.title) · \(siteTitle)", language: language))
                }
            }
        }
        return files
    }

    private func feed(for positions: [Int], at segments: [String], title: String, language: LocaleCode) -> OutputFile {
        let pagePath = OutputPath.page(segments)
        let path = feedPath(folder: pagePath)
        let context = context(language, path)
        let entries = chosenPositions(positions, language: language).lazy.map { [self] in index.pages[$0] }
            .filter { $0.document.date != nil }.prefix(SiteRenderer.feedLimit).map { [self] page in
                AtomFeed.Entry(id: identifier(of: page.outputPath, context: context), title: page.document.title,
                               url: context.url(to: page.outputPath), updated: page.document.date ?? PartialDate(year: 2000)!,
                               summary: page.document.summary, language: page.language)
            }
        let feed = AtomFeed(id: identifier(of: path, context: context), title: title, language: language,
                            selfURL: SiteRenderer.feedName, pageURL: context.url(to: pagePath),
                            author: config.title.text(for: language, fallback: config.defaultLanguage), entries: Array(entries))
        return OutputFile(path: path, contents: Data(feed.xml.utf8))
    }

    /// A stable Atom id: the absolute URL with `base_url`, else a URN from the output path.
    private func identifier(of path: OutputPath, context: PageContext) -> String {
        config.baseURL != nil ? context.absoluteURL(path) : "urn:x-mosaic:" + path.components.map(URLEscaping.escapePathComponent).joined(separator: ":")
    }

    /// The sitemap over all written HTML pages except notices and 404.
    func renderSitemap(pages: [OutputPath], documentPaths: [OutputPath: String]) -> OutputFile {
        let root = OutputPath(components: ["sitemap.xml"])!
        let context = context(config.defaultLanguage, root)
        let noticePaths = Set(untranslated.paths.values.flatMap(\.values))
        let entries = pages.compactMap { path -> Sitemap.Page? in
            guard path.fileName == "index.html", !noticePaths.contains(path), let slash = path.rawValue.firstIndex(of: "/"),
                  let language = LocaleCode(String(path.rawValue[..<slash])), config.languages.contains(language) else { return nil }
            let group = documentPaths[path].map { "doc:" + $0 } ?? "page:" + path.rawValue[path.rawValue.index(after: slash)...]
            let location = config.baseURL != nil ? context.absoluteURL(path) : context.url(to: path)
            return Sitemap.Page(location: location, group: group, language: language)
        }
        return OutputFile(path: root, contents: Data(Sitemap(pages: entries).xml.utf8))
    }
}
