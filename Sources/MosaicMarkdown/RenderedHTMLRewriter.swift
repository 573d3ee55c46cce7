#if canImport(Glibc)
internal import Glibc
#elseif canImport(Darwin)
internal import Darwin
#endif

/// Finishes cmark's HTML where its renderer has no option: heading ids and language badges.
///
/// With `CMARK_OPT_SOURCEPOS` every block carries its source position, the key the tree walk
/// used for each heading; the attribute becomes the heading's `id` and is dropped elsewhere.
/// Links to another language carry a title starting with a private-use marker, which becomes
/// `hreflang` and a `data-language` badge. User text cannot forge either: in safe mode raw HTML
/// is omitted and quotes are escaped; a user-written title loses only its marker character.
enum RenderedHTMLRewriter {
    private static let marker = Array(" data-sourcepos=\"".utf8)
    /// Starts a link title that names the target's language (U+E000, private use).
    static let languageMarker = "\u{E000}"
    private static let titleMarker = Array(" title=\"\u{E000}".utf8)
    /// Where each marker's `=` is.
    private static let markerEquals = " data-sourcepos".utf8.count
    private static let titleEquals = " title".utf8.count

    static func rewrite(_ html: String, headingAnchors: [String: String]) -> String {
        var html = html
        // Unchanged runs are copied whole: a byte-by-byte copy of every body was a visible share
        // of the Markdown stage. Both markers hold one `=` at a fixed place, and `=` is rare
        // outside attributes, so `memchr` finds the candidates instead of a test at every space.
        let marker = marker, titleMarker = titleMarker
        let markerEquals = markerEquals, titleEquals = titleEquals
        let output = html.withUTF8 { bytes -> [UInt8] in
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count + headingAnchors.count * 16)
            guard let base = bytes.baseAddress else { return output }
            var copied = 0
            var search = 0
            while search < bytes.count, let found = memchr(base + search, Int32(UInt8(ascii: "=")), bytes.count - search) {
                let equals = UnsafeRawPointer(base).distance(to: found)
                search = equals + 1
                let isSource = equals - markerEquals >= copied && starts(marker, in: bytes, at: equals - markerEquals)
                guard isSource || (equals - titleEquals >= copied && starts(titleMarker, in: bytes, at: equals - titleEquals)) else {
                    continue
                }
                let index = equals - (isSource ? markerEquals : titleEquals)
                let valueStart = index + (isSource ? marker.count : titleMarker.count)
                var end = valueStart
                while end < bytes.count, bytes[end] != UInt8(ascii: "\"") { end += 1 }
                let value = UnsafeBufferPointer(rebasing: bytes[valueStart..<end])
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<index]))
                if isSource {
                    // `line:column-line:column`; the heading's start is its key.
                    let position = UnsafeBufferPointer(rebasing: value.prefix { $0 != UInt8(ascii: "-") })
                    if isHeadingTag(bytes, endingAt: index), let anchor = headingAnchors[String(decoding: position, as: UTF8.self)] {
                        output.append(contentsOf: " id=\"".utf8)
                        appendAttribute(anchor, to: &output)
                        output.append(UInt8(ascii: "\""))
                    }
                } else {
                    let language = String(decoding: value, as: UTF8.self)
                    output.append(contentsOf: " hreflang=\"".utf8)
                    appendAttribute(language, to: &output)
                    output.append(contentsOf: "\" class=\"other-language\" data-language=\"".utf8)
                    appendAttribute(language.uppercased(), to: &output)
                    output.append(UInt8(ascii: "\""))
                }
                copied = end + 1
                search = copied
            }
            if copied < bytes.count { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<bytes.count])) }
            return output
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func starts(_ pattern: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        guard index + pattern.count <= bytes.count else { return false }
        for offset in 0..<pattern.count where bytes[index + offset] != pattern[offset] { return false }
        return true
    }

    /// True when the attribute at `index` follows `<h1` … `<h6` directly.
    private static func isHeadingTag(_ bytes: UnsafeBufferPointer<UInt8>, endingAt index: Int) -> Bool {
        guard index >= 3 else { return false }
        return bytes[index - 3] == UInt8(ascii: "<") && bytes[index - 2] == UInt8(ascii: "h")
            && (UInt8(ascii: "1")...UInt8(ascii: "6")).contains(bytes[index - 1])
    }

    /// Appends `value` escaped for a double-quoted attribute, byte by byte: walking `Character`s
    /// for every heading anchor was most of this pass.
    static func appendAttribute(_ value: String, to output: inout [UInt8]) {
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "&"): output.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "\""): output.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "<"): output.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): output.append(contentsOf: "&gt;".utf8)
            default: output.append(byte)
            }
        }
    }
}
