internal import CLibstemmer

/// Snowball stemming through libstemmer, so `partnerships` and `partnership` share one entry.
///
/// A libstemmer handle is not thread-safe: each index build makes its own and frees it on
/// deinit; the pointer never leaves this file. Stems are memoized because words repeat.
final class SnowballStemmer {
    private let handle: OpaquePointer?
    private var cache: [String: String] = [:]

    /// The algorithm for a language code (`en` → english, `fr` → french); nil when libstemmer
    /// has none, in which case words are indexed unstemmed.
    init(language: LocaleCode) {
        let names = ["en": "english", "fr": "french", "es": "spanish", "de": "german", "it": "italian", "pt": "portuguese"]
        handle = sb_stemmer_new(names[language.rawValue] ?? language.rawValue, "UTF_8")
    }

    deinit {
        if let handle { sb_stemmer_delete(handle) }
    }

    func stem(_ word: String) -> String {
        if let cached = cache[word] { return cached }
        guard let handle else { return word }
        var result = word
        var bytes = Array(word.utf8)
        bytes.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress,
                  let stemmed = sb_stemmer_stem(handle, base, Int32(buffer.count)) else { return }
            let length = Int(sb_stemmer_length(handle))
            result = String(decoding: UnsafeBufferPointer(start: stemmed, count: length), as: UTF8.self)
        }
        cache[word] = result
        return result
    }
}
