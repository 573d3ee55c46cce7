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
    /// Each document's terms, by the key of what its entry is made from (`RenderKeys.search`).
    var documents: [UInt64: DocumentTerms] = [:]
    /// Digest of every entry in numbering order, and the index files (chunks, facets, manifest)
    /// made from them with their content keys: the same entries next time keep those files.
    var inputs: UInt64 = 0
    var files: [(path: OutputPath, key: UInt64)] = []
    /// What the facets file among `files` was made from (numbering and site structure).
    var facetsKey: UInt64 = 0

    /// Kept in 32-bit numbers and only the fields a stem occurs in: at 100,000 documents these
    /// are some 40 million stem occurrences, and full-width counts for every field took gigabytes.
    struct DocumentTerms: Sendable {
        /// The words that occur in the document, each once.
        var words: [Int32]
        /// The stems that occur.
        var stems: [Int32]
        /// Per stem, in `stems` order, each field it occurs in, ascending, as `field << 28 | count`;
        /// the last entry of a stem has the top bit set.
        var fieldCounts: [UInt32]
        /// How many words each field holds.
        var lengths: [Int]

        static let lastOfStem: UInt32 = 1 << 31

        /// Builds the entries from dense counts, `fieldCount` per stem.
        init(words: [Int32], stems: [Int32], denseCounts: [Int], fieldCount: Int, lengths: [Int]) {
            self.words = words
            self.stems = stems
            self.lengths = lengths
            var entries: [UInt32] = []
            entries.reserveCapacity(stems.count + stems.count / 4)
            // No array per stem: a document has hundreds of stems, and a filtered list of each one's
            // fields was an allocation apiece.
            for slot in stems.indices {
                let row = slot * fieldCount
                guard let last = (0..<fieldCount).last(where: { denseCounts[row + $0] > 0 }) else { continue }
                for field in 0...last where denseCounts[row + field] > 0 {
                    let count = UInt32(min(denseCounts[row + field], (1 << 28) - 1))
                    entries.append(UInt32(field) << 28 | count | (field == last ? DocumentTerms.lastOfStem : 0))
                }
            }
            fieldCounts = entries
        }

        init(words: [Int32], stems: [Int32], fieldCounts: [UInt32], lengths: [Int]) {
            self.words = words
            self.stems = stems
            self.fieldCounts = fieldCounts
            self.lengths = lengths
        }
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
        writer.write(inputs)
        writer.write(keyedPaths: files)
        writer.write(facetsKey)
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
            guard Int(terms.words.max() ?? 0) < max(words.count, 1), (terms.words.min() ?? 0) >= 0,
                  Int(terms.stems.max() ?? 0) < max(stems.count, 1), (terms.stems.min() ?? 0) >= 0,
                  terms.fieldCounts.count(where: { $0 & DocumentTerms.lastOfStem != 0 }) == terms.stems.count,
                  terms.fieldCounts.last.map({ $0 & DocumentTerms.lastOfStem != 0 }) ?? terms.stems.isEmpty,
                  terms.fieldCounts.allSatisfy({ Int(($0 >> 28) & 7) < terms.lengths.count }) else { throw BinaryReader.Damaged() }
            documents[key] = terms
        }
        inputs = try reader.readUInt64()
        files = try reader.readKeyedPaths()
        facetsKey = try reader.readUInt64()
    }
}

extension SearchMemo.DocumentTerms: CacheCodable {
    func write(to writer: inout BinaryWriter) {
        writer.write(integers: words)
        writer.write(integers: stems)
        writer.write(integers: fieldCounts)
        writer.write(lengths)
    }

    init(from reader: inout BinaryReader) throws {
        self.init(words: try reader.readIntegers(as: Int32.self),
                  stems: try reader.readIntegers(as: Int32.self),
                  fieldCounts: try reader.readIntegers(as: UInt32.self),
                  lengths: try reader.readIntegers())
    }
}
