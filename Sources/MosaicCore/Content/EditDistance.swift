/// Levenshtein distance, used to suggest the intended word in "unknown …" diagnostics.
enum EditDistance {
    static func distance(_ lhs: String, _ rhs: String) -> Int {
        let a = Array(lhs), b = Array(rhs)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// The candidate nearest to `word`, if it is close enough to be a plausible typo.
    ///
    /// Large sorted lists (all ids of a big site) are narrowed to the neighbourhood where `word`
    /// would sort, so a broken link costs a binary search and a few dozen comparisons; lists of
    /// more than 500 candidates must therefore be sorted.
    static func closest(to word: String, in candidates: [String]) -> String? {
        let allowed = max(2, word.count / 3)
        if candidates.count > 500 {
            var low = 0, high = candidates.count
            while low < high {
                let middle = (low + high) / 2
                if candidates[middle] < word { low = middle + 1 } else { high = middle }
            }
            let nearby = Array(candidates[max(0, low - 40)..<min(candidates.count, low + 40)])
            return closest(to: word, in: nearby)
        }
        // Candidates whose length alone rules them out are skipped, so big id lists stay cheap.
        let scored = candidates.filter { abs($0.count - word.count) <= allowed }
            .map { ($0, distance(word.lowercased(), $0.lowercased())) }
        guard let best = scored.min(by: { ($0.1, $0.0) < ($1.1, $1.0) }) else { return nil }
        return best.1 <= allowed ? best.0 : nil
    }
}
