@testable import MosaicCore
import Testing

@Suite("parallel maps")
struct ConcurrentRangesTests {
    /// Counts around the number of ranges (32 per core), where the last ranges are short or empty.
    static let counts = [0, 1, 2, 3, 63, 64, 65, 100, 127, 129, 1000, 4099]

    @Test("every way of mapping in parallel keeps each result in its input's place", arguments: counts)
    func orderKept(count: Int) async {
        let expected = (0..<count).map { $0 * 3 + 1 }
        #expect(ConcurrentRanges.blockingMap(count: count) { $0 * 3 + 1 } == expected)
        #expect(await Array(0..<count).concurrentMap { $0 * 3 + 1 } == expected)
        #expect(await Array(0..<count).concurrentChunks { range in range.map { $0 * 3 + 1 } } == expected)
    }

    @Test("two halves run side by side each give their own result")
    func bothHalves() {
        let (sum, text) = ConcurrentRanges.both { (1...1000).reduce(0, +) } and: { String(repeating: "ab", count: 3) }
        #expect(sum == 500_500)
        #expect(text == "ababab")
    }
}
