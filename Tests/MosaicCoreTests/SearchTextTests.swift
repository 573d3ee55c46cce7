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

    @Test("words read from bytes agree with the scalar definition: letters and digits of any script", arguments: [
        "Ελληνικά 中文テキスト ① ²³ x¹", "Réseau—accueil: 2010/2015", "naïve café ǅ ﬁn", "emoji 👋🏽 and\u{00A0}nbsp", "",
    ])
    func wordsFromBytes(text: String) {
        // The definition, scalar by scalar: a word is a run of a-z, 0-9 or alphabetic or numeric scalars.
        var expected: [String] = []
        var current = ""
        for scalar in Slug.fold(text).unicodeScalars {
            let isWord = scalar.isASCII ? ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
                : scalar.properties.isAlphabetic || scalar.properties.numericType != nil
            if isWord { current.unicodeScalars.append(scalar) } else if !current.isEmpty { expected.append(current); current = "" }
        }
        if !current.isEmpty { expected.append(current) }
        #expect(SearchText.words(in: text) == expected)
    }

    @Test("words sort in UTF-16 order, as JavaScript compares them, also where it differs from byte order", arguments: [
        ["zèbre", "zebre", "a", "ab", "", "é", "中文", "Ωmega", "ǅ"],  // byte order holds here
        // U+FB01 and U+E000 sort after a surrogate pair in UTF-16, before it in bytes.
        ["ﬁn", "\u{E000}x", "👋", "𝒜b", "a", "z"],
    ])
    func utf16Order(words: [String]) {
        let expected = words.indices.sorted { words[$0].utf16.lexicographicallyPrecedes(words[$1].utf16) }
        #expect(UTF16Order.sorted(Array(words.indices), of: words) == expected)
        #expect(UTF16Order.sorted(Array(words.indices.reversed()), of: words) == expected)
    }

    @Test("excerpts cut by bytes only when that equals cutting characters", arguments: [
        String(repeating: "ab ", count: 2_000),
        String(repeating: "a", count: 3_000) + "\u{0301}tail",
        String(repeating: "a", count: 2_999) + "\r\nrest",
        String(repeating: "é", count: 3_500),
        "short",
    ])
    func excerptCut(text: String) {
        #expect(SearchIndexBuilder.leadingCharacters(of: text) == String(text.prefix(SearchIndexBuilder.fragmentLength)))
    }

    @Test("hand-written JSON values are the bytes JSONEncoder writes: sorted keys, escapes, numbers, nesting")
    func exportJSON() throws {
        let value = JSONValue.array([
            .object(["b": .string("x/y \"q\"\n"), "B": .bool(true), "a_b": .array([]), "a10": .object([:]), "a2": .bool(false),
                     "é": .string("\u{01}"), "n": .number(-42), "Z": .array([.string("1"), .object(["k": .string("v")])])]),
            .string(""),
        ])
        var bytes: [UInt8] = []
        value.append(to: &bytes)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let expected = String(decoding: try encoder.encode(EncodedJSON(value)), as: UTF8.self)
        #expect(String(decoding: bytes, as: UTF8.self) == expected)
    }
}

/// `JSONValue` through `JSONEncoder`, as the reference for the hand-written bytes.
private struct EncodedJSON: Encodable {
    let value: JSONValue

    init(_ value: JSONValue) { self.value = value }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch value {
        case .string(let text): try container.encode(text)
        case .number(let number): try container.encode(number)
        case .bool(let flag): try container.encode(flag)
        case .array(let items): try container.encode(items.map(EncodedJSON.init))
        case .object(let fields): try container.encode(fields.mapValues(EncodedJSON.init))
        }
    }
}
