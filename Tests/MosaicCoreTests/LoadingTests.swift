import Foundation
@testable import MosaicCore
import Testing

@Suite("configuration and front matter loading")
struct LoadingTests {
    func load(_ text: String, path: String = "notes/x.md") -> (LoadedDocument?, [Diagnostic]) {
        let source = SourceDocument(path: ContentPath(path)!, language: LocaleCode("en")!, stem: "x")
        return DocumentLoader.loadDocument(source, data: Data(text.utf8))
    }

    @Test("front matter fields are read and the body keeps its line offset")
    func readsFields() throws {
        let (document, diagnostics) = load("---\ntitle: Hello\ndate: 2011-11\ndraft: true\ncustom: [a, b]\n---\n\nBody\n")
        #expect(diagnostics.isEmpty)
        let loaded = try #require(document)
        #expect(loaded.title == "Hello")
        #expect(loaded.date?.description == "2011-11")
        #expect(loaded.isDraft)
        #expect(loaded.id.rawValue == "x")
        #expect(loaded.slug.rawValue == "x")
        #expect(loaded.translationKey == "x")
        #expect(loaded.bodyStartLine == 7)
        #expect(loaded.frontMatter["custom"]?.items?.count == 2)
    }

    @Test("a document read back from the build cache has the front-matter digest it was loaded with, and no body")
    func frontDigestSurvivesTheCache() throws {
        let text = "---\ntitle: Hello\nsummary: \"Été\"\ndate: 2011-11\ntags: [a, {b: c}]\n---\n\nBody\n"
        let loaded = try #require(load(text).0)
        var writer = BinaryWriter()
        writer.write(loaded)
        let read = try BinaryReader.reading(Data(writer.bytes)) { reader in try LoadedDocument(from: &reader) }
        #expect(read.frontDigest == loaded.frontDigest)
        #expect(read.title == loaded.title && read.frontMatter == loaded.frontMatter && read.body.isEmpty)
        // Any field counts: another title digests differently.
        let other = try #require(load(text.replacingOccurrences(of: "Hello", with: "Hellp")).0)
        #expect(other.frontDigest != loaded.frontDigest)
    }

    @Test("Windows line endings and a byte-order mark are accepted")
    func crlfAndBOM() throws {
        let (document, diagnostics) = load("\u{FEFF}---\r\ntitle: Windows\r\n---\r\nBody\r\n")
        #expect(diagnostics.isEmpty)
        #expect(document?.title == "Windows")
    }

    @Test("quoted numbers are text; unquoted booleans in a title are errors")
    func titleTypes() {
        #expect(load("---\ntitle: \"2011\"\n---\n").0?.title == "2011")
        let (_, diagnostics) = load("---\ntitle: true\n---\n")
        #expect(diagnostics.map(\.description) == [
            "content/notes/x.md:2:8: error: 'title' must be text, found the value true\n    hint: put it in quotes: title: \"true\"",
        ])
    }

    @Test("a YAML alias bomb stops at the node budget")
    func aliasBomb() {
        var yaml = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
        for level in 1...8 {
            let previous = level == 1 ? "a" : "l\(level - 1)"
            yaml += "l\(level): &l\(level) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ", ") + "]\n"
        }
        let result = YAMLReader.parse(yaml)
        guard case .failure(let failure) = result else {
            Issue.record("expected the alias bomb to be refused")
            return
        }
        #expect(failure.message.contains("expands to more than"))
    }

    @Test("duplicate keys are reported at the repeated key")
    func duplicateKeys() {
        let (_, diagnostics) = load("---\ntitle: A\nsummary: x\ntitle: B\n---\n")
        #expect(diagnostics.first?.location.line == 4)
        #expect(diagnostics.first?.message.contains("duplicate key") == true)
    }

    @Test("mosaic.yml: localized titles, sections, and typos with suggestions")
    func config() throws {
        let (config, diagnostics) = SiteConfig.load(yaml: """
        title: {en: Hub, fr: Carrefour}
        languages: [en, fr]
        sections:
          - id: practices
            title: {en: Practices, fr: Pratiques}
            descripton: typo
          - id: Bad/Name
        """)
        let loaded = try #require(config)
        #expect(loaded.languages.map(\.rawValue) == ["en", "fr"])
        #expect(loaded.title.text(for: LocaleCode("fr")!, fallback: LocaleCode("en")!) == "Carrefour")
        #expect(loaded.sections.map(\.id.rawValue) == ["practices"])
        #expect(diagnostics.map(\.description) == [
            "mosaic.yml:6:5: error: unknown key 'descripton' in a section\n    hint: did you mean 'description'?",
            "mosaic.yml:7:9: error: section id 'Bad/Name' is not a valid folder name\n    hint: use lowercase letters, digits and hyphens",
        ])
    }

    @Test("the page index reports duplicate ids and URL collisions")
    func indexCollisions() async throws {
        func document(_ path: String, _ text: String) throws -> LoadedDocument {
            let contentPath = try #require(ContentPath(path))
            let stem = String(contentPath.fileName.dropLast(3))
            let source = SourceDocument(path: contentPath, language: LocaleCode("en")!, stem: stem)
            return try #require(DocumentLoader.loadDocument(source, data: Data(text.utf8)).0)
        }
        let documents = [
            try document("a/one.md", "---\ntitle: One\n---\n"),
            try document("a/two.md", "---\ntitle: Two\nid: one\n---\n"),
            try document("a/three.md", "---\ntitle: Three\nslug: one\n---\n"),
            try document("b/index-clash.md", "---\ntitle: Clash\nslug: b\n---\n"),
        ]
        let reserved = [OutputPath.page(["en", "a"]): "the 'a' list page"]
        let (index, diagnostics) = await PageIndex.makePageIndex(from: documents, reservedPaths: reserved)
        #expect(index.pages.map(\.outputPath.rawValue) == ["en/a/one/index.html", "en/b/b/index.html"])
        #expect(diagnostics.map(\.message) == [
            "the page URL en/a/one/index.html is already taken by content/a/one.md",
            "id 'one' is already used by content/a/one.md",
        ])
    }
}
