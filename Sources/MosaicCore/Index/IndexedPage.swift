/// A loaded document with its place in the site: its output file and section.
public struct IndexedPage: Sendable, Hashable {
    public var document: LoadedDocument
    public var outputPath: OutputPath
    public var sectionID: String?

    public var id: PageID { document.id }
    public var language: LocaleCode { document.language }
}
