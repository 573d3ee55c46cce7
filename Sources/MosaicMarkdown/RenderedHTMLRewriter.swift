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

    static func rewrite(_ html: String, headingAnchors: [String: String]) -> String {
        var html = html
        // Unchanged runs are copied whole: a byte-by-byte copy of every body was a visible share
        // of the Markdown stage.
        let marker = marker, titleMarker = titleMarker
        let output = html.withUTF8 { bytes -> [UInt8] in
            var output: [UInt8] = []
            output.reserveCapacity(bytes.count + headingAnchors.count * 16)
            var copied = 0
            var index = 0
            while index < bytes.count {
                guard bytes[index] == 0x20 else {
                    index += 1
                    continue
                }
                if starts(marker, in: bytes, at: index) {
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<index]))
                    var end = index + marker.count
                    while end < bytes.count, bytes[end] != UInt8(ascii: "\"") { end += 1 }
                    let position = bytes[(index + marker.count)..<end].prefix { $0 != UInt8(ascii: "-") }
                    if isHeadingTag(bytes, endingAt: index),
                       let anchor = headingAnchors[String(decoding: UnsafeBufferPointer(rebasing: position), as: UTF8.self)] {
                        output.append(contentsOf: Array(" id=\"".utf8))
                        output.append(contentsOf: Array(escapeAttribute(anchor).utf8))
                        output.append(UInt8(ascii: "\""))
                    }
                    index = end + 1
                    copied = index
                } else if starts(titleMarker, in: bytes, at: index) {
                    output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<index]))
                    var end = index + titleMarker.count
                    while end < bytes.count, bytes[end] != UInt8(ascii: "\"") { end += 1 }
                    let language = String(decoding: UnsafeBufferPointer(rebasing: bytes[(index + titleMarker.count)..<end]), as: UTF8.self)
                    let attributes = " hreflang=\"\(escapeAttribute(language))\" class=\"other-language\" data-language=\"\(escapeAttribute(language.uppercased()))\""
                    output.append(contentsOf: Array(attributes.utf8))
                    index = end + 1
                    copied = index
                } else {
                    index += 1
                }
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

    static func escapeAttribute(_ value: String) -> String {
        var result = ""
        for character in value {
            switch character {
            case "&": result += "&amp;"
            case "\"": result += "&quot;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            default: result.append(character)
            }
        }
        return result
    }
}
