import Foundation
@testable import MosaicCore
import Testing

@Suite("search tokenizing, folding and stemming")
struct SearchTextTests {
    @Test("words are folded: case, accents, ligatures; split on anything that is not a letter or digit")
    func folding() {
        #expect(SearchText.words(in: "Réseau en immigration francophone (RIF)") == ["reseau", "en", "immigration", "francophone", "rif"])
        #expect(SearchText.words(in: "Œuvre d'accueil, 2010–2015!") == ["oeuvre", "d", "accueil", "2010", "2015"])
        #expect(SearchText.words(in: "LIPs/PLI") == ["lips", "pli"])
    }

    @Test("Snowball stems bring plural and singular together", arguments: [
        ("en", "partnerships", "partnership"), ("en", "newcomers", "newcomer"), ("en", "communities", "community"),
        ("fr", "partenariats", "partenariat"), ("fr", "communautes", "communaute"), ("fr", "reseaux", "reseau"),
    ])
    func stemming(language: String, plural: String, singular: String) throws {
        let stemmer = SnowballStemmer(language: try #require(LocaleCode(language)))
        #expect(stemmer.stem(plural) == stemmer.stem(singular))
    }

    @Test("stopwords are language-specific")
    func stopwords() {
        #expect(SearchText.stopwords(for: LocaleCode("en")!).contains("the"))
        #expect(SearchText.stopwords(for: LocaleCode("fr")!).contains("les"))
        #expect(!SearchText.stopwords(for: LocaleCode("fr")!).contains("the"))
    }

    @Test("content hashes are stable and change with the content")
    func hashes() {
        #expect(ContentHash.hex(Data("abc".utf8)) == ContentHash.hex(Data("abc".utf8)))
        #expect(ContentHash.hex(Data("abc".utf8)) != ContentHash.hex(Data("abd".utf8)))
        #expect(ContentHash.hex(Data()).count == 16)
    }

    @Test("folding agrees with the general Unicode path for every Latin letter, and leaves other scripts' letters")
    func latinFoldingTable() {
        #expect(Slug.fold("ÀÉÎÕÜÇÑŒÆßĞŁ’«x»") == "aeioucnoeaessgł’«x»")
        #expect(Slug.fold("Ελληνικά e\u{0301}") == "ελληνικα e")
    }

    @Test("index numbers round-trip: single numbers, postings as gaps, document sets as gaps or runs")
    func numberCoding() throws {
        let numbers = [0, 1, 31, 32, 1023, 1024, 123_456_789]
        #expect(SearchNumbers.decode(SearchNumbers.encode(numbers)) == numbers)
        #expect(SearchNumbers.encode([31, 32]) == "fgB") // 31 is one digit (f); 32 is 0 with "more" (g), then 1 (B)
        let postings = SearchNumbers.postings([(document: 3, score: 40), (document: 4, score: 1), (document: 90, score: 700)])
        #expect(SearchNumbers.decode(postings) == [3, 40, 1, 1, 86, 700])
        let runs = try #require(SearchNumbers.decode(SearchNumbers.documentSet(Array(100..<200) + Array(300..<400))))
        #expect(runs == [1, 100, 100, 100, 100], "two long runs are written as runs")
        let gaps = try #require(SearchNumbers.decode(SearchNumbers.documentSet([2, 9, 40])))
        #expect(gaps == [0, 2, 7, 31], "scattered documents are written as gaps")
        #expect(SearchNumbers.decode("A_") == nil, "a number cut short is rejected")
    }

    @Test("hand-written JSON strings are the bytes JSONEncoder writes", arguments: [
        "plain", "", "quote \" and back\\slash", "lines\nand\ttabs\r", "\u{01}\u{1F}\u{7F}\u{08}\u{0C}", "é / ü — “x” \u{2028}",
    ])
    func jsonStrings(text: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let expected = String(decoding: try encoder.encode([text]), as: UTF8.self)
        #expect("[" + JSONText.quoted(text) + "]" == expected)
    }
}
