/// A controlled vocabulary declared in `mosaic.yml` (characteristics, themes, provinces…).
///
/// Each term gets a page per language listing what is tagged with it, so terms are slugs.
public struct Taxonomy: Sendable, Hashable {
    public struct Term: Sendable, Hashable {
        public var id: Slug
        public var label: LocalizedText
        public var definition: LocalizedText?
    }

    public var id: Slug
    public var title: LocalizedText
    public var description: LocalizedText?
    /// In declaration order, which is the display order.
    public var terms: [Term]

    public func term(_ id: String) -> Term? {
        terms.first { $0.id.rawValue == id }
    }
}
