/// A file's path inside the output folder, e.g. `en/practices/welcome-pass/index.html`.
///
/// Invariant: relative, `/`-separated, no empty, `.` or `..` components. Links between output
/// files are always made with `relativeURL(from:)`, so the site works under any sub-path and
/// from a plain folder.
public struct OutputPath: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The `/`-joined path, the only stored form: paths are compared and hashed by it in every
    /// sort and map, and every page and link holds one, so a second copy as an array of
    /// components cost an allocation per path and a retain per copy.
    public let rawValue: String

    public init?(_ text: String) {
        guard OutputPath.isValid(text) else { return nil }
        rawValue = text
    }

    /// A component holding `/` is refused: it would read back as two.
    public init?(components: [String]) {
        guard !components.contains(where: { $0.utf8.contains(OutputPath.slash) }) else { return nil }
        self.init(components.joined(separator: "/"))
    }

    private static let slash = UInt8(ascii: "/")

    /// Non-empty, and no component empty, `.` or `..`; checked over the bytes, since the build
    /// cache reads tens of thousands of paths.
    private static func isValid(_ text: String) -> Bool {
        var componentStart = true
        var dots = 0
        var length = 0
        for byte in text.utf8 {
            if byte == slash {
                if componentStart || (dots == length && dots <= 2) { return false }
                componentStart = true
                dots = 0
                length = 0
            } else {
                componentStart = false
                length += 1
                if byte == UInt8(ascii: ".") { dots += 1 }
            }
        }
        // Only `.` and `..` are steps; `...` is a name.
        return !componentStart && !(dots == length && dots <= 2)
    }

    /// The path's components; split on demand, for the few callers that need them.
    public var components: [String] {
        rawValue.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    }

    /// The last component, the file's name.
    public var fileName: Substring {
        rawValue.utf8.lastIndex(of: OutputPath.slash).map { rawValue[rawValue.utf8.index(after: $0)...] } ?? rawValue[...]
    }

    public static func == (lhs: OutputPath, rhs: OutputPath) -> Bool { lhs.rawValue == rhs.rawValue }
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }

    /// The page file for a pretty URL made of `segments` (`["en", "lips"]` → `en/lips/index.html`).
    public static func page(_ segments: [String]) -> OutputPath {
        OutputPath(components: segments + ["index.html"]) ?? OutputPath(components: ["index.html"])!
    }

    public var description: String { rawValue }

    /// How many folders deep the file sits; a page at depth 2 reaches the root with `../../`.
    public var depth: Int { rawValue.utf8.count { $0 == OutputPath.slash } }

    /// The relative prefix from this file to the output root, e.g. `../../`, or `./` at the root.
    public var rootPrefix: String {
        depth == 0 ? "./" : String(repeating: "../", count: depth)
    }

    /// A relative URL from the file at `origin` to this file.
    ///
    /// Worked out over the bytes of both paths and written into one string: every list entry of
    /// every page makes one.
    public func relativeURL(from origin: OutputPath) -> String {
        var target = rawValue
        var source = origin.rawValue
        return target.withUTF8 { target in
            source.withUTF8 { source in
                // The folders both paths share end at the last `/` up to which they agree.
                var sharedEnd = 0
                var index = 0
                let limit = Swift.min(target.count, source.count)
                while index < limit, target[index] == source[index] {
                    if target[index] == OutputPath.slash { sharedEnd = index + 1 }
                    index += 1
                }
                let upward = UnsafeBufferPointer(rebasing: source[sharedEnd...]).count { $0 == OutputPath.slash }
                return URLEscaping.escaping(UnsafeBufferPointer(rebasing: target[sharedEnd...]), after: upward)
            }
        }
    }

    public static func < (lhs: OutputPath, rhs: OutputPath) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// Percent-escaping for path components that came from file names.
enum URLEscaping {
    static func escapePathComponent(_ component: String) -> String {
        var component = component
        return component.withUTF8 { escaping($0, after: 0) }
    }

    /// `../` `upward` times, then `path` with each byte outside the unreserved set (and `/`)
    /// percent-escaped, made in one allocation.
    static func escaping(_ path: UnsafeBufferPointer<UInt8>, after upward: Int) -> String {
        let escapes = path.count { !isKept($0) }
        return String(unsafeUninitializedCapacity: 3 * upward + path.count + 2 * escapes) { buffer in
            var count = 0
            for _ in 0..<upward {
                buffer[count] = UInt8(ascii: ".")
                buffer[count + 1] = UInt8(ascii: ".")
                buffer[count + 2] = UInt8(ascii: "/")
                count += 3
            }
            for byte in path {
                if isKept(byte) {
                    buffer[count] = byte
                    count += 1
                } else {
                    buffer[count] = UInt8(ascii: "%")
                    buffer[count + 1] = hexDigits[Int(byte >> 4)]
                    buffer[count + 2] = hexDigits[Int(byte & 0x0F)]
                    count += 3
                }
            }
            return count
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

    /// Unreserved characters, and the separator between components.
    private static func isKept(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"), UInt8(ascii: "/"):
            true
        default:
            false
        }
    }
}
