import Foundation
import MosaicMarkdown

/// Rewrites the destinations written in Markdown into relative URLs between output files.
///
/// `x.md` links and `[[id]]` wikilinks go to the page built from that document (in the linking
/// page's language when a translation exists); other relative links go to the copied asset under
/// `files/`. Every page-to-page link is returned as an `OutgoingLink` for backlinks and anchors.
struct LinkResolver: Sendable {
    let index: PageIndex
    let assets: Set<ContentPath>

    /// Output folder for files found next to documents in `content/`.
    static let assetFolder = "files"

    static func outputPath(ofAsset asset: ContentPath) -> OutputPath? {
        OutputPath(components: [assetFolder] + asset.components)
    }

    /// What a link became.
    struct Resolution {
        /// The new destination, or `nil` to keep the written one.
        var target: LinkTarget?
        var outgoing: OutgoingLink?
        var diagnostic: Diagnostic?
    }

    private func location(_ line: Int, _ column: Int, in page: IndexedPage) -> SourceLocation {
        SourceLocation(path: page.document.source.displayPath,
                       line: line + page.document.bodyStartLine - 1, column: column)
    }

    /// The target's language when a reader of `page` would land in another language.
    private func languageBadge(for target: IndexedPage, from page: IndexedPage) -> String? {
        target.language == page.language ? nil : target.language.rawValue
    }

    /// The same document in the reader's language when it exists.
    func preferredVersion(of target: IndexedPage, for page: IndexedPage) -> IndexedPage {
        target.language == page.language ? target : (index.findTranslation(of: target, in: page.language) ?? target)
    }

    func resolve(_ link: MarkdownLink, from page: IndexedPage) -> Resolution {
        let destination = link.destination
        guard !destination.isEmpty, !destination.hasPrefix("#"), !destination.hasPrefix("//"),
              !LinkResolver.hasScheme(destination) else { return Resolution() }
        let location = location(link.line, link.column, in: page)
        var pathPart = Substring(destination)
        var suffix = ""
        if let cut = pathPart.firstIndex(where: { $0 == "#" || $0 == "?" }) {
            suffix = String(pathPart[cut...])
            pathPart = pathPart[..<cut]
        }
        let decoded = String(pathPart).removingPercentEncoding ?? String(pathPart)
        if decoded.hasPrefix("/") {
            return Resolution(diagnostic: .warning(
                at: location, code: "link.absolute",
                "absolute link '\(destination)' breaks when the site is served from a sub-path or a folder",
                hint: "link to the Markdown file relative to this one, e.g. ../practices/x.md"))
        }
        guard let target = page.document.source.path.resolving(decoded) else {
            return Resolution(diagnostic: .warning(at: location, code: "link.outside", "link '\(destination)' points outside content/"))
        }
        if decoded.hasSuffix(".md") {
            guard let linked = index.findPage(at: target) else {
                return Resolution(diagnostic: .warning(
                    at: location, code: "link.missing-document", "link to a missing document '\(destination)'",
                    hint: "check the file name and folder; drafts are only built with --drafts"))
            }
            // A file link to the page's own counterpart ("the English version") is meant literally.
            let preferred = linked.document.translationKey == page.document.translationKey ? linked
                : preferredVersion(of: linked, for: page)
            let anchor = suffix.hasPrefix("#") ? String(suffix.dropFirst()) : nil
            return Resolution(target: LinkTarget(destination: preferred.outputPath.relativeURL(from: page.outputPath) + suffix,
                                                 language: languageBadge(for: preferred, from: page)),
                              outgoing: OutgoingLink(target: preferred.position, anchor: anchor, location: location))
        }
        guard assets.contains(target), let output = LinkResolver.outputPath(ofAsset: target) else {
            return Resolution(diagnostic: .warning(at: location, code: "link.missing-file", "link to a missing file '\(destination)'",
                                                   hint: "put the file next to the document under content/"))
        }
        return Resolution(target: LinkTarget(destination: output.relativeURL(from: page.outputPath) + suffix))
    }

    /// Resolves `[[id]]`, `[[Name]]`, `[[id#heading]]` and `[[#heading]]`.
    func resolve(_ wikilink: MarkdownWikilink, from page: IndexedPage) -> (ResolvedWikilink?, OutgoingLink?, Diagnostic?) {
        let location = location(wikilink.line, wikilink.column, in: page)
        let anchorSuffix = wikilink.anchor.map { "#" + $0 } ?? ""
        if wikilink.target.isEmpty {
            guard let anchor = wikilink.anchor else { return (nil, nil, nil) }
            let outgoing = OutgoingLink(target: page.position, anchor: anchor, location: location)
            return (ResolvedWikilink(destination: "#" + anchor, text: anchor), outgoing, nil)
        }
        var candidates: [IndexedPage] = []
        if let id = PageID(wikilink.target), let byID = index.findPage(id: id, preferring: page.language) {
            candidates = [byID]
        } else {
            candidates = index.findPages(named: wikilink.target, preferring: page.language)
        }
        guard let first = candidates.first else {
            let hint = EditDistance.closest(to: wikilink.target, in: index.allIDs).map { "did you mean [[\($0)]]?" }
                ?? "use a document's id (its file name without .md) or its exact title"
            return (nil, nil, .warning(at: location, code: "link.unknown-id", "unknown wikilink target [[\(wikilink.target)]]", hint: hint))
        }
        guard candidates.count == 1 else {
            let names = candidates.map { "\($0.id) (\($0.document.source.displayPath))" }.joined(separator: ", ")
            return (nil, nil, .warning(at: location, code: "link.ambiguous", "ambiguous wikilink [[\(wikilink.target)]] matches \(names)",
                                       hint: "link by id instead, e.g. [[\(candidates[0].id)]]"))
        }
        let target = preferredVersion(of: first, for: page)
        let resolved = ResolvedWikilink(destination: target.outputPath.relativeURL(from: page.outputPath) + anchorSuffix,
                                        text: target.document.title, language: languageBadge(for: target, from: page))
        return (resolved, OutgoingLink(target: target.position, anchor: wikilink.anchor, location: location), nil)
    }

    /// True for `https:`, `mailto:`, `tel:` and the like (a scheme before any `/`).
    static func hasScheme(_ destination: String) -> Bool {
        guard let colon = destination.firstIndex(of: ":") else { return false }
        let scheme = destination[..<colon]
        return !scheme.isEmpty && scheme.allSatisfy { $0.isLetter || $0.isNumber || "+.-".contains($0) }
            && scheme.first?.isLetter == true
    }
}

/// A link from one page's body to another page (or a heading in it), kept for the graph.
public struct OutgoingLink: Sendable, Hashable {
    /// Position of the linked page in the `PageIndex`.
    public var target: Int
    public var anchor: String?
    public var location: SourceLocation
}
