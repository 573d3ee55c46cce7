import Foundation

/// Stage 6: one search index per language, written as data (`Codable`), split into small chunks
/// by word range with content-hashed names behind a small manifest.
///
/// Every file is a script calling `window.__mosaicSearch(kind, language, payload)`, so the index
/// loads with `<script>` tags and works over http(s) and from a folder (`file://`) alike. Scores
/// are BM25F, computed here once per word and document, so the browser only adds integers.
struct SearchIndexBuilder {
    let config: SiteConfig
    let graph: SiteGraph
    let rendered: [RenderedDocument]
    let strings: [LocaleCode: InterfaceStrings]
    /// By page position, a digest of everything the page's entry is made from
    /// (`RenderKeys.search`): the memo and the previous excerpt files are found by it, so an
    /// unchanged document is neither read again nor its excerpt made again.
    let entryKeys: [UInt64]
    /// A document's text, also when it is not held in memory (spilled, or from the build cache),
    /// for its terms and excerpt.
    var text: @Sendable (RenderedDocument) -> String = { $0.plainText }
    /// Keeps the previous build's file made with this key, if there is one (see `RenderPlan`).
    var reuse: @Sendable (UInt64) -> Bool = { _ in false }
    /// Takes excerpt files, each with the key it was made from, a block at a time as they are made:
    /// one per document, they are hundreds of megabytes on a 100,000-document hub.
    var writeFragments: @Sendable ([(file: OutputFile, key: UInt64)]) -> Void = { _ in }
    /// Keeps the previous build's files if it has every one of them with these keys, else none
    /// (see `RenderPlan.keepAll`): a language none of whose entries changed is not built again.
    var keepAll: @Sendable ([(path: OutputPath, key: UInt64)]) -> Bool = { _ in false }
    /// Digest of every page's front matter, path and section (`RenderKeys.structureDigest`): with
    /// the same documents in the same order, the facets follow from it, so a body edit keeps them.
    let structure: UInt64

    /// One language's files, apart from the excerpt fragments given to `writeFragments`.
    struct Output {
        var files: [OutputFile] = []
        var memo: SearchMemo
        /// The memo is the one the build was given: none of the language's entries changed.
        var isPrevious = false
    }

    static let fieldWeights: [Double] = [5, 3, 2, 1, 2, 2] // title, headings, summary, body, taxonomy labels, LIP names
    static let k1 = 1.2
    static let b = 0.75
    static let chunkBudget = 12_000
    static let fragmentLength = 3_000
    /// The place of the body among `fieldWeights`.
    static let bodyField = 3
    /// Documents whose field texts are prepared at a time, across the cores.
    private static let preparedBlock = 1024

    struct Manifest: Encodable {
        var version = 1
        var language: String
        var documentCount: Int
        var chunks: [ChunkEntry]
        /// The folder (relative to `search/<lang>/`) holding `<doc>.js` for every document; its
        /// name carries the hash of all fragments, so the manifest stays small at any size.
        var fragments: String
        var synonyms: [[String]]
        var stopwords: [String]
        var facets: FacetsEntry
    }

    struct ChunkEntry: Encodable {
        var from: String
        var to: String
        var file: String
    }

    struct FacetsEntry: Encodable {
        var file: String
    }

    /// `postings[slot]` is a `SearchNumbers.postings` string: document gaps and scores.
    struct Chunk {
        var words: [String: Int]
        var postings: [String]

        /// Written through `JSONValue`: `JSONEncoder` over every chunk was a sixth of the index's
        /// time in an incremental build, where the chunks are all that is made afresh.
        var json: String {
            JSONValue.object(["postings": .array(postings.map(JSONValue.string)), "words": .object(words.mapValues(JSONValue.number))]).text
        }
    }

    /// Facet values with, per value, the documents that have it (`SearchNumbers.documentSet`).
    ///
    /// Stored by value rather than by document: documents are numbered by type, then year, so those
    /// lists are a few runs each, and the whole file is a fraction of one row per document.
    struct Facets: Encodable {
        var names: [String]
        var values: [String: [String]]
        /// Stable ids beside the labels (type name, LIP translation key, term id, year), so "both
        /// languages" merges the same facet value from two indexes.
        var keys: [String: [String]]
        var documentCount: Int
        /// Facets whose one value every document of this index has (its language), without lists.
        var uniform: [String: Int]
        var lists: [String: [String]]
    }

    /// One result's excerpt data, written by hand in `JSONEncoder`'s sorted-keys form: the encoder on
    /// 10,000 of these was a visible share of a large build, and a `JSONValue` dictionary still was.
    struct Fragment {
        var doc: Int
        var title: String
        var url: String
        var type: String
        var lip: String
        var date: String
        var dateText: String
        var language: String
        var text: String

        /// The fields in sorted key order.
        var json: String {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(text.utf8.count + title.utf8.count + url.utf8.count + 160)
            bytes.append(UInt8(ascii: "{"))
            append("date", date, to: &bytes)
            append("dateText", dateText, to: &bytes)
            bytes += Array("\"doc\":\(doc),".utf8)
            append("language", language, to: &bytes)
            append("lip", lip, to: &bytes)
            append("text", text, to: &bytes)
            append("title", title, to: &bytes)
            append("type", type, to: &bytes)
            append("url", url, to: &bytes)
            bytes[bytes.count - 1] = UInt8(ascii: "}")
            return String(decoding: bytes, as: UTF8.self)
        }

        /// `"key":"value",`
        private func append(_ key: String, _ value: String, to bytes: inout [UInt8]) {
            JSONText.append(key, to: &bytes)
            bytes.append(UInt8(ascii: ":"))
            JSONText.append(value, to: &bytes)
            bytes.append(UInt8(ascii: ","))
        }
    }

    /// One language's index; languages are independent, so callers may build them in parallel.
    ///
    /// `memo` holds the terms of documents seen by an earlier build; the returned memo holds
    /// this build's, for the next one.
    func build(language: LocaleCode, memo previous: SearchMemo? = nil) -> Output {
        let documents = SearchIndexBuilder.inNumberingOrder(rendered.filter { $0.page.language == language },
                                                             rank: graph.index.listRank)
        let strings = strings[language] ?? InterfaceStrings(language: language, table: [:])
        let stemmer = SnowballStemmer(language: language)
        let stopwords = SearchText.stopwords(for: language)
        let folder = ["search", language.rawValue]
        let taxonomyFields = TaxonomyFields(config: config)

        // The folder changes when documents are added, removed or renumbered; a fragment whose
        // document changed keeps its name, so one edit rewrites one fragment.
        var numbering = Digest()
        for document in documents { numbering.add(document.page.document.source.path.rawValue) }
        let fragmentFolder = "f-" + numbering.hex
        /// Where document number `doc`'s excerpt goes, and the key of what it is made from.
        @Sendable func fragmentEntry(_ doc: Int) -> (path: OutputPath, key: UInt64) {
            let path = OutputPath(components: folder + [fragmentFolder, "\(doc).js"])!
            var key = Digest()
            key.add(path.rawValue)
            key.add(entryKeys[documents[doc].page.position])
            return (path, key.value)
        }
        // Every file of the index follows from the entries in numbering order (the cache holding
        // the memo is dropped when the settings change): with the same entries, the previous
        // build's files are kept whole.
        var inputs = Digest()
        inputs.add(numbering)
        for document in documents { inputs.add(entryKeys[document.page.position]) }
        if let previous, previous.inputs == inputs.value, !previous.files.isEmpty,
           keepAll(previous.files + documents.indices.map(fragmentEntry)) {
            return Output(files: [], memo: previous, isPrevious: true)
        }

        // Per document: field lengths and per-stem field frequencies, as numbers into the memo's
        // word and stem tables, so counting works on integers rather than on strings.
        let fieldCount = SearchIndexBuilder.fieldWeights.count
        var memo = previous ?? SearchMemo()
        memo.documents = [:]
        // Made for the first document not found in the memo: an incremental build rarely needs it.
        var counter: TermCounter?
        var terms: [SearchMemo.DocumentTerms] = []
        terms.reserveCapacity(documents.count)
        // The field texts of each document the memo does not have, across the cores, a block at a
        // time (so that only a block's texts are held); on an incremental build nearly every
        // document is found in the memo by its key alone.
        ConcurrentRanges.blockingMap(count: documents.count, inBlocksOf: SearchIndexBuilder.preparedBlock) { doc -> [String]? in
            let document = documents[doc]
            guard previous?.documents[entryKeys[document.page.position]] == nil else { return nil }
            return fieldTexts(document, language: language, taxonomyFields: taxonomyFields)
        } consume: { start, prepared in
            for (document, fieldTexts) in zip(documents[start...], prepared) {
                let key = entryKeys[document.page.position]
                if let known = previous?.documents[key] ?? memo.documents[key] {
                    terms.append(known)
                    memo.documents[key] = known
                    continue
                }
                var texts = fieldTexts ?? self.fieldTexts(document, language: language, taxonomyFields: taxonomyFields)
                if !document.hasBody { texts[SearchIndexBuilder.bodyField] = text(document) }
                var active: TermCounter
                if let made = counter {
                    active = made
                } else {
                    active = TermCounter(taking: &memo, stopwords: stopwords, stemmer: stemmer, fieldCount: fieldCount)
                }
                // Held once, so that counting grows the tables in place.
                counter = nil
                let entry = active.count(texts)
                counter = active
                terms.append(entry)
                memo.documents[key] = entry
            }
        }
        counter?.finish(into: &memo)
        let count = Double(max(documents.count, 1))
        let averages = (0..<fieldCount).map { field in
            max(1, Double(terms.reduce(0) { $0 + $1.lengths[field] }) / count)
        }
        var documentFrequency = [Int](repeating: 0, count: memo.stems.count)
        var wordUsed = [Bool](repeating: false, count: memo.words.count)
        for entry in terms {
            for stemID in entry.stems { documentFrequency[Int(stemID)] += 1 }
            for wordID in entry.words { wordUsed[Int(wordID)] = true }
        }
        // Inverse document frequency once per stem rather than once per posting.
        let inverseFrequency = documentFrequency.map { frequency -> Double in
            let df = Double(frequency)
            return frequency == 0 ? 0 : log(1 + (count - df + 0.5) / (df + 0.5))
        }
        // Each posting packed as `document << 32 | score`, half the size of a pair of integers.
        var postingsByID = [[UInt64]](repeating: [], count: memo.stems.count)
        for (doc, entry) in terms.enumerated() {
            var cursor = 0
            for stemID in entry.stems.map(Int.init) {
                var weighted = 0.0
                while cursor < entry.fieldCounts.count {
                    let value = entry.fieldCounts[cursor]
                    cursor += 1
                    let field = Int((value >> 28) & 7)
                    let norm = 1 - SearchIndexBuilder.b + SearchIndexBuilder.b * Double(entry.lengths[field]) / averages[field]
                    weighted += SearchIndexBuilder.fieldWeights[field] * Double(value & 0x0FFF_FFFF) / norm
                    if value & SearchMemo.DocumentTerms.lastOfStem != 0 { break }
                }
                let idf = inverseFrequency[stemID]
                let score = idf * weighted * (SearchIndexBuilder.k1 + 1) / (weighted + SearchIndexBuilder.k1)
                postingsByID[stemID].append(UInt64(doc) << 32 | UInt64(max(1, Int((score * 100).rounded()))))
            }
        }
        let usedWords = memo.words.indices.filter { wordUsed[$0] }
        // The facets read each document's front matter and references, nothing of its text: with
        // the same structure and numbering, the previous build's facets file is kept.
        var facetsInputs = Digest()
        facetsInputs.add(numbering)
        facetsInputs.add(structure)
        memo.facetsKey = facetsInputs.value
        let keptFacets = previous.flatMap { previous -> (path: OutputPath, key: UInt64)? in
            guard previous.facetsKey == memo.facetsKey,
                  let file = previous.files.first(where: { $0.path.fileName.hasPrefix("facets-") }), keepAll([file]) else { return nil }
            return file
        }
        // Otherwise made on another core beside the chunks, which an incremental build makes
        // afresh for a changed language.
        let (words, wordStems, postings) = (memo.words, memo.wordStems, postingsByID)
        let (chunkOutput, facetsFile) = ConcurrentRanges.both {
            chunks(of: UTF16Order.sorted(usedWords, of: words), words: words, wordStems: wordStems, postings: postings,
                   language: language, folder: folder)
        } and: { () -> OutputFile? in
            guard keptFacets == nil else { return nil }
            return write(kind: "facets", language: language,
                         payload: facets(for: documents, language: language, strings: strings, taxonomyFields: taxonomyFields),
                         name: "facets", folder: folder)
        }
        var files = chunkOutput.files
        /// The excerpt file of document number `doc`, or `nil` when the previous build's is kept.
        @Sendable func fragmentFile(_ doc: Int) -> (file: OutputFile, key: UInt64)? {
            let document = documents[doc]
            let (path, key) = fragmentEntry(doc)
            if reuse(key) { return nil }
            let fragment = fragment(doc, document, language: language, strings: strings,
                                    text: SearchIndexBuilder.leadingCharacters(of: text(document)))
            let contents = script(kind: "fragment", language: language, json: fragment.json)
            return (OutputFile(path: path, contents: contents), key)
        }
        // One excerpt file per document, across the cores, a block at a time; a kept one is not made again.
        ConcurrentRanges.blockingMap(count: documents.count, inBlocksOf: SearchIndexBuilder.preparedBlock, fragmentFile) { _, made in
            writeFragments(made.compactMap { $0 })
        }
        if let facetsFile { files.append(facetsFile) }
        let facetsPath = facetsFile?.path ?? keptFacets?.path
        let manifest = Manifest(language: language.rawValue, documentCount: documents.count, chunks: chunkOutput.entries,
                                fragments: fragmentFolder + "/", synonyms: synonyms(stemmer: stemmer),
                                stopwords: stopwords.sorted(), facets: FacetsEntry(file: facetsPath.map { String($0.fileName) } ?? ""))
        files.append(OutputFile(path: OutputPath(components: folder + ["manifest.js"])!,
                                contents: script(kind: "manifest", language: language, payload: manifest)))
        memo.inputs = inputs.value
        memo.files = files.map { ($0.path, $0.contentKey) } + (keptFacets.map { [$0] } ?? [])
        // A table grown far past what the documents use starts afresh next time.
        return Output(files: files,
                      memo: memo.words.count > 2 * usedWords.count + 10_000 ? SearchMemo() : memo)
    }

    /// The chunk files for `wordIDs` (in UTF-16 order) with each word's stem postings, a file
    /// whenever the budget is reached, and the word range each file covers.
    private func chunks(of wordIDs: [Int], words: [String], wordStems: [Int], postings: [[UInt64]], language: LocaleCode,
                        folder: [String]) -> (files: [OutputFile], entries: [ChunkEntry]) {
        var files: [OutputFile] = []
        var entries: [ChunkEntry] = []
        var current = Chunk(words: [:], postings: [])
        var stemSlots: [Int: Int] = [:]
        var firstWord = ""
        var lastWord = ""
        var size = 0
        func flush() {
            guard !current.words.isEmpty else { return }
            let file = write(kind: "chunk", language: language, json: current.json, name: "c\(entries.count)", folder: folder)
            entries.append(ChunkEntry(from: firstWord, to: lastWord, file: String(file.path.fileName)))
            files.append(file)
            current = Chunk(words: [:], postings: [])
            stemSlots = [:]
            size = 0
        }
        for wordID in wordIDs {
            let word = words[wordID]
            let stemID = wordStems[wordID]
            if current.words.isEmpty { firstWord = word }
            if let slot = stemSlots[stemID] {
                current.words[word] = slot
            } else {
                stemSlots[stemID] = current.postings.count
                current.words[word] = current.postings.count
                let encoded = SearchNumbers.postings(postings[stemID].map { (document: Int($0 >> 32), score: Int($0 & 0xFFFF_FFFF)) })
                current.postings.append(encoded)
                size += encoded.utf8.count
            }
            size += word.utf8.count + 6
            lastWord = word
            if size >= SearchIndexBuilder.chunkBudget { flush() }
        }
        flush()
        return (files, entries)
    }

    /// Title, headings, summary, body, taxonomy labels and LIP names, in `fieldWeights` order.
    private func fieldTexts(_ document: RenderedDocument, language: LocaleCode, taxonomyFields: TaxonomyFields) -> [String] {
        let page = document.page
        return [
            page.document.title,
            document.headings.map(\.text).joined(separator: " "),
            page.document.summary ?? "",
            document.plainText,
            taxonomyLabels(page, language: language, taxonomyFields: taxonomyFields).joined(separator: " "),
            lipNames(page).joined(separator: " "),
        ]
    }

    /// Each type's taxonomy fields, sorted by name, worked out once per index instead of once
    /// per document.
    struct TaxonomyFields {
        private let byType: [String: [(name: String, taxonomy: Taxonomy)]]

        init(config: SiteConfig) {
            byType = config.types.mapValues { type in
                type.fields.sorted { $0.key < $1.key }.compactMap { name, field in
                    guard case .taxonomy(let id) = field.values, let taxonomy = config.taxonomy(id.rawValue) else { return nil }
                    return (name, taxonomy)
                }
            }
        }

        func of(_ page: IndexedPage) -> [(name: String, taxonomy: Taxonomy)] {
            page.document.type.flatMap { byType[$0] } ?? []
        }
    }

    private func taxonomyLabels(_ page: IndexedPage, language: LocaleCode, taxonomyFields: TaxonomyFields) -> [String] {
        taxonomyFields.of(page).flatMap { name, taxonomy -> [String] in
            guard let node = page.document.frontMatter[name] else { return [] }
            return (node.items ?? [node]).compactMap(\.scalar).compactMap {
                taxonomy.term($0)?.label.text(for: language, fallback: config.defaultLanguage)
            }
        }
    }

    /// Names of the LIPs a document belongs to (or its own, for a LIP), with acronyms.
    private func lipNames(_ page: IndexedPage) -> [String] {
        let lipType = config.graph.directoryType
        var pages = graph.references[page.position].filter { $0.field == config.graph.coverageViaField }.map(\.target)
        if let lipType, page.document.type == lipType { pages.append(page) }
        return pages.flatMap { lip in [lip.document.title] + ["acronym", "name"].compactMap { lip.document.frontMatter[$0]?.scalar } }
    }

    /// The facets, in the order the client shows them; a facet's name is its case's.
    private enum Facet: Int, CaseIterable {
        case type, lip, characteristic, language, year

        var name: String { String(describing: self) }
    }

    private func facets(for documents: [RenderedDocument], language: LocaleCode, strings: InterfaceStrings,
                        taxonomyFields: TaxonomyFields) -> Facets {
        let facetCount = Facet.allCases.count
        // Per facet: each value's label and key, the value's slot by key, and its documents.
        var labels = [[String]](repeating: [], count: facetCount)
        var keys = labels
        var slots = [[String: Int]](repeating: [:], count: facetCount)
        var members = [[[Int]]](repeating: [], count: facetCount)
        /// Records that document `doc` has the value keyed `key` of `facet`; the label is made
        /// only for a value not seen before.
        func add(_ doc: Int, _ facet: Facet, _ label: @autoclosure () -> String, key: String) {
            let f = facet.rawValue
            let index: Int
            if let known = slots[f][key] {
                index = known
            } else {
                index = keys[f].count
                slots[f][key] = index
                labels[f].append(label())
                keys[f].append(key)
                members[f].append([])
            }
            if members[f][index].last != doc { members[f][index].append(doc) }
        }
        let characteristicTaxonomy = config.graph.coverageTaxonomy ?? "characteristics"
        var lips: [Int] = []
        for (doc, document) in documents.enumerated() {
            let page = document.page
            add(doc, .type, page.document.type.map { typeLabel($0, strings: strings, language: language) } ?? (strings["other_documents"] ?? "Other"),
                key: page.document.type ?? "")
            lips.removeAll(keepingCapacity: true)
            for reference in graph.references[page.position] where reference.field == config.graph.coverageViaField {
                lips.append(reference.target.position)
            }
            lips.sort()
            for (place, lip) in lips.enumerated() where place == 0 || lips[place - 1] != lip {
                let target = graph.index.pages[lip].document
                add(doc, .lip, target.title, key: target.translationKey)
            }
            for (name, taxonomy) in taxonomyFields.of(page) where taxonomy.id.rawValue == characteristicTaxonomy {
                guard let node = page.document.frontMatter[name] else { continue }
                for term in (node.items ?? [node]).compactMap(\.scalar).compactMap({ taxonomy.term($0) }) {
                    add(doc, .characteristic, term.label.text(for: language, fallback: config.defaultLanguage), key: term.id.rawValue)
                }
            }
            add(doc, .language, strings["language_name_\(page.language)"] ?? page.language.rawValue, key: page.language.rawValue)
            if let date = page.document.date { add(doc, .year, String(date.year), key: String(date.year)) }
        }
        // Each index holds one language, so the client names the language facet itself.
        var values: [String: [String]] = [:]
        var keyLists: [String: [String]] = [:]
        var lists: [String: [String]] = [:]
        for facet in Facet.allCases {
            let name = facet.name
            values[name] = labels[facet.rawValue]
            guard facet != .language else { continue }
            keyLists[name] = keys[facet.rawValue]
            lists[name] = members[facet.rawValue].map { SearchNumbers.documentSet($0) }
        }
        return Facets(names: Facet.allCases.map(\.name), values: values, keys: keyLists, documentCount: documents.count,
                      uniform: documents.isEmpty ? [:] : ["language": 0], lists: lists)
    }

    /// `documents` numbered by type, then newest year first, then the site's list order (`rank`),
    /// so the type and year facet lists are a few runs each. Their positions are sorted, by keys
    /// taken out once: comparing the documents themselves copied two pages at every comparison.
    private static func inNumberingOrder(_ documents: [RenderedDocument], rank: [Int]) -> [RenderedDocument] {
        let keys = documents.map { document in
            (type: document.page.document.type, year: document.page.document.date?.year ?? Int.min,
             rank: rank[document.page.position])
        }
        return documents.indices.sorted { first, second in
            let (a, b) = (keys[first], keys[second])
            if a.type != b.type { return (a.type ?? "") < (b.type ?? "") }
            if a.year != b.year { return a.year > b.year }
            return a.rank < b.rank
        }.map { documents[$0] }
    }

    private func typeLabel(_ type: String, strings: InterfaceStrings, language: LocaleCode) -> String {
        config.types[type]?.label?.text(for: language, fallback: config.defaultLanguage) ?? strings["type_\(type)"] ?? type
    }

    private func fragment(_ doc: Int, _ document: RenderedDocument, language: LocaleCode, strings: InterfaceStrings,
                          text: String) -> Fragment {
        let page = document.page
        let root = OutputPath(components: ["index.html"])!
        let lip = graph.references[page.position].first { $0.field == config.graph.coverageViaField }?.target.document.title ?? ""
        return Fragment(doc: doc, title: page.document.title, url: page.outputPath.relativeURL(from: root),
                        type: page.document.type.map { typeLabel($0, strings: strings, language: language) } ?? "",
                        lip: lip, date: page.document.date?.description ?? "",
                        dateText: page.document.date.map(strings.format) ?? "", language: page.language.rawValue,
                        text: text)
    }

    /// The first `fragmentLength` characters of `text`. When those (and the one after) are ASCII
    /// without `\r`, each is one byte, so the bytes are cut directly; walking grapheme clusters
    /// was a visible share of the index.
    static func leadingCharacters(of text: String) -> String {
        let length = fragmentLength
        let cut = text.utf8.withContiguousStorageIfAvailable { bytes -> String? in
            let head = UnsafeBufferPointer(rebasing: bytes.prefix(length + 1))
            guard head.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) else { return nil }
            return String(decoding: UnsafeBufferPointer(rebasing: head.prefix(length)), as: UTF8.self)
        }
        return (cut ?? nil) ?? String(text.prefix(length))
    }

    /// Synonym groups from `mosaic.yml`, folded; multi-word entries of the same length that differ
    /// in one word pair those words (`collectivité accueillante` ~ `communauté accueillante`).
    private func synonyms(stemmer: SnowballStemmer) -> [[String]] {
        config.searchSynonyms.compactMap { group -> [String]? in
            let folded = group.map { SearchText.words(in: $0) }
            var words: [String] = folded.filter { $0.count == 1 }.map { $0[0] }
            let phrases = folded.filter { $0.count > 1 }
            for phrase in phrases {
                for other in phrases where other.count == phrase.count && other != phrase {
                    let differing = zip(phrase, other).filter { $0 != $1 }
                    if differing.count == 1 { words += [differing[0].0, differing[0].1] }
                }
            }
            let unique = Array(Set(words)).sorted()
            return unique.count > 1 ? unique : nil
        }.sorted { $0.joined() < $1.joined() }
    }

    private func write<Payload: Encodable>(kind: String, language: LocaleCode, payload: Payload, name: String,
                                           folder: [String]) -> OutputFile {
        write(kind: kind, language: language, json: SearchIndexBuilder.encoded(payload), name: name, folder: folder)
    }

    /// A file named by the hash of its contents, so an unchanged one keeps its name.
    private func write(kind: String, language: LocaleCode, json: String, name: String, folder: [String]) -> OutputFile {
        let contents = script(kind: kind, language: language, json: json)
        let fileName = "\(name)-\(ContentHash.hex(contents)).js"
        return OutputFile(path: OutputPath(components: folder + [fileName])!, contents: contents)
    }

    private func script<Payload: Encodable>(kind: String, language: LocaleCode, payload: Payload) -> Data {
        script(kind: kind, language: language, json: SearchIndexBuilder.encoded(payload))
    }

    private static func encoded<Payload: Encodable>(_ payload: Payload) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(payload)) ?? Data("null".utf8), as: UTF8.self)
    }

    private func script(kind: String, language: LocaleCode, json: String) -> Data {
        var json = json
        // Line and paragraph separators end a JavaScript string literal in pre-2019 engines.
        if ByteSearch.contains("\u{2028}", in: json) || ByteSearch.contains("\u{2029}", in: json) {
            json = json.replacingOccurrences(of: "\u{2028}", with: "\\u2028").replacingOccurrences(of: "\u{2029}", with: "\\u2029")
        }
        return Data("window.__mosaicSearch(\"\(kind)\",\"\(language)\",\(json));\n".utf8)
    }
}
