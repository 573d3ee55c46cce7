import Foundation
@testable import MosaicCore
import Testing

@Suite("the search index's word table")
struct WordTableTests {
    @Test("agrees with a dictionary over thousands of words, through growth, replacement and prefixes")
    func agreesWithDictionary() {
        var table = WordTable()
        var expected: [String: Int] = [:]
        // Prefixes of one another, multi-byte, and enough of them to grow the slots many times.
        let words = (0..<5_000).flatMap { number in ["w\(number)", "w\(number)é", "réseau\(number % 97)", String(repeating: "a", count: number % 40 + 1)] }
        for (value, word) in words.enumerated() {
            table.set(value, for: word)
            expected[word] = value
        }
        #expect(table.count == expected.count)
        for (word, value) in expected { #expect(table.value(for: word) == value) }
        for missing in ["", "w", "w5000", "réseau97", String(repeating: "a", count: 41), "W1"] {
            #expect(table.value(for: missing) == nil, "\(missing)")
        }
    }

    @Test("looks words up by the bytes the tokenizer hands over")
    func bytesFromTokenizer() {
        var table = WordTable(minimumCapacity: 4)
        table.set(7, for: "accueil")
        table.set(-1, for: "de")
        var found: [Int?] = []
        SearchText.forEachWord(in: "Accueil DE nouveaux") { found.append(table.value(for: $0)) }
        #expect(found == [7, -1, nil])
    }
}
