/// A loaded document with its place in the site: its output file and section.
public struct IndexedPage: Sendable, Hashable {
    public var document: LoadedDocument
    public var outputPath: OutputPath
    public var sectionID: String?
    /// This page's place in `PageIndex.pages`, the key of every graph map.
    public var position: Int

    public var id: PageID { document.id }
    public var language: LocaleCode { document.language }
}
