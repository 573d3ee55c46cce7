/// A Markdown file found under `content/`, before it is read.
public struct SourceDocument: Sendable, Hashable {
    public var path: ContentPath
    /// From the file name: `x.fr.md` is French, `x.md` is in the default language.
    public var language: LocaleCode
    /// The file name without language suffix and `.md`; the default id and pairing key.
    public var stem: String

    /// Site-relative path used in diagnostics.
    public var displayPath: String { "content/" + path.rawValue }

    /// The first folder under `content/`, which names the section; `nil` at the top level.
    public var sectionID: String? { path.components.count > 1 ? path.components[0] : nil }
}

/// A non-Markdown file under `content/` (an image, a PDF) copied to the output as is.
public struct AssetFile: Sendable, Hashable {
    public var path: ContentPath
}

/// Everything discovery found, sorted by path so later stages are deterministic.
public struct ContentInventory: Sendable, Hashable {
    public var documents: [SourceDocument]
    public var assets: [AssetFile]
}
