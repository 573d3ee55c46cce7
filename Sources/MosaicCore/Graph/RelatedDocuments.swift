/// Scores related documents from shared field values through an inverted index, not pair scans.
///
/// Fields weighted 2 or more (LIPs, characteristics, themes) propose candidates; lighter ones
/// (province), the same type and a close year only add to candidates already proposed, which
/// keeps the work proportional to real overlaps instead of the square of the corpus.
enum RelatedDocuments {
    static func compute(index: PageIndex, finder: ReferenceFinder, settings: GraphSettings) async -> [[Int]] {
        let pages = index.pages
        // Each page's weighted feature values; references count by translation key.
        let features: [[String: Set<String>]] = pages.map { page in
            var values: [String: Set<String>] = [:]
            let type = finder.schema(for: page)
            for field in settings.relatedWeights.keys {
                guard let node = page.document.frontMatter[field] else { continue }
                let scalars = (node.items ?? [node]).compactMap(\.scalar)
                for text in scalars {
                    if let target = finder.target(of: text, field: type?.fields[field], from: page) {
                        values[field, default: []].insert(target.document.translationKey)
                    } else {
                        values[field, default: []].insert(text)
                    }
                }
            }
            return values
        }
        var postings: [String: [Int]] = [:]
        for (position, values) in features.enumerated() {
            for (field, set) in values where (settings.relatedWeights[field] ?? 0) >= 2 {
                for value in set { postings[field + "\u{1F}" + value, default: []].append(position) }
            }
        }
        let frozenPostings = postings
        let manual = pages.map { page in
            finder.references(from: page).filter { $0.field == "related" }.map(\.target.position)
        }
        return await Array(0..<pages.count).concurrentChunks { range in
            var scores = [Int](repeating: 0, count: pages.count)
            var touched: [Int] = []
            var result: [[Int]] = []
            for position in range {
                let page = pages[position]
                for (field, set) in features[position] {
                    guard let weight = settings.relatedWeights[field], weight >= 2 else { continue }
                    for value in set {
                        for other in frozenPostings[field + "\u{1F}" + value] ?? [] {
                            if scores[other] == 0 { touched.append(other) }
                            scores[other] += weight
                        }
                    }
                }
                var ranked: [(Int, Int)] = []
                for other in touched {
                    let candidate = pages[other]
                    defer { scores[other] = 0 }
                    guard other != position, candidate.language == page.language,
                          candidate.document.translationKey != page.document.translationKey else { continue }
                    var score = scores[other]
                    for (field, set) in features[position] where (settings.relatedWeights[field] ?? 0) < 2 {
                        score += (settings.relatedWeights[field] ?? 0) * set.intersection(features[other][field] ?? []).count
                    }
                    if candidate.document.type != nil, candidate.document.type == page.document.type { score += settings.relatedSameType }
                    if let a = page.document.date?.year, let b = candidate.document.date?.year,
                       abs(a - b) <= settings.relatedYearWindow { score += 1 }
                    ranked.append((other, score))
                }
                touched.removeAll(keepingCapacity: true)
                ranked.sort { lhs, rhs in
                    if lhs.1 != rhs.1 { return lhs.1 > rhs.1 }
                    return SiteOrdering.newestFirst(pages[lhs.0], pages[rhs.0])
                }
                var chosen = manual[position].filter { $0 != position }
                for (other, _) in ranked where chosen.count < settings.relatedLimit && !chosen.contains(other) {
                    chosen.append(other)
                }
                result.append(Array(chosen.prefix(Swift.max(settings.relatedLimit, manual[position].count))))
            }
            return result
        }
    }
}

/// The one ordering used by every list: newest first, undated last, then by title and path.
enum SiteOrdering {
    static func newestFirst(_ lhs: IndexedPage, _ rhs: IndexedPage) -> Bool {
        switch (lhs.document.date, rhs.document.date) {
        case let (left?, right?) where left != right: return left > right
        case (.some, nil): return true
        case (nil, .some): return false
        default:
            return (lhs.document.title, lhs.document.source.path) < (rhs.document.title, rhs.document.source.path)
        }
    }
}
