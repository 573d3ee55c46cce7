import Foundation
import MosaicMarkdown
import Testing

@Suite("cmark-gfm wrapper")
struct MarkdownRendererTests {
    let renderer = MarkdownRenderer()

    func render(_ source: String, rewrite: @escaping (MarkdownLink) -> LinkTarget? = { _ in nil }) -> MarkdownDocument {
        renderer.render(source, makeAnchor: { $0.lowercased().replacingOccurrences(of: " ", with: "-") }, rewriteLink: rewrite)
    }

    @Test("renders in parallel give the same HTML: extensions' characters survive other parsers finishing")
    func parallelRendersAgree() async {
        // Table rows parse their inlines during block parsing, paragraphs when the parser finishes;
        // sources with `~` attach strikethrough, the others do not, and both kinds run at once.
        let plain = (1...40).map { "Paragraph \($0) sees www.example\($0).org and https://x.ca/\($0).\n\n"
            + "| a | b |\n|---|---|\n| cell | www.row\($0).ca |" }
            .joined(separator: "\n\n")
        let tilde = plain.replacingOccurrences(of: "cell", with: "~~gone~~") + "\n\nNow ~~old~~ text."
        let sources = [plain, tilde]
        let expected = sources.map { render($0).html }
        #expect(expected[0].contains(#"<a href="http://www.row40.ca">"#) && !expected[0].contains("<del>"))
        #expect(expected[1].contains("<del>gone</del>") && expected[1].contains("<del>old</del>"))
        let renderer = renderer
        let results = await withTaskGroup(of: (Int, String).self) { group in
            for index in 0..<400 {
                group.addTask {
                    (index % 2, renderer.render(sources[index % 2], makeAnchor: { $0 }, rewriteLink: { _ in nil }).html)
                }
            }
            return await group.reduce(into: [(Int, String)]()) { $0.append($1) }
        }
        let differing = results.filter { $0.1 != expected[$0.0] }.count
        #expect(differing == 0, "\(differing) of 400 renders differ")
    }

    @Test("GFM extensions: table, strikethrough, autolink, task list, footnote")
    func extensions() {
        let html = render("""
        | a | b |
        |:-:|---|
        | 1 | 2 |

        ~~gone~~ www.example.org

        - [x] done

        Note[^n].

        [^n]: Footnote.
        """).html
        #expect(html.contains("<table>"))
        #expect(html.contains(#"<th style="text-align: center">a</th>"#))
        #expect(html.contains("<del>gone</del>"))
        #expect(html.contains(#"<a href="http://www.example.org">"#))
        #expect(html.contains(#"<input type="checkbox" checked="" disabled="" />"#))
        #expect(html.contains(#"<section class="footnotes" data-footnotes>"#))
        #expect(!html.contains("data-sourcepos"))
    }

    @Test("safe mode omits raw HTML and drops javascript: links")
    func safeMode() {
        let html = render("<script>alert(1)</script>\n\n[x](javascript:alert(1)) <b>inline</b>").html
        #expect(!html.contains("<script>"))
        #expect(!html.contains("<b>"))
        #expect(html.contains("<!-- raw HTML omitted -->"))
        #expect(html.contains(#"<a href="">x</a>"#))
    }

    @Test("raw HTML when allowed still goes through the tag filter")
    func rawHTMLFiltered() {
        let unsafe = MarkdownRenderer(options: MarkdownOptions(allowsRawHTML: true))
        let html = unsafe.render("<b>bold</b>\n\n<script>alert(1)</script>\n", makeAnchor: { $0 }, rewriteLink: { _ in nil }).html
        #expect(html.contains("<b>bold</b>"))
        #expect(html.contains("&lt;script>"))
    }

    @Test("headings get unique anchors, skipping reserved ones, and are reported in order")
    func headings() {
        let withReserved = MarkdownRenderer(options: MarkdownOptions(reservedAnchors: ["main"]))
        let document = withReserved.render("# Main\n\n## Intro\n\n## Intro\n\nSetext\n------\n",
                                           makeAnchor: { $0.lowercased() }, rewriteLink: { _ in nil })
        #expect(document.headings.map(\.anchor) == ["main-1", "intro", "intro-1", "setext"])
        #expect(document.headings.map(\.level) == [1, 2, 2, 2])
        #expect(document.headings.map(\.line) == [1, 3, 5, 7])
        #expect(document.html.contains(#"<h1 id="main-1">Main</h1>"#))
        #expect(document.html.contains(#"<h2 id="intro-1">Intro</h2>"#))
    }

    @Test("anchors are escaped inside the id attribute")
    func anchorEscaping() {
        let document = renderer.render("## A\n", makeAnchor: { _ in #"x"><script>"# }, rewriteLink: { _ in nil })
        #expect(document.html.contains(#"<h2 id="x&quot;&gt;&lt;script&gt;">A</h2>"#))
    }

    @Test("links and images are reported with positions and can be rewritten")
    func linkRewriting() {
        let document = render("Intro\n\nSee [a](a.md#x) and ![i](img.png).\n") { link in
            link.isImage ? LinkTarget(destination: "files/img.png") : LinkTarget(destination: "../a/index.html#x", language: "fr")
        }
        #expect(document.links == [
            MarkdownLink(destination: "a.md#x", isImage: false, line: 3, column: 5),
            MarkdownLink(destination: "img.png", isImage: true, line: 3, column: 21),
        ])
        #expect(document.html.contains(#"<a href="../a/index.html#x" hreflang="fr" class="other-language" data-language="FR">a</a>"#))
        #expect(document.html.contains(#"<img src="files/img.png" alt="i" />"#))
    }

    @Test("plain text keeps words from text, code and tables, without markup")
    func plainText() {
        let document = render("# Title\n\nSome *emphasis* and `code`.\n\n| h |\n|---|\n| cell |\n")
        #expect(document.plainText.contains("Title"))
        #expect(document.plainText.contains("Some emphasis and code."))
        #expect(document.plainText.contains("cell"))
        #expect(!document.plainText.contains("*"))
        #expect(document.wordCount == 7)
    }

    @Test("deep nesting and long lines render without recursion limits")
    func hostileStructure() {
        let deep = render(String(repeating: ">", count: 100_000) + " x\n")
        #expect(deep.html.contains("x"))
        let lists = render(String(repeating: "- ", count: 20_000) + "y\n")
        #expect(lists.html.contains("y"))
        let line = render(String(repeating: "word ", count: 400_000))
        #expect(line.wordCount == 400_000)
    }

    @Test("rendering from many tasks at once is safe")
    func concurrentRendering() async {
        let renderer = self.renderer
        let results = await withTaskGroup(of: String.self) { group in
            for index in 0..<64 {
                group.addTask {
                    renderer.render("## H\(index)\n\n| a |\n|---|\n| \(index) |\n",
                                    makeAnchor: { $0 }, rewriteLink: { _ in nil }).html
                }
            }
            var all: [String] = []
            for await html in group { all.append(html) }
            return all
        }
        #expect(results.count == 64)
        #expect(results.allSatisfy { $0.contains("<table>") })
    }

    @Test("wikilinks become links when resolved, stay text when not, and are ignored in code and links")
    func wikilinks() {
        var seen: [MarkdownWikilink] = []
        let document = renderer.render(
            "Go to [[alpha]], [[beta#part|the part]], [[gone]], `[[code]]` and [x [[inner]]](y).\n",
            makeAnchor: { $0 }, rewriteLink: { _ in nil },
            resolveWikilink: { wikilink in
                seen.append(wikilink)
                switch wikilink.target {
                case "alpha": return ResolvedWikilink(destination: "a.html", text: "Alpha")
                case "beta": return ResolvedWikilink(destination: "b.html#part", text: "Beta", language: "en")
                default: return nil
                }
            })
        #expect(document.html.contains(#"<a href="a.html">Alpha</a>"#))
        #expect(document.html.contains(#"<a href="b.html#part" hreflang="en" class="other-language" data-language="EN">the part</a>"#))
        #expect(document.html.contains("[[gone]]"))
        #expect(document.html.contains("<code>[[code]]</code>"))
        #expect(seen.map(\.target) == ["alpha", "beta", "gone"])
        #expect(seen[1].anchor == "part" && seen[1].label == "the part")
        #expect(seen[0].line == 1 && seen[0].column == 7)
        #expect(document.plainText.contains("Go to Alpha, the part, [[gone]]"))
    }
}
