internal import CCmarkGFM
#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Renders Markdown with cmark-gfm and copies everything the site needs into Swift values.
///
/// Each call owns its parser, tree and iterator and frees all three before returning, so the
/// renderer is a plain `Sendable` value that many tasks can use at once.
public struct MarkdownRenderer: Sendable {
    public var options: MarkdownOptions

    public init(options: MarkdownOptions = MarkdownOptions()) {
        self.options = options
        CmarkEnvironment.prepare()
    }

    /// Registers the GFM extensions; call once before starting parallel work.
    public static func prepare() {
        CmarkEnvironment.prepare()
    }

    /// Parses `source`, lets `rewriteLink` replace link destinations, names headings with
    /// `makeAnchor`, turns resolvable `[[wikilinks]]` into links, and returns the HTML with the
    /// collected headings, links and text.
    ///
    /// - Parameters:
    ///   - makeAnchor: turns heading text into an id; the renderer makes repeats unique.
    ///   - rewriteLink: returns a new destination (and language) for a link, or `nil` to keep it.
    ///   - resolveWikilink: returns the link a wikilink becomes, or `nil` to leave it as text.
    public func render(
        _ source: String,
        makeAnchor: (String) -> String,
        rewriteLink: (MarkdownLink) -> LinkTarget?,
        resolveWikilink: (MarkdownWikilink) -> ResolvedWikilink? = { _ in nil }
    ) -> MarkdownDocument {
        let registered = CmarkEnvironment.shared
        // Style attributes instead of `align`, which HTML5 no longer allows on table cells.
        var cmarkOptions = CMARK_OPT_SOURCEPOS | CMARK_OPT_FOOTNOTES | CMARK_OPT_TABLE_PREFER_STYLE_ATTRIBUTES
        if options.allowsRawHTML { cmarkOptions |= CMARK_OPT_UNSAFE }

        guard let parser = cmark_parser_new(cmarkOptions) else {
            return MarkdownDocument(html: "", headings: [], links: [], plainText: "", wordCount: 0)
        }
        defer { cmark_parser_free(parser) }
        var text = source
        let hasTilde = text.withUTF8 { $0.contains(UInt8(ascii: "~")) }
        var names = registered.extensionNames
        if hasTilde { names.append(registered.tildeExtensionName) }
        for name in names {
            if let ext = cmark_find_syntax_extension(name) {
                cmark_parser_attach_syntax_extension(parser, ext)
            }
        }
        if hasTilde { CmarkEnvironment.tildePhase.lock() }
        text.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                if let base = chars.baseAddress { cmark_parser_feed(parser, base, chars.count) }
            }
        }
        let finished = cmark_parser_finish(parser)
        if hasTilde { CmarkEnvironment.tildePhase.unlock() }
        guard let root = finished else {
            return MarkdownDocument(html: "", headings: [], links: [], plainText: "", wordCount: 0)
        }
        defer { cmark_node_free(root) }
        // `[[x]]` arrives as several text nodes split at the brackets; merge them first.
        cmark_consolidate_text_nodes(root)

        // The walk must not outlive this call: only its results leave the closure.
        let walk = withoutActuallyEscaping(makeAnchor) { makeAnchor in
            withoutActuallyEscaping(rewriteLink) { rewriteLink in
                withoutActuallyEscaping(resolveWikilink) { resolveWikilink in
                    var walk = TreeWalk(makeAnchor: makeAnchor, rewriteLink: rewriteLink,
                                        resolveWikilink: resolveWikilink, reservedAnchors: options.reservedAnchors)
                    walk.visitAll(from: root)
                    walk.replaceWikilinks()
                    return walk.result
                }
            }
        }

        var html = ""
        if let rendered = cmark_render_html(root, cmarkOptions, cmark_parser_get_syntax_extensions(parser)) {
            html = String(cString: rendered)
            free(rendered)
        }
        html = RenderedHTMLRewriter.rewrite(html, headingAnchors: walk.anchorsByPosition)
        let plain = walk.plainText
        return MarkdownDocument(
            html: html,
            headings: walk.headings,
            links: walk.links,
            plainText: plain,
            wordCount: MarkdownRenderer.countWords(in: plain)
        )
    }
}

extension MarkdownRenderer {
    /// Words separated by ASCII white space, counted over bytes (Unicode property lookups per
    /// character cost more than the whole parse).
    static func countWords(in text: String) -> Int {
        var text = text
        // Over the contiguous bytes: the `utf8` view's iterator was most of this on long bodies.
        return text.withUTF8 { bytes in
            var count = 0
            var inWord = false
            for byte in bytes {
                let isSpace = byte == 0x20 || byte == 0x0A || byte == 0x09 || byte == 0x0D
                if !isSpace && !inWord { count += 1 }
                inWord = !isSpace
            }
            return count
        }
    }
}

// MARK: - Tree walk

/// One iterative pass over the cmark tree: explicit iterator, no recursion, so nesting depth is free.
private struct TreeWalk {
    let makeAnchor: (String) -> String
    let rewriteLink: (MarkdownLink) -> LinkTarget?
    let resolveWikilink: (MarkdownWikilink) -> ResolvedWikilink?

    var headings: [MarkdownHeading] = []
    var links: [MarkdownLink] = []
    var plainText = ""
    /// Heading anchors keyed by "line:column", the form cmark writes into `data-sourcepos`.
    var anchorsByPosition: [String: String] = [:]
    private var usedAnchors: Set<String> = []
    private var headingText: String?
    /// Inside a link or image, where wikilinks would nest links and stay text.
    private var linkDepth = 0
    /// Text nodes holding resolved wikilinks, replaced after the walk so the iterator stays valid.
    private var pendingReplacements: [(node: OpaquePointer, segments: [WikilinkScanner.Segment])] = []

    init(makeAnchor: @escaping (String) -> String, rewriteLink: @escaping (MarkdownLink) -> LinkTarget?,
         resolveWikilink: @escaping (MarkdownWikilink) -> ResolvedWikilink?, reservedAnchors: Set<String>) {
        self.makeAnchor = makeAnchor
        self.rewriteLink = rewriteLink
        self.resolveWikilink = resolveWikilink
        self.usedAnchors = reservedAnchors
    }

    mutating func visitAll(from root: OpaquePointer) {
        guard let iterator = cmark_iter_new(root) else { return }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE || event == CMARK_EVENT_NONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            if event == CMARK_EVENT_ENTER {
                enter(node)
            } else {
                exit(node)
            }
        }
    }

    private mutating func enter(_ node: OpaquePointer) {
        let type = cmark_node_get_type(node)
        switch type {
        case CMARK_NODE_TEXT:
            visitText(node)
        case CMARK_NODE_CODE:
            appendText(literal(of: node))
        case CMARK_NODE_CODE_BLOCK:
            appendText(literal(of: node))
            plainText.append("\n")
        case CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK:
            appendText(" ")
        case CMARK_NODE_HEADING:
            headingText = ""
        case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
            linkDepth += 1
            visitLink(node, isImage: type == CMARK_NODE_IMAGE)
        default:
            break
        }
    }

    private mutating func exit(_ node: OpaquePointer) {
        let type = cmark_node_get_type(node)
        switch type {
        case CMARK_NODE_HEADING:
            let text = (headingText ?? "").trimmingSpaces()
            headingText = nil
            let line = Int(cmark_node_get_start_line(node))
            let column = Int(cmark_node_get_start_column(node))
            let anchor = uniqueAnchor(for: text)
            anchorsByPosition["\(line):\(column)"] = anchor
            headings.append(MarkdownHeading(
                level: Int(cmark_node_get_heading_level(node)), text: text, anchor: anchor, line: line))
            plainText.append("\n")
        case CMARK_NODE_PARAGRAPH, CMARK_NODE_ITEM, CMARK_NODE_BLOCK_QUOTE:
            plainText.append("\n")
        case CMARK_NODE_LINK, CMARK_NODE_IMAGE:
            linkDepth -= 1
        default:
            // Table nodes belong to the extension and have no exported constant.
            switch cmark_node_get_type_string(node).map({ String(cString: $0) }) {
            case "table_cell": plainText.append(" ")
            case "table_row": plainText.append("\n")
            default: break
            }
        }
    }

    var result: WalkResult {
        WalkResult(headings: headings, links: links, plainText: plainText, anchorsByPosition: anchorsByPosition)
    }

    private mutating func appendText(_ text: String) {
        plainText.append(text)
        if headingText != nil { headingText?.append(text) }
    }

    /// Plain text, where `[[wikilinks]]` are resolved and queued for replacement by link nodes.
    private mutating func visitText(_ node: OpaquePointer) {
        guard let literal = cmark_node_get_literal(node) else { return }
        let text = String(cString: literal)
        // `[[` is looked for in the C string, with libc's vectorised search: this runs on every
        // text node, and a generic or byte-by-byte search was a visible share of a large build.
        guard linkDepth == 0, strstr(literal, "[[") != nil else {
            appendText(text)
            return
        }
        let line = Int(cmark_node_get_start_line(node))
        let column = Int(cmark_node_get_start_column(node))
        let segments = WikilinkScanner.segments(of: text, line: line, column: column, resolve: resolveWikilink)
        for segment in segments {
            switch segment {
            case .text(let plain): appendText(plain)
            case .link(_, let label, _): appendText(label)
            }
        }
        if segments.contains(where: { if case .link = $0 { true } else { false } }) {
            pendingReplacements.append((node, segments))
        }
    }

    /// Swaps each queued text node for text and link nodes; called once the iterator is done.
    mutating func replaceWikilinks() {
        for (node, segments) in pendingReplacements {
            for segment in segments {
                switch segment {
                case .text(let plain):
                    guard !plain.isEmpty, let textNode = cmark_node_new(CMARK_NODE_TEXT) else { continue }
                    cmark_node_set_literal(textNode, plain)
                    cmark_node_insert_before(node, textNode)
                case .link(let destination, let label, let language):
                    guard let linkNode = cmark_node_new(CMARK_NODE_LINK) else { continue }
                    cmark_node_set_url(linkNode, destination)
                    if let language { cmark_node_set_title(linkNode, RenderedHTMLRewriter.languageMarker + language) }
                    if let textNode = cmark_node_new(CMARK_NODE_TEXT) {
                        cmark_node_set_literal(textNode, label)
                        cmark_node_append_child(linkNode, textNode)
                    }
                    cmark_node_insert_before(node, linkNode)
                }
            }
            cmark_node_unlink(node)
            cmark_node_free(node)
        }
        pendingReplacements = []
    }

    private mutating func visitLink(_ node: OpaquePointer, isImage: Bool) {
        let destination = cmark_node_get_url(node).map { String(cString: $0) } ?? ""
        let link = MarkdownLink(
            destination: destination,
            isImage: isImage,
            line: Int(cmark_node_get_start_line(node)),
            column: Int(cmark_node_get_start_column(node))
        )
        links.append(link)
        guard let target = rewriteLink(link) else { return }
        if target.destination != destination { cmark_node_set_url(node, target.destination) }
        if let language = target.language { cmark_node_set_title(node, RenderedHTMLRewriter.languageMarker + language) }
    }

    private func literal(of node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }

    private mutating func uniqueAnchor(for text: String) -> String {
        let made = makeAnchor(text)
        let base = made.isEmpty ? "section" : made
        var candidate = base
        var counter = 1
        while usedAnchors.contains(candidate) {
            candidate = "\(base)-\(counter)"
            counter += 1
        }
        usedAnchors.insert(candidate)
        return candidate
    }
}

/// What a `TreeWalk` learnt, without the caller's closures.
private struct WalkResult {
    var headings: [MarkdownHeading]
    var links: [MarkdownLink]
    var plainText: String
    var anchorsByPosition: [String: String]
}

private extension String {
    func trimmingSpaces() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
