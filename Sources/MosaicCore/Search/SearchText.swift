/// Tokenizing shared by the index builder and mirrored by `search.js`: fold case and accents
/// (`Réseau` → `reseau`), split on anything that is not a letter or digit, drop stopwords.
enum SearchText {
    static func words(in text: String) -> [String] {
        let folded = Slug.fold(text)
        let scalars = folded.unicodeScalars
        var words: [String] = []
        var start: String.Index?
        var index = scalars.startIndex
        while index < scalars.endIndex {
            if isWordScalar(scalars[index]) {
                if start == nil { start = index }
            } else if let wordStart = start {
                words.append(String(folded[wordStart..<index]))
                start = nil
            }
            scalars.formIndex(after: &index)
        }
        if let wordStart = start { words.append(String(folded[wordStart...])) }
        return words
    }

    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            return ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
        }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
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
