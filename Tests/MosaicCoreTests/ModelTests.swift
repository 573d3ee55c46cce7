@testable import MosaicCore
import Testing

@Suite("typed paths, slugs and dates")
struct ModelTests {
    @Test("XML escaping replaces the five characters, drops control characters but tab and newlines, keeps the rest")
    func xmlEscaping() {
        #expect(escape("Plan d'action <2025> & \"LIP\"") == "Plan d&apos;action &lt;2025&gt; &amp; &quot;LIP&quot;")
        #expect(escape("a\u{1}b\tc\nd\re\u{1F}") == "ab\tc\nd\re")
        #expect(escape("Été 🍁 — œuvre") == "Été 🍁 — œuvre")
        #expect(escape("") == "")
    }

    @Test("slugs made from text fold accents and keep only URL-safe characters", arguments: [
        ("Réseau en immigration francophone", "reseau-en-immigration-francophone"),
        ("Caractéristiques d'une collectivité accueillante", "caracteristiques-d-une-collectivite-accueillante"),
        ("  LIPs: 2008–2015 (Ontario) ", "lips-2008-2015-ontario"),
        ("Œuvre à Montréal", "oeuvre-a-montreal"),
        ("../../etc/passwd", "etc-passwd"),
    ])
    func makingSlugs(text: String, expected: String) throws {
        let slug = try #require(Slug(making: text))
        #expect(slug.rawValue == expected)
        #expect(Slug(validating: slug.rawValue) == slug, "made slugs re-validate")
    }

    @Test("text with nothing usable makes no slug")
    func emptySlug() {
        #expect(Slug(making: "!!! ---") == nil)
        #expect(Slug(making: "") == nil)
    }

    @Test("author-written slugs and ids are validated", arguments: [
        ("welcome-pass", true), ("plio_2010", true), ("a/b", false), ("..", false), ("../x", false),
        ("Upper", false), ("with space", false), ("", false), ("-leading", false),
    ])
    func validatingSlugs(text: String, valid: Bool) {
        #expect((Slug(validating: text) != nil) == valid)
        #expect((PageID(text) != nil) == valid)
    }

    @Test("content paths never climb out of content/", arguments: [
        ("practices/x.md", "../lips/y.md", "lips/y.md"),
        ("practices/x.md", "y.md", "practices/y.md"),
        ("practices/x.md", "./img/a.png", "practices/img/a.png"),
        ("x.md", "../y.md", nil),
        ("practices/x.md", "../../y.md", nil),
    ] as [(String, String, String?)])
    func resolvingContentPaths(from: String, relative: String, expected: String?) throws {
        let origin = try #require(ContentPath(from))
        #expect(origin.resolving(relative)?.rawValue == expected)
    }

    @Test("invalid content paths are rejected", arguments: ["", "a//b", "../a", "a/./b", "/abs"])
    func invalidContentPaths(text: String) {
        #expect(ContentPath(text) == nil)
    }

    @Test("relative URLs between output files", arguments: [
        ("en/practices/a/index.html", "en/practices/b/index.html", "../b/index.html"),
        ("en/practices/a/index.html", "en/lips/index.html", "../../lips/index.html"),
        ("en/practices/a/index.html", "fr/pratiques/a/index.html", "../../../fr/pratiques/a/index.html"),
        ("en/practices/a/index.html", "assets/mosaic.css", "../../../assets/mosaic.css"),
        ("index.html", "en/index.html", "en/index.html"),
        ("en/index.html", "en/index.html", "index.html"),
        ("404.html", "files/a b.pdf", "files/a%20b.pdf"),
        // Paths that agree past a folder boundary share only whole folders.
        ("en/lips-x/index.html", "en/lips/index.html", "../lips/index.html"),
        ("en/lips/index.html", "en/lips-x/a/index.html", "../lips-x/a/index.html"),
        ("fr/pages/é/index.html", "fr/pages/ç ü/100%.html", "../%C3%A7%20%C3%BC/100%25.html"),
    ])
    func relativeURLs(from: String, to: String, expected: String) throws {
        let origin = try #require(OutputPath(from))
        let target = try #require(OutputPath(to))
        #expect(target.relativeURL(from: origin) == expected)
    }

    @Test("output paths are checked component by component", arguments: [
        ("index.html", true), ("en/a/index.html", true), (".well-known/x", true), ("a/.../b", true), ("a/..b/c", true),
        ("", false), ("/index.html", false), ("en/", false), ("en//index.html", false), ("./index.html", false),
        ("en/./x", false), ("en/../x", false), ("..", false), ("a/..", false),
    ])
    func outputPathValidity(text: String, valid: Bool) {
        let path = OutputPath(text)
        #expect((path != nil) == valid)
        if let path {
            #expect(path.components.joined(separator: "/") == text)
            #expect(OutputPath(components: path.components) == path)
            #expect(path.fileName == path.components.last.map { $0[...] })
        }
    }

    @Test("a component holding a slash is not a path component")
    func componentWithSlash() {
        #expect(OutputPath(components: ["en", "a/b", "index.html"]) == nil)
        #expect(OutputPath(components: []) == nil)
    }

    @Test("root prefixes by depth")
    func rootPrefix() {
        #expect(OutputPath("index.html")?.rootPrefix == "./")
        #expect(OutputPath("en/lips/x/index.html")?.rootPrefix == "../../../")
    }

    @Test("partial dates parse, validate and print", arguments: [
        ("2011", "2011"), ("2011-11", "2011-11"), ("2011-11-17", "2011-11-17"),
        ("2012-02-29", "2012-02-29"), ("2010-04-30T09:00:00Z", "2010-04-30"),
    ])
    func validDates(text: String, expected: String) {
        #expect(PartialDate(parsing: text)?.description == expected)
    }

    @Test("impossible or malformed dates are rejected", arguments: [
        "2011-02-30", "2011-02-29", "2011-13", "2011-00", "11-11-17", "2011/11/17", "soon", "", "1900-02-29",
    ])
    func invalidDates(text: String) {
        #expect(PartialDate(parsing: text) == nil)
    }

    @Test("dates order by what is known")
    func dateOrder() throws {
        let year = try #require(PartialDate(parsing: "2011"))
        let month = try #require(PartialDate(parsing: "2011-11"))
        let day = try #require(PartialDate(parsing: "2011-11-17"))
        #expect(year < month && month < day)
    }

    @Test("dates and numbers are written the way each language writes them")
    func localizedFormatting() throws {
        let english = InterfaceStrings(language: LocaleCode("en")!, table: [
            "month_4": "April", "month_11": "November", "date_day": "{month} {day}, {year}", "date_month": "{month} {year}",
        ])
        let french = InterfaceStrings(language: LocaleCode("fr")!, table: [
            "month_4": "avril", "month_5": "mai", "month_11": "novembre", "date_day": "{day} {month} {year}",
            "date_month": "{month} {year}", "day_first": "1er",
        ])
        #expect(english.format(try #require(PartialDate(parsing: "2010-04-30"))) == "April 30, 2010")
        #expect(french.format(try #require(PartialDate(parsing: "2010-04-30"))) == "30 avril 2010")
        #expect(french.format(try #require(PartialDate(parsing: "2010-05-01"))) == "1er mai 2010")
        #expect(french.format(try #require(PartialDate(parsing: "2011-11"))) == "novembre 2011")
        #expect(english.format(try #require(PartialDate(parsing: "2011"))) == "2011")
        #expect(NumberFormatting.format(15965, language: LocaleCode("fr")!) == "15\u{202F}965")
        #expect(NumberFormatting.format(15965, language: LocaleCode("en")!) == "15,965")
        #expect(NumberFormatting.format(965, language: LocaleCode("en")!) == "965")
    }

    @Test("a byte pattern is found wherever it starts, including after a near miss and at the very end")
    func bytePatterns() {
        let samples = ["", "\u{2028}", "a\u{2028}", "\u{2028}b", "’ – “x” \u{2029}", "’ – “x”", "\u{2027}\u{2029}", "e2 80 a8", "\u{2020}\u{2028}"]
        for text in samples {
            #expect(ByteSearch.contains("\u{2028}", in: text) == text.unicodeScalars.contains("\u{2028}"), "\(text)")
            #expect(ByteSearch.contains("\u{2029}", in: text) == text.unicodeScalars.contains("\u{2029}"), "\(text)")
        }
        #expect(ByteSearch.contains("ab", in: "aab"))
        #expect(!ByteSearch.contains("ab", in: "a"))
    }
}
