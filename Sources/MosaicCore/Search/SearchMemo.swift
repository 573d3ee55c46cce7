/// What one language's search index keeps for the next build: every word and stem seen so far,
/// and each document's terms as numbers into those tables, so an unchanged document is neither
/// tokenized nor stemmed again and its terms are counted without hashing a string.
///
/// Numbers only ever grow; the index written from them does not depend on the numbering, and a
/// table grown well past what the documents use is dropped so the next build starts it afresh.
struct SearchMemo: Sendable {
    var words: [String] = []
    /// The stem number of each word.
    var wordStems: [Int] = []
    var stems: [String] = []
    /// Each document's terms, by the digest of its field texts.
    var documents: [UInt64: DocumentTerms] = [:]

    struct DocumentTerms: Sendable {
        /// The words that occur in the document, each once.
        var words: [Int]
        /// The stems that occur, and per stem its count in each field (`stems.count × fields`).
        var stems: [Int]
        var counts: [Int]
        /// How many words each field holds.
        var lengths: [Int]
    }
}

extension SearchMemo: CacheCodable {
    func write(to writer: inout BinaryWriter) {
        writer.write(words)
        writer.write(wordStems)
        writer.write(stems)
        writer.write(UInt64(documents.count))
        for key in documents.keys.sorted() {
            writer.write(key)
            documents[key]?.write(to: &writer)
        }
    }

    init(from reader: inout BinaryReader) throws {
        words = try reader.readArray()
        wordStems = try reader.readIntegers()
        stems = try reader.readArray()
        guard wordStems.count == words.count, (wordStems.max() ?? 0) < max(stems.count, 1), (wordStems.min() ?? 0) >= 0 else {
            throw BinaryReader.Damaged()
        }
        for _ in 0..<(try reader.readCount()) {
            let key = try reader.readUInt64()
            let terms = try DocumentTerms(from: &reader)
            guard (terms.words.max() ?? 0) < max(words.count, 1), (terms.words.min() ?? 0) >= 0,
                  (terms.stems.max() ?? 0) < max(stems.count, 1), (terms.stems.min() ?? 0) >= 0,
                  terms.counts.count == terms.stems.count * terms.lengths.count else { throw BinaryReader.Damaged() }
            documents[key] = terms
        }
    }
}

extension SearchMemo.DocumentTerms: CacheCodable {
    func write(to writer: inout BinaryWriter) {
        writer.write(words)
        writer.write(stems)
        writer.write(counts)
        writer.write(lengths)
    }

    init(from reader: inout BinaryReader) throws {
        self.init(words: try reader.readIntegers(), stems: try reader.readIntegers(), counts: try reader.readIntegers(),
                  lengths: try reader.readIntegers())
    }
}
