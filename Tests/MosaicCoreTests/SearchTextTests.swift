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
}
