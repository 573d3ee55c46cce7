import Foundation

/// One URL path segment made from a title, id or heading.
///
/// Invariant: non-empty, only lowercase ASCII letters, digits, `-` and `_`; so it can never hold
/// `/`, `..` or anything that needs escaping in a URL or a file name.
public struct Slug: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let rawValue: String

    /// Accepts an author-written slug or id only if it already satisfies the invariant.
    public init?(validating text: String) {
        guard !text.isEmpty, text.count <= 200,
              text.unicodeScalars.allSatisfy(Slug.isAllowed),
              text.first != "-" else { return nil }
        rawValue = text
    }

    /// Makes a slug from free text: folds accents (`réseau` → `reseau`), lowercases, and joins
    /// words with `-`. Returns `nil` when nothing usable remains (e.g. text of only punctuation).
    public init?(making text: String) {
        // Byte by byte: every kept character is ASCII, and titles and headings are slugged by
        // the thousand (one `String` append per character was a percent of a large build).
        var result: [UInt8] = []
        var pendingDash = false
        for byte in Slug.foldedBytes(text) {
            if Slug.isAllowed(byte) && byte != UInt8(ascii: "-") && byte != UInt8(ascii: "_") {
                if pendingDash && !result.isEmpty { result.append(UInt8(ascii: "-")) }
                result.append(byte)
                pendingDash = false
            } else {
                pendingDash = true
            }
        }
        if result.count > 80 {
            result.removeLast(result.count - 80)
            while result.last == UInt8(ascii: "-") { result.removeLast() }
        }
        // Never starts with `-` and holds only allowed bytes: only emptiness can fail.
        guard !result.isEmpty else { return nil }
        rawValue = String(decoding: result, as: UTF8.self)
    }

    public var description: String { rawValue }

    public static func < (lhs: Slug, rhs: Slug) -> Bool { lhs.rawValue < rhs.rawValue }

    private static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && isAllowed(UInt8(scalar.value))
    }

    private static func isAllowed(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "_")
    }

    /// Lowercases and strips diacritics, keeping the base letters (`Œ` → `oe`, `ç` → `c`).
    ///
    /// Folds scalar by scalar with a table for Latin letters, because Foundation's folding of whole
    /// bodies was a sixth of a large build; other scripts take the general (slower) path.
    static func fold(_ text: String) -> String {
        String(decoding: foldedBytes(text), as: UTF8.self)
    }

    /// `fold`'s UTF-8 bytes, for callers that work on bytes.
    static func foldedBytes(_ text: String) -> [UInt8] {
        var text = text
        return text.withUTF8 { source in
            var bytes: [UInt8] = []
            bytes.reserveCapacity(source.count)
            var index = 0
            while index < source.count {
                let lead = source[index]
                if lead < 0x80 {
                    bytes.append(lowercased(lead))
                    index += 1
                } else {
                    index += appendFolded(scalarAt: index, in: source, to: &bytes)
                }
            }
            return bytes
        }
    }

    /// `A`–`Z` lowered; other ASCII as is.
    @inline(__always)
    static func lowercased(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
    }

    /// Appends the folded form of the non-ASCII scalar starting at `index` and returns its byte
    /// length, for loops that handle ASCII inline (`fold`, and the search tokenizer).
    static func appendFolded(scalarAt index: Int, in source: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) -> Int {
        let length = UTF8Scalars.length(lead: source[index])
        guard let scalar = UTF8Scalars.scalar(in: source, at: index, length: length) else { return length }
        let value = scalar.value
        if value < 0x80 + UInt32(latinFolds.count) {
            bytes.append(contentsOf: latinFolds[Int(value) - 0x80].utf8)
        } else if (0x2000..<0x2070).contains(value) {
            // Punctuation (’ – “): nothing to fold.
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[index..<(index + length)]))
        } else if !(0x300...0x36F).contains(value) {
            bytes.append(contentsOf: generalFold(String(scalar)).utf8)
        }
        return length
    }

    /// Folded forms of U+0080 to U+024F (Latin-1 Supplement, Latin Extended-A and -B).
    private static let latinFolds: [String] = (UInt32(0x80)..<0x250).map { value in
        Unicode.Scalar(value).map { generalFold(String($0)) } ?? ""
    }

    private static func generalFold(_ text: String) -> String {
        let lowered = text.lowercased()
            .replacingOccurrences(of: "œ", with: "oe")
            .replacingOccurrences(of: "æ", with: "ae")
            .replacingOccurrences(of: "ß", with: "ss")
        var folded = String.UnicodeScalarView()
        for scalar in lowered.decomposedStringWithCanonicalMapping.unicodeScalars
        where !(0x300...0x36F).contains(scalar.value) {
            folded.append(scalar)
        }
        return String(folded)
    }
}
