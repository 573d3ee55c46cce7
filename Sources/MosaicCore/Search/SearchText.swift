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
    ///
    /// Folds and splits in one pass over the bytes: ASCII (most of any hub's text) is lowered and
    /// judged inline; another scalar is folded first (`Slug.appendFolded`) and what it folds to
    /// is judged scalar by scalar, exactly as if the whole text had been folded beforehand.
    /// Folding every text into a new string first was a fifth of the index's counting. Inlined so
    /// that `body` is too: called through a closure, its captured counters paid for dynamic
    /// exclusivity checks on every word.
    @inline(__always)
    static func forEachWord(in text: String, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        var text = text
        let wordBytes = asciiWordBytes // read once, not through the lazy global's check per byte
        var word: [UInt8] = []
        word.reserveCapacity(64)
        var folded: [UInt8] = []
        text.withUTF8 { source in
            var index = 0
            while index < source.count {
                let lead = source[index]
                if lead < 0x80 {
                    let byte = Slug.lowercased(lead)
                    if wordBytes[Int(byte)] { word.append(byte) } else { endWord(&word, body) }
                    index += 1
                    continue
                }
                folded.removeAll(keepingCapacity: true)
                index += Slug.appendFolded(scalarAt: index, in: source, to: &folded)
                folded.withUnsafeBufferPointer { scalars in
                    var offset = 0
                    while offset < scalars.count {
                        let first = scalars[offset]
                        let length = UTF8Scalars.length(lead: first)
                        let isWord = first < 0x80 ? wordBytes[Int(first)]
                            : UTF8Scalars.scalar(in: scalars, at: offset, length: length).map(isWordScalar) ?? false
                        if isWord {
                            word.append(contentsOf: UnsafeBufferPointer(rebasing: scalars[offset..<Swift.min(offset + length, scalars.count)]))
                        } else {
                            endWord(&word, body)
                        }
                        offset += length
                    }
                }
            }
        }
        endWord(&word, body)
    }

    /// Hands a finished word to `body` and empties it. Not a nested function: one capturing `word`
    /// made every byte's append pay for a dynamic exclusivity check.
    @inline(__always)
    private static func endWord(_ word: inout [UInt8], _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        guard !word.isEmpty else { return }
        word.withUnsafeBufferPointer { buffer in body(buffer) }
        word.removeAll(keepingCapacity: true)
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
