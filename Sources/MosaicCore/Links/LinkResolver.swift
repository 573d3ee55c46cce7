import Foundation
import MosaicMarkdown

/// Rewrites the destinations written in Markdown into relative URLs between output files.
///
/// `x.md` links go to the page built from that file (in the linking page's language when a
/// translation exists); other relative links go to the copied asset under `files/`.
struct LinkResolver: Sendable {
    let index: PageIndex
    let assets: Set<ContentPath>

    /// Output folder for files found next to documents in `content/`.
    static let assetFolder = "files"

    static func outputPath(ofAsset asset: ContentPath) -> OutputPath? {
        OutputPath(components: [assetFolder] + asset.components)
    }

    /// The new destination (or `nil` to keep it) and a diagnostic when the target is missing.
    func resolve(_ link: MarkdownLink, from page: IndexedPage, bodyStartLine: Int) -> (String?, Diagnostic?) {
        let destination = link.destination
        guard !destination.isEmpty, !destination.hasPrefix("#"), !destination.hasPrefix("//"),
              !LinkResolver.hasScheme(destination) else { return (nil, nil) }
        let location = SourceLocation(path: page.document.source.displayPath,
                                      line: link.line + bodyStartLine - 1, column: link.column)
        var pathPart = Substring(destination)
        var suffix = ""
        if let cut = pathPart.firstIndex(where: { $0 == "#" || $0 == "?" }) {
            suffix = String(pathPart[cut...])
            pathPart = pathPart[..<cut]
        }
        let decoded = String(pathPart).removingPercentEncoding ?? String(pathPart)
        if decoded.hasPrefix("/") {
            return (nil, .warning(at: location, code: "link.absolute",
                                  "absolute link '\(destination)' breaks when the site is served from a sub-path or a folder",
                                  hint: "link to the Markdown file relative to this one, e.g. ../practices/x.md"))
        }
        guard let target = page.document.source.path.resolving(decoded) else {
            return (nil, .warning(at: location, code: "link.outside", "link '\(destination)' points outside content/"))
        }
        if decoded.hasSuffix(".md") {
            guard let linked = index.findPage(at: target) else {
                return (nil, .warning(at: location, code: "link.missing-document",
                                      "link to a missing document '\(destination)'",
                                      hint: "check the file name and folder; drafts are only built with --drafts"))
            }
            let preferred = linked.language == page.language ? linked
                : (index.findTranslation(of: linked, in: page.language) ?? linked)
            return (preferred.outputPath.relativeURL(from: page.outputPath) + suffix, nil)
        }
        guard assets.contains(target), let output = LinkResolver.outputPath(ofAsset: target) else {
            return (nil, .warning(at: location, code: "link.missing-file", "link to a missing file '\(destination)'",
                                  hint: "put the file next to the document under content/"))
        }
        return (output.relativeURL(from: page.outputPath) + suffix, nil)
    }

    /// True for `https:`, `mailto:`, `tel:` and the like (a scheme before any `/`).
    static func hasScheme(_ destination: String) -> Bool {
        guard let colon = destination.firstIndex(of: ":") else { return false }
        let scheme = destination[..<colon]
        return !scheme.isEmpty && scheme.allSatisfy { $0.isLetter || $0.isNumber || "+.-".contains($0) }
            && scheme.first?.isLetter == true
    }
}
