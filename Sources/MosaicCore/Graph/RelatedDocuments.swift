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
        /// Page `p`'s codes are `heavyCodes[heavyStart[p]..<heavyStart[p + 1]]`; likewise for light ones.
        var heavyStart: [Int] = [0]
        var heavyCodes: [Int] = []
        var lightStart: [Int] = [0]
        var lightCodes: [Int] = []

        /// Adds the next page.
        mutating func append(_ features: Features, translation: Int, type: Int, year: Int?) {
            self.translation.append(translation)
            self.type.append(type)
            self.year.append(year)
            heavyCodes += features.heavy.map(\.code)
            heavyStart.append(heavyCodes.count)
            lightCodes += features.light.map(\.code)
            lightStart.append(lightCodes.count)
        }

        func hasHeavy(_ position: Int, _ code: Int) -> Bool {
            Candidates.contains(heavyCodes, from: heavyStart[position], to: heavyStart[position + 1], code)
        }

        func hasLight(_ position: Int, _ code: Int) -> Bool {
            Candidates.contains(lightCodes, from: lightStart[position], to: lightStart[position + 1], code)
        }

        private static func contains(_ codes: [Int], from start: Int, to end: Int, _ code: Int) -> Bool {
            var index = start
            while index < end {
                if codes[index] == code { return true }
                index += 1
            }
            return false
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
            candidates.append(entry, translation: intern("key\u{1F}" + page.document.translationKey),
                              type: intern("type\u{1F}" + (page.document.type ?? "")), year: page.document.date?.year)
        }
        var postings = [[Int]](repeating: [], count: codes.count)
        for (position, entry) in features.enumerated() {
            for feature in entry.heavy { postings[feature.code].append(position) }
        }
        let frozen = (postings: postings, features: features, candidates: candidates)
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
                    for mine in common where candidates.hasHeavy(other, mine.code) { score += mine.weight }
                    guard score > 0 else { continue }
                    for mine in own.light where candidates.hasLight(other, mine.code) { score += mine.weight }
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
