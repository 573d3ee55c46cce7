/// A file's path inside the output folder, e.g. `en/practices/welcome-pass/index.html`.
///
/// Invariant: relative, `/`-separated, no empty, `.` or `..` components. Links between output
/// files are always made with `relativeURL(from:)`, so the site works under any sub-path and
/// from a plain folder.
public struct OutputPath: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let components: [String]
    /// The `/`-joined path, made once: paths are compared and hashed by it in every sort and map.
    public let rawValue: String

    public init?(_ text: String) {
        let components = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard OutputPath.areValid(components) else { return nil }
        self.components = components
        // The text is already the joined form: the build cache reads tens of thousands of these.
        rawValue = text
    }

    public init?(components: [String]) {
        guard OutputPath.areValid(components) else { return nil }
        self.components = components
        rawValue = components.joined(separator: "/")
    }

    private static func areValid(_ components: [String]) -> Bool {
        !components.isEmpty && components.allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." }
    }

    public static func == (lhs: OutputPath, rhs: OutputPath) -> Bool { lhs.rawValue == rhs.rawValue }
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }

    /// The page file for a pretty URL made of `segments` (`["en", "lips"]` → `en/lips/index.html`).
    public static func page(_ segments: [String]) -> OutputPath {
        OutputPath(components: segments + ["index.html"]) ?? OutputPath(components: ["index.html"])!
    }

    public var description: String { rawValue }

    /// How many folders deep the file sits; a page at depth 2 reaches the root with `../../`.
    public var depth: Int { components.count - 1 }

    /// The relative prefix from this file to the output root, e.g. `../../`, or `./` at the root.
    public var rootPrefix: String {
        depth == 0 ? "./" : String(repeating: "../", count: depth)
    }

    /// A relative URL from the file at `origin` to this file.
    public func relativeURL(from origin: OutputPath) -> String {
        let originFolders = origin.components.count - 1
        var shared = 0
        while shared < originFolders, shared < components.count - 1, origin.components[shared] == components[shared] {
            shared += 1
        }
        // Built in one string: every list entry of every page makes one of these.
        var url = ""
        url.reserveCapacity(3 * (originFolders - shared) + rawValue.utf8.count)
        for _ in shared..<originFolders { url += "../" }
        for index in shared..<components.count {
            if index > shared { url += "/" }
            URLEscaping.appendPathComponent(components[index], to: &url)
        }
        return url
    }

    public static func < (lhs: OutputPath, rhs: OutputPath) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Percent-escaping for path components that came from file names.
enum URLEscaping {
    static func escapePathComponent(_ component: String) -> String {
        var result = ""
        appendPathComponent(component, to: &result)
        return result
    }

    static func appendPathComponent(_ component: String, to result: inout String) {
        // Slugs never need escaping; this runs for every link of every page.
        guard !component.utf8.allSatisfy(isUnreserved) else {
            result += component
            return
        }
        for byte in component.utf8 {
            if isUnreserved(byte) {
                result.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                result += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            true
        default:
            false
        }
    }
}
