import MosaicMarkdown

/// Stage 3 output: a page's body as HTML with its headings and text, links already rewritten.
public struct RenderedDocument: Sendable {
    public var page: IndexedPage
    public var html: String
    public var headings: [MarkdownHeading]
    public var plainText: String
    public var wordCount: Int
}

extension RenderedDocument {
    /// Renders one page's Markdown, resolving its links through `resolver`.
    static func renderMarkdown(
        _ page: IndexedPage, renderer: MarkdownRenderer, resolver: LinkResolver
    ) -> (RenderedDocument, [Diagnostic]) {
        var diagnostics: [Diagnostic] = []
        let body = page.document.body
        let startLine = page.document.bodyStartLine
        let markdown = renderer.render(
            body,
            makeAnchor: { Slug(making: $0)?.rawValue ?? "" },
            rewriteLink: { link in
                let (replacement, diagnostic) = resolver.resolve(link, from: page, bodyStartLine: startLine)
                if let diagnostic { diagnostics.append(diagnostic) }
                return replacement
            }
        )
        let rendered = RenderedDocument(page: page, html: markdown.html, headings: markdown.headings,
                                        plainText: markdown.plainText, wordCount: markdown.wordCount)
        return (rendered, diagnostics)
    }
}
