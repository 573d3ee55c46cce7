/// The stable, language-neutral identity of a document, used by every reference to it.
///
/// Invariant: satisfies `Slug`'s rules (so never holds `/` or `..`); defaults to the file stem.
public struct PageID: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let rawValue: String

    public init?(_ text: String) {
        guard let slug = Slug(validating: text) else { return nil }
        rawValue = slug.rawValue
    }

    public var description: String { rawValue }

    public static func < (lhs: PageID, rhs: PageID) -> Bool { lhs.rawValue < rhs.rawValue }
}
