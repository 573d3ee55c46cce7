/// Counts the terms of one document at a time for the search index, numbering words and stems
/// not seen before in the memo's tables.
///
/// A struct with a mutating method rather than a function nested in `SearchIndexBuilder.build`:
/// the nested function's captured variables were checked for exclusive access at every word.
struct TermCounter {
    /// The memo's tables, taken from it while counting and handed back by `finish`.
    private var words: [String]
    private var wordStems: [Int]
    private var stems: [String]
    private let fieldCount: Int
    private let stemmer: SnowballStemmer
    /// Word → number; stopwords answer `stopwordNumber`, one lookup per word instead of two.
    private var wordNumbers: WordTable
    private var stemNumbers: [String: Int]
    /// The document being counted: each stem's slot in `counts` (-1 when absent) and whether each
    /// word occurs, by number, reset afterwards through the lists of what it touched.
    private var stemSlotsOfDocument: [Int32]
    private var wordSeen: [Bool]
    private var documentStems: [Int32] = []
    private var documentWords: [Int32] = []

    private static let stopwordNumber = -1

    /// Takes `memo`'s word and stem tables (so that growing them copies nothing) until `finish`.
    init(taking memo: inout SearchMemo, stopwords: Set<String>, stemmer: SnowballStemmer, fieldCount: Int) {
        words = memo.words
        wordStems = memo.wordStems
        stems = memo.stems
        (memo.words, memo.wordStems, memo.stems) = ([], [], [])
        self.fieldCount = fieldCount
        self.stemmer = stemmer
        wordNumbers = WordTable(minimumCapacity: words.count + stopwords.count)
        // In reverse, so that a word listed twice keeps its first number.
        for (number, word) in words.enumerated().reversed() { wordNumbers.set(number, for: word) }
        for word in stopwords { wordNumbers.set(TermCounter.stopwordNumber, for: word) }
        stemNumbers = Dictionary(zip(stems, stems.indices), uniquingKeysWith: { first, _ in first })
        stemSlotsOfDocument = [Int32](repeating: -1, count: stems.count)
        wordSeen = [Bool](repeating: false, count: words.count)
    }

    /// Gives the tables, grown by the documents counted, back to `memo`.
    consuming func finish(into memo: inout SearchMemo) {
        (memo.words, memo.wordStems, memo.stems) = (words, wordStems, stems)
    }

    /// The terms of a document whose fields hold `texts`, in field order.
    mutating func count(_ texts: [String]) -> SearchMemo.DocumentTerms {
        var counts: [Int] = []
        var fieldLengths = [Int](repeating: 0, count: fieldCount)
        for (field, text) in texts.enumerated() {
            SearchText.forEachWord(in: text) { bytes in
                let wordID: Int
                if let known = wordNumbers.value(for: bytes) {
                    guard known != TermCounter.stopwordNumber else { return }
                    wordID = known
                } else {
                    wordID = number(newWord: bytes)
                }
                if !wordSeen[wordID] {
                    wordSeen[wordID] = true
                    documentWords.append(Int32(wordID))
                }
                let stemID = wordStems[wordID]
                var slot = Int(stemSlotsOfDocument[stemID])
                if slot < 0 {
                    slot = documentStems.count
                    stemSlotsOfDocument[stemID] = Int32(slot)
                    documentStems.append(Int32(stemID))
                    counts.append(contentsOf: repeatElement(0, count: fieldCount))
                }
                counts[slot * fieldCount + field] += 1
                fieldLengths[field] += 1
            }
        }
        let entry = SearchMemo.DocumentTerms(words: documentWords.sorted(), stems: documentStems, denseCounts: counts,
                                             fieldCount: fieldCount, lengths: fieldLengths)
        for word in documentWords { wordSeen[Int(word)] = false }
        for stem in documentStems { stemSlotsOfDocument[Int(stem)] = -1 }
        documentWords.removeAll(keepingCapacity: true)
        documentStems.removeAll(keepingCapacity: true)
        return entry
    }

    /// Numbers a word not seen before, and its stem if that is new too.
    private mutating func number(newWord bytes: UnsafeBufferPointer<UInt8>) -> Int {
        let word = String(decoding: bytes, as: UTF8.self)
        let stem = stemmer.stem(word)
        let stemID: Int
        if let known = stemNumbers[stem] {
            stemID = known
        } else {
            stemID = stems.count
            stems.append(stem)
            stemNumbers[stem] = stemID
            stemSlotsOfDocument.append(-1)
        }
        let wordID = words.count
        words.append(word)
        wordStems.append(stemID)
        wordNumbers.set(wordID, for: bytes)
        wordSeen.append(false)
        return wordID
    }
}
