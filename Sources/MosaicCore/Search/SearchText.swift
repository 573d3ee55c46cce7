/// Tokenizing shared by the index builder and mirrored by `search.js`: fold case and accents
/// (`Réseau` → `reseau`), split on anything that is not a letter or digit, drop stopwords.
enum SearchText {
    static func words(in text: String) -> [String] {
        var words: [String] = []
        forEachWord(in: text) { words.append(String(decoding: $0, as: UTF8.self)) }
        return words
    }

    /// Hands each folded word of `text` to `body` as bytes, valid only during the call: the index
    /// looks most words up without ever making them `String`s.
    static func forEachWord(in text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var folded = Slug.fold(text)
        // Byte by byte: folded text is mostly ASCII, and walking `unicodeScalars` was most of the
        // search index's time; other scalars are decoded and judged by their properties.
        let wordBytes = asciiWordBytes // read once, not through the lazy global's check per byte
        folded.withUTF8 { bytes in
            var start = -1
            var index = 0
            while index < bytes.count {
                let lead = bytes[index]
                let length = UTF8Scalars.length(lead: lead)
                let isWord = lead < 0x80 ? wordBytes[Int(lead)]
                    : UTF8Scalars.scalar(in: bytes, at: index, length: length).map(isWordScalar) ?? false
                if isWord {
                    if start < 0 { start = index }
                } else if start >= 0 {
                    body(UnsafeBufferPointer(rebasing: bytes[start..<index]))
                    start = -1
                }
                index += length
            }
            if start >= 0 { body(UnsafeBufferPointer(rebasing: bytes[start..<bytes.count])) }
        }
    }

    /// `a`–`z` and `0`–`9`: the ASCII a word is made of once folded.
    private static let asciiWordBytes: [Bool] = (0..<128).map { byte in
        (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte)
    }

    /// Whether a non-ASCII scalar is a letter or a digit.
    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    /// Words too common to help ranking, per language (already folded).
    static func stopwords(for language: LocaleCode) -> Set<String> {
        switch language.rawValue {
        case "en":
            return ["a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "has", "have", "in", "into",
                    "is", "it", "its", "of", "on", "or", "that", "the", "their", "them", "there", "these", "they",
                    "this", "to", "was", "were", "which", "will", "with", "we", "our", "not", "can", "also", "been"]
        case "fr":
            return ["a", "au", "aux", "avec", "ce", "ces", "cet", "cette", "d", "dans", "de", "des", "du", "elle",
                    "en", "est", "et", "il", "ils", "l", "la", "le", "les", "leur", "leurs", "mais", "n", "ne", "ou",
                    "par", "pas", "pour", "qu", "que", "qui", "s", "sa", "se", "ses", "son", "sont", "sur", "un",
                    "une", "y", "ete", "etre", "ont", "plus", "nous", "vous", "on"]
        default:
            return []
        }
    }
}
