/// A file's path relative to the `content/` folder, e.g. `practices/welcome-pass.fr.md`.
///
/// Invariant: `/`-separated, non-empty components, none of them `.`, `..` or empty, no leading
/// `/`; so joining it under a root can never leave that root.
public struct ContentPath: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let components: [String]
    /// The `/`-joined path, made once: paths are compared and hashed by it in every sort and map.
    public let rawValue: String

    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        self.init(components: parts)
    }

    public init?(components: [String]) {
        guard !components.isEmpty,
              components.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." && !ByteSearch.contains(0, in: $0) })
        else { return nil }
        self.components = components
        rawValue = components.joined(separator: "/")
    }

    public static func == (lhs: ContentPath, rhs: ContentPath) -> Bool { lhs.rawValue == rhs.rawValue }
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }

    public var description: String { rawValue }
    public var fileName: String { components.last ?? "" }

    /// The folder holding this file, as components (empty at the top of `content/`).
    public var folder: [String] { Array(components.dropLast()) }

    /// Resolves a relative reference written inside this file (`../lips/x.md`), or `nil` when it
    /// climbs above `content/`.
    public func resolving(_ relative: String) -> ContentPath? {
        var parts = relative.hasPrefix("/") ? [] : folder
        for part in relative.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(String(part))
            }
        }
        return ContentPath(components: parts)
    }

    public static func < (lhs: ContentPath, rhs: ContentPath) -> Bool { lhs.rawValue < rhs.rawValue }
}
