/// The site's `mosaic.yml`: languages, sections, and where templates and static files live.
public struct SiteConfig: Sendable, Hashable {
    /// A content section: the first folder under `content/`, with its list page.
    public struct Section: Sendable, Hashable {
        public var id: Slug
        public var title: LocalizedText
        public var description: LocalizedText
        /// The language documents of this section are usually written in, for translation parity.
        public var primaryLanguage: LocaleCode?
    }

    public var title: LocalizedText
    public var description: LocalizedText
    /// Absolute base URL for canonical links and feeds, when the site knows where it is hosted.
    public var baseURL: String?
    /// All languages, the default first.
    public var languages: [LocaleCode]
    public var sections: [Section]
    /// Site-relative folder whose templates override the default theme's by file name.
    public var templatesFolder: String
    /// Site-relative folder copied to the output root, over the theme's static files.
    public var staticFolder: String
    /// Site-relative folder of interface strings (`en.yml`, `fr.yml`) overriding the theme's.
    public var i18nFolder: String
    /// Lets raw HTML through Markdown (still tag-filtered); off because content is untrusted.
    public var allowsRawHTML: Bool
    public var taxonomies: [Taxonomy]
    /// Content types by name; empty when the site declares none (then front matter is free-form).
    public var types: [String: ContentType]
    public var graph: GraphSettings
    /// Groups of words or phrases that mean the same in search (`LIP` ~ `PLI`), applied at query time.
    public var searchSynonyms: [[String]]

    public var defaultLanguage: LocaleCode { languages[0] }

    public func section(_ id: String) -> Section? {
        sections.first { $0.id.rawValue == id }
    }

    public func taxonomy(_ id: String) -> Taxonomy? {
        taxonomies.first { $0.id.rawValue == id }
    }

    /// The values an enum field accepts: its own list, or its taxonomy's term ids in order.
    public func allowedValues(of field: FieldSchema) -> [String] {
        switch field.values {
        case .none: []
        case .list(let values): values
        case .taxonomy(let id): taxonomy(id.rawValue)?.terms.map(\.id.rawValue) ?? []
        }
    }
}
