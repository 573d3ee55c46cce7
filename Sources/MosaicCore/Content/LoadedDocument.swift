/// Stage 2 output: a document's front matter read and checked, with its body still Markdown.
public struct LoadedDocument: Sendable, Hashable {
    public var source: SourceDocument
    public var id: PageID
    public var language: LocaleCode
    public var title: String
    public var summary: String?
    public var date: PartialDate?
    public var isDraft: Bool
    public var type: String?
    /// The last URL segment: front-matter `slug`, else the id.
    public var slug: Slug
    /// Documents sharing this key in different languages are translations of each other.
    public var translationKey: String
    /// Every front-matter field, for templates and the metadata panel.
    public var frontMatter: YAMLNode
    /// Lines before the YAML text in the file, to place front-matter diagnostics.
    public var frontMatterLineOffset: Int
    public var body: String
    /// 1-based file line of the body's first line, to place Markdown diagnostics.
    public var bodyStartLine: Int
}
