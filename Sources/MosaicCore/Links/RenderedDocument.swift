import MosaicMarkdown

/// Stage 3 output: a page's body as HTML with its headings and text, links already rewritten.
public struct RenderedDocument: Sendable {
    public var page: IndexedPage
    public var html: String
    public var headings: [MarkdownHeading]
    public var plainText: String
    public var wordCount: Int
    /// Links from the body to other pages, in source order.
    public var outgoing: [OutgoingLink]
    /// Digests of `html` and `plainText`, known even while the texts themselves are not held.
    var htmlDigest: UInt64
    var textDigest: UInt64
    /// False when this came from the build cache without its HTML and text, which are rendered
    /// again only for the pages that need them.
    var hasBody = true
    /// Where the HTML and text went when they were moved out of memory (see `BodySpill`).
    var spilled: BodySpill.Location?

    init(page: IndexedPage, html: String, headings: [MarkdownHeading], plainText: String, wordCount: Int,
         outgoing: [OutgoingLink]) {
        self.page = page
        self.html = html
        self.headings = headings
        self.plainText = plainText
        self.wordCount = wordCount
        self.outgoing = outgoing
        htmlDigest = Digest.of(html).value
        textDigest = Digest.of(plainText).value
    }

    /// The same document without its HTML, once its page is written and only its text is read.
    func droppingHTML() -> RenderedDocument {
        var light = self
        light.html = ""
        return light
    }

    /// The same document with its HTML and text moved to `spill`; unchanged when there is no
    /// spill or it cannot take them.
    func spilling(into spill: BodySpill?) -> RenderedDocument {
        guard let spill, hasBody, let location = spill.store(html: html, text: plainText) else { return self }
        var light = self
        light.html = ""
        light.plainText = ""
        light.hasBody = false
        light.spilled = location
        return light
    }

    /// The same document with its HTML and text read back from `spill`; `nil` when it was not
    /// spilled or they cannot be read.
    func restored(from spill: BodySpill?) -> RenderedDocument? {
        guard let location = spilled, let texts = spill?.read(location) else { return nil }
        var full = self
        full.html = texts.html
        full.plainText = texts.text
        full.hasBody = true
        full.spilled = nil
        return full
    }

    /// A cached result without its texts.
    init(page: IndexedPage, headings: [MarkdownHeading], wordCount: Int, outgoing: [OutgoingLink],
         htmlDigest: UInt64, textDigest: UInt64) {
        self.page = page
        html = ""
        plainText = ""
        self.headings = headings
        self.wordCount = wordCount
        self.outgoing = outgoing
        self.htmlDigest = htmlDigest
        self.textDigest = textDigest
        hasBody = false
    }
}

extension RenderedDocument {
    /// Renders one page's Markdown, resolving its links and wikilinks through `resolver`.
    static func renderMarkdown(
        _ page: IndexedPage, renderer: MarkdownRenderer, resolver: LinkResolver
    ) -> (RenderedDocument, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        var outgoing: [OutgoingLink] = []
        let markdown = renderer.render(
            page.document.body,
            makeAnchor: { Slug(making: $0)?.rawValue ?? "" },
            rewriteLink: { link in
                let resolution = resolver.resolve(link, from: page)
                if let diagnostic = resolution.diagnostic { diagnostics.append(diagnostic) }
                if let link = resolution.outgoing { outgoing.append(link) }
                return resolution.target
            },
            resolveWikilink: { wikilink in
                let (resolved, link, diagnostic) = resolver.resolve(wikilink, from: page)
                if let diagnostic { diagnostics.append(diagnostic) }
                if let link { outgoing.append(link) }
                return resolved
            }
        )
        let rendered = RenderedDocument(page: page, html: markdown.html, headings: markdown.headings,
                                        plainText: markdown.plainText, wordCount: markdown.wordCount,
                                        outgoing: outgoing)
        return (rendered, diagnostics)
    }
}
