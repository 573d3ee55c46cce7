/// Plain Swift results of one Markdown render, so no C pointer outlives the parse.

/// What the caller chooses for one render.
public struct MarkdownOptions: Sendable, Hashable {
    /// Lets raw HTML through (still filtered by GFM's tagfilter); off by default because content is untrusted.
    public var allowsRawHTML: Bool
    /// Ids the page template already uses (`main`, …); headings never take them.
    public var reservedAnchors: Set<String>

    public init(allowsRawHTML: Bool = false, reservedAnchors: Set<String> = []) {
        self.allowsRawHTML = allowsRawHTML
        self.reservedAnchors = reservedAnchors
    }
}

/// A heading with the anchor id the renderer gave it, for tables of contents and `#anchor` links.
public struct MarkdownHeading: Sendable, Hashable {
    public var level: Int
    public var text: String
    public var anchor: String
    /// 1-based line within the Markdown source handed to the renderer.
    public var line: Int

    public init(level: Int, text: String, anchor: String, line: Int) {
        self.level = level
        self.text = text
        self.anchor = anchor
        self.line = line
    }
}

/// A link or image destination found in the source, handed to the caller so it can rewrite it.
public struct MarkdownLink: Sendable, Hashable {
    public var destination: String
    public var isImage: Bool
    /// 1-based line and column of the link node within the Markdown source.
    public var line: Int
    public var column: Int

    public init(destination: String, isImage: Bool, line: Int, column: Int) {
        self.destination = destination
        self.isImage = isImage
        self.line = line
        self.column = column
    }
}

/// A `[[target#anchor|label]]` link found in text (never in code), for the caller to resolve.
public struct MarkdownWikilink: Sendable, Hashable {
    public var target: String
    public var anchor: String?
    public var label: String?
    /// 1-based line and byte column of the opening `[[` within the Markdown source.
    public var line: Int
    public var column: Int

    public init(target: String, anchor: String?, label: String?, line: Int, column: Int) {
        self.target = target
        self.anchor = anchor
        self.label = label
        self.line = line
        self.column = column
    }
}

/// Where a link goes after rewriting, and the target's language when it differs from the page's.
public struct LinkTarget: Sendable, Hashable {
    public var destination: String
    /// Set for links to a page in another language: the link gets `hreflang` and a visible badge.
    public var language: String?

    public init(destination: String, language: String? = nil) {
        self.destination = destination
        self.language = language
    }
}

/// What a resolved wikilink becomes: a link with this destination and text.
public struct ResolvedWikilink: Sendable, Hashable {
    public var destination: String
    public var text: String
    /// Set when the target is in another language than the linking page.
    public var language: String?

    public init(destination: String, text: String, language: String? = nil) {
        self.destination = destination
        self.text = text
        self.language = language
    }
}

/// The rendered body and what was learnt while walking it.
public struct MarkdownDocument: Sendable, Hashable {
    public var html: String
    public var headings: [MarkdownHeading]
    public var links: [MarkdownLink]
    /// Text content without markup, one block per line, for search and summaries.
    public var plainText: String
    public var wordCount: Int
}
