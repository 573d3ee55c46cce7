import Foundation

/// Sorts words in UTF-16 order, the order JavaScript compares strings in, so that the search
/// index's chunk ranges agree with the client.
///
/// For text without scalars from U+E000 up, UTF-16 order is UTF-8 byte order, so the words are
/// compared with `memcmp` in one flat buffer; walking two `utf16` views per comparison was a
/// share of every incremental build, which sorts each changed language's words again.
enum UTF16Order {
    /// `ids` ordered by `words[id]`; the words must be distinct.
    static func sorted(_ ids: [Int], of words: [String]) -> [Int] {
        var bytes: [UInt8] = []
        var bounds: [(start: Int, end: Int)] = []
        bounds.reserveCapacity(ids.count)
        for id in ids {
            let start = bytes.count
            bytes.append(contentsOf: words[id].utf8)
            bounds.append((start, bytes.count))
        }
        // A lead byte of U+E000 or above: UTF-16 puts surrogate pairs before U+E000–U+FFFF.
        guard !bytes.contains(where: { $0 >= 0xEE }) else {
            return ids.sorted { words[$0].utf16.lexicographicallyPrecedes(words[$1].utf16) }
        }
        let order = bytes.withUnsafeBufferPointer { buffer -> [Int] in
            guard let base = buffer.baseAddress else { return Array(ids.indices) }
            return ids.indices.sorted { first, second in
                let (a, b) = (bounds[first], bounds[second])
                let (lengthA, lengthB) = (a.end - a.start, b.end - b.start)
                let common = memcmp(base + a.start, base + b.start, Swift.min(lengthA, lengthB))
                return common != 0 ? common < 0 : lengthA < lengthB
            }
        }
        return order.map { ids[$0] }
    }
}
