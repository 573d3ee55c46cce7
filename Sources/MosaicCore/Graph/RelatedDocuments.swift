/// Scores related documents from shared field values through an inverted index, not pair scans.
///
/// Fields weighted 2 or more (LIPs, characteristics, themes) propose candidates; lighter ones
/// (province), the same type and a close year only add to candidates already proposed, which
/// keeps the work proportional to real overlaps instead of the square of the corpus. Values are
/// interned as integers and postings are kept per language, so the inner loop only adds numbers.
///
/// A value shared by very many documents (one of 17 characteristics on a 100,000-document hub)
/// would still make every page visit a large share of the corpus: such a value proposes only its
/// documents nearest in list order, and counts in the score of every candidate that has it.
enum RelatedDocuments {
    /// Postings longer than this propose only `commonWindow` neighbours on each side.
    static let commonLimit = 512
    static let commonWindow = 32

    /// One page's interned field values, with their weights.
    private struct Features: Sendable {
        var heavy: [(code: Int, weight: Int)] = []
        var light: [(code: Int, weight: Int)] = []
    }

    /// What scoring reads of every page as a candidate, in flat arrays: reading it through each
    /// page's `Features` chased pointers into separately allocated arrays, and those cache misses
    /// were most of the time spent here on a large hub.
    private struct Candidates: Sendable {
        var translation: [Int] = []
        var type: [Int] = []
        var year: [Int?] = []

        /// Adds the next page.
        mutating func append(translation: Int, type: Int, year: Int?) {
            self.translation.append(translation)
            self.type.append(type)
            self.year.append(year)
        }
    }

    /// Which pages have each value that scoring tests candidates for (the common heavy ones and
    /// all light ones), one bit per page: scanning each candidate's own values for them was
    /// most of the scoring time on a large hub.
    private struct Membership: Sendable {
        /// By value code, its row in `bits`; -1 for a value not tracked.
        private var rows: [Int]
        private var bits: [UInt64] = []
        private let wordsPerRow: Int

        init(codeCount: Int, pageCount: Int) {
            rows = [Int](repeating: -1, count: codeCount)
            wordsPerRow = (pageCount + 63) / 64
        }

        mutating func insert(_ position: Int, _ code: Int) {
            if rows[code] < 0 {
                rows[code] = bits.count / Swift.max(wordsPerRow, 1)
                bits += repeatElement(0, count: wordsPerRow)
            }
            bits[rows[code] * wordsPerRow + position / 64] |= 1 << UInt64(position % 64)
        }

        func contains(_ position: Int, _ code: Int) -> Bool {
            let row = rows[code]
            return row >= 0 && bits[row * wordsPerRow + position / 64] & (1 << UInt64(position % 64)) != 0
        }
    }

    static func compute(index: PageIndex, finder: ReferenceFinder, references: [[ReferenceFinder.Reference]],
                        settings: GraphSettings) async -> [[Int]] {
        let pages = index.pages
        var codes = Numbering<String>()
        func intern(_ text: String) -> Int { codes.number(of: text) }
        var features: [Features] = []
        features.reserveCapacity(pages.count)
        var candidates = Candidates()
        for page in pages {
            let language = page.language.rawValue
            var entry = Features()
            let type = finder.schema(for: page)
            for (field, weight) in settings.relatedWeights.sorted(by: { $0.key < $1.key }) {
                guard weight > 0, let node = page.document.frontMatter[field] else { continue }
                var seen: Set<String> = []
                for text in (node.items ?? [node]).compactMap(\.scalar) {
                    let value = finder.target(of: text, field: type?.fields[field], from: page)?.document.translationKey ?? text
                    guard seen.insert(value).inserted else { continue }
                    let code = intern(language + "\u{1F}" + field + "\u{1F}" + value)
                    if weight >= 2 { entry.heavy.append((code, weight)) } else { entry.light.append((code, weight)) }
                }
            }
            features.append(entry)
            candidates.append(translation: intern("key\u{1F}" + page.document.translationKey),
                              type: intern("type\u{1F}" + (page.document.type ?? "")), year: page.document.date?.year)
        }
        var postings = [[Int]](repeating: [], count: codes.count)
        var membership = Membership(codeCount: codes.count, pageCount: pages.count)
        for (position, entry) in features.enumerated() {
            for feature in entry.heavy { postings[feature.code].append(position) }
            for feature in entry.light { membership.insert(position, feature.code) }
        }
        for (code, list) in postings.enumerated() where list.count > RelatedDocuments.commonLimit {
            for position in list { membership.insert(position, code) }
        }
        let frozen = (postings: postings, features: features, candidates: candidates, membership: membership)
        let manual = references.map { list in list.filter { $0.field == "related" }.map(\.target.position) }
        let limit = settings.relatedLimit
        return await Array(0..<pages.count).concurrentChunks { range in
            var scores = [Int](repeating: 0, count: pages.count)
            var proposed = [Bool](repeating: false, count: pages.count)
            var touched: [Int] = []
            var result: [[Int]] = []
            func propose(_ other: Int) {
                if !proposed[other] {
                    proposed[other] = true
                    touched.append(other)
                }
            }
            let candidates = frozen.candidates
            let membership = frozen.membership
            for position in range {
                let own = frozen.features[position]
                let (translation, type, year) = (candidates.translation[position], candidates.type[position], candidates.year[position])
                var common: [(code: Int, weight: Int)] = []
                for feature in own.heavy {
                    let list = frozen.postings[feature.code]
                    guard list.count > RelatedDocuments.commonLimit else {
                        for other in list {
                            propose(other)
                            scores[other] += feature.weight
                        }
                        continue
                    }
                    common.append(feature)
                    // The list is in position order: its members nearest to this page.
                    var low = 0
                    var high = list.count
                    while low < high {
                        let middle = (low + high) / 2
                        if list[middle] < position { low = middle + 1 } else { high = middle }
                    }
                    let window = Swift.max(0, low - RelatedDocuments.commonWindow)..<Swift.min(list.count, low + RelatedDocuments.commonWindow + 1)
                    for other in list[window] { propose(other) }
                }
                var best: [(position: Int, score: Int)] = []
                // The most any candidate can add beyond its proposing score: once the list is
                // full, a candidate that cannot reach its last entry is not scored further.
                // (An equal score may still enter by list order, so only lower ones are skipped.)
                let bonus = common.reduce(0) { $0 + $1.weight } + own.light.reduce(0) { $0 + $1.weight }
                    + Swift.max(0, settings.relatedSameType) + (year == nil ? 0 : 1)
                for other in touched {
                    var score = scores[other]
                    scores[other] = 0
                    proposed[other] = false
                    if best.count == limit, let last = best.last, score + bonus < last.score { continue }
                    guard other != position, candidates.translation[other] != translation else { continue }
                    for mine in common where membership.contains(other, mine.code) { score += mine.weight }
                    guard score > 0 else { continue }
                    for mine in own.light where membership.contains(other, mine.code) { score += mine.weight }
                    if candidates.type[other] == type { score += settings.relatedSameType }
                    if let a = year, let b = candidates.year[other], abs(a - b) <= settings.relatedYearWindow { score += 1 }
                    insert((other, score), into: &best, limit: limit, rank: index.listRank)
                }
                touched.removeAll(keepingCapacity: true)
                var chosen = manual[position].filter { $0 != position }
                for entry in best where chosen.count < Swift.max(limit, manual[position].count) && !chosen.contains(entry.position) {
                    chosen.append(entry.position)
                }
                result.append(chosen)
            }
            return result
        }
    }

    /// Keeps the `limit` best candidates: higher score first, then the usual list order.
    private static func insert(_ candidate: (position: Int, score: Int), into best: inout [(position: Int, score: Int)],
                               limit: Int, rank: [Int]) {
        func before(_ lhs: (position: Int, score: Int), _ rhs: (position: Int, score: Int)) -> Bool {
            lhs.score != rhs.score ? lhs.score > rhs.score : rank[lhs.position] < rank[rhs.position]
        }
        if best.count == limit, let last = best.last, !before(candidate, last) { return }
        let slot = best.firstIndex { before(candidate, $0) } ?? best.count
        best.insert(candidate, at: slot)
        if best.count > limit { best.removeLast() }
    }
}
