/// Stage 2 output: a document's front matter read and checked, with its body still Markdown.
///
/// Everything but the body sits in one shared, immutable box. A document is copied into the
/// arrays of every later stage (loaded sources, the index, rendered documents, cache memos), and
/// copying thirteen fields was thirteen reference-count updates each time: a profiled one-edit
/// build spent 6.5% of its samples copying and destroying documents. Now a copy is two.
public struct LoadedDocument: Sendable, Hashable {
    /// The fields read from the front matter and the file's place, never changed after loading.
    private struct Fields: Sendable, Hashable {
        var source: SourceDocument
        var id: PageID
        var language: LocaleCode
        var title: String
        var summary: String?
        var date: PartialDate?
        var isDraft: Bool
        var type: String?
        var slug: Slug
        var translationKey: String
        var frontMatter: YAMLNode
        var frontMatterLineOffset: Int
        var bodyStartLine: Int
    }

    /// A reference to `Fields`, so that copying a document does not copy them.
    private final class Box: Sendable {
        let fields: Fields
        /// Digest of the fields as the build cache writes them (`write(to:)`).
        let digest: UInt64

        init(_ fields: Fields, digest: UInt64) {
            self.fields = fields
            self.digest = digest
        }
    }

    private let box: Box
    /// The Markdown after the front matter; emptied once rendered (`PageIndex.droppingBodies`).
    public var body: String

    public init(source: SourceDocument, id: PageID, language: LocaleCode, title: String, summary: String?,
                date: PartialDate?, isDraft: Bool, type: String?, slug: Slug, translationKey: String,
                frontMatter: YAMLNode, frontMatterLineOffset: Int, body: String, bodyStartLine: Int) {
        self.init(source: source, id: id, language: language, title: title, summary: summary, date: date, isDraft: isDraft,
                  type: type, slug: slug, translationKey: translationKey, frontMatter: frontMatter,
                  frontMatterLineOffset: frontMatterLineOffset, body: body, bodyStartLine: bodyStartLine, frontDigest: nil)
    }

    /// `frontDigest`, when known, is the digest of the bytes the document was read from in the
    /// build cache, which are what `write(to:)` writes; otherwise the fields are written to make it.
    init(source: SourceDocument, id: PageID, language: LocaleCode, title: String, summary: String?,
         date: PartialDate?, isDraft: Bool, type: String?, slug: Slug, translationKey: String,
         frontMatter: YAMLNode, frontMatterLineOffset: Int, body: String, bodyStartLine: Int, frontDigest: UInt64?) {
        let fields = Fields(source: source, id: id, language: language, title: title, summary: summary, date: date,
                            isDraft: isDraft, type: type, slug: slug, translationKey: translationKey, frontMatter: frontMatter,
                            frontMatterLineOffset: frontMatterLineOffset, bodyStartLine: bodyStartLine)
        self.body = body
        if let frontDigest {
            box = Box(fields, digest: frontDigest)
        } else {
            var writer = BinaryWriter(capacity: 512)
            LoadedDocument(box: Box(fields, digest: 0), body: "").write(to: &writer)
            box = Box(fields, digest: writer.digest)
        }
    }

    private init(box: Box, body: String) {
        self.box = box
        self.body = body
    }

    /// Digest of everything but the body: the same for the same front matter and file, whether
    /// loaded now or taken from the build cache, where it costs nothing to take.
    var frontDigest: UInt64 { box.digest }

    public var source: SourceDocument { box.fields.source }
    public var id: PageID { box.fields.id }
    public var language: LocaleCode { box.fields.language }
    public var title: String { box.fields.title }
    public var summary: String? { box.fields.summary }
    public var date: PartialDate? { box.fields.date }
    public var isDraft: Bool { box.fields.isDraft }
    public var type: String? { box.fields.type }
    /// The last URL segment: front-matter `slug`, else the id.
    public var slug: Slug { box.fields.slug }
    /// Documents sharing this key in different languages are translations of each other.
    public var translationKey: String { box.fields.translationKey }
    /// Every front-matter field, for templates and the metadata panel.
    public var frontMatter: YAMLNode { box.fields.frontMatter }
    /// Lines before the YAML text in the file, to place front-matter diagnostics.
    public var frontMatterLineOffset: Int { box.fields.frontMatterLineOffset }
    /// 1-based file line of the body's first line, to place Markdown diagnostics.
    public var bodyStartLine: Int { box.fields.bodyStartLine }

    public static func == (lhs: LoadedDocument, rhs: LoadedDocument) -> Bool {
        (lhs.box === rhs.box || lhs.box.fields == rhs.box.fields) && lhs.body == rhs.body
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(box.fields)
        hasher.combine(body)
    }
}
