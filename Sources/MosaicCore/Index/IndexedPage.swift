/// A loaded document with its place in the site: its output file and section.
///
/// A class, because pages are handed around by every later stage: copying a struct of some twenty
/// strings and arrays cost a retain and a release each, which was a fifth of an incremental
/// build. Pages are immutable; `withBody(_:)` makes the variant a stage needs.
public final class IndexedPage: Sendable, Hashable {
    public let document: LoadedDocument
    public let outputPath: OutputPath
    public let sectionID: String?
    /// This page's place in `PageIndex.pages`, the key of every graph map.
    public let position: Int

    public init(document: LoadedDocument, outputPath: OutputPath, sectionID: String?, position: Int) {
        self.document = document
        self.outputPath = outputPath
        self.sectionID = sectionID
        self.position = position
    }

    public var id: PageID { document.id }
    public var language: LocaleCode { document.language }

    /// The same page holding `body` as its Markdown.
    func withBody(_ body: String) -> IndexedPage {
        var document = document
        document.body = body
        return IndexedPage(document: document, outputPath: outputPath, sectionID: sectionID, position: position)
    }

    /// Pages are the same page when they hold the same place and file; the body may differ
    /// (one index drops the Markdown after rendering it).
    public static func == (lhs: IndexedPage, rhs: IndexedPage) -> Bool {
        lhs === rhs || (lhs.position == rhs.position && lhs.outputPath == rhs.outputPath && lhs.document.id == rhs.document.id)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(position)
        hasher.combine(outputPath)
    }
}
