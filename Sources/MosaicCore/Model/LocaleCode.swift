/// A language code such as `en` or `fr`, used in file suffixes (`x.fr.md`) and URL prefixes (`/fr/`).
///
/// Invariant: 2–3 lowercase ASCII letters, so it is always safe as a path component.
public struct LocaleCode: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let rawValue: String

    public init?(_ rawValue: String) {
        guard (2...3).contains(rawValue.count),
              rawValue.unicodeScalars.allSatisfy({ ("a"..."z").contains($0) }) else { return nil }
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    public static func < (lhs: LocaleCode, rhs: LocaleCode) -> Bool { lhs.rawValue < rhs.rawValue }
}
