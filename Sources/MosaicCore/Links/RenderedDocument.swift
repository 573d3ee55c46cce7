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
