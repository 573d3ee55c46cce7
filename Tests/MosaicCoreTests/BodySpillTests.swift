import Foundation
@testable import MosaicCore
import Testing

@Suite("spilled document texts")
struct BodySpillTests {
    /// Texts of awkward shapes: empty, multi-byte, a NUL, and one longer than a page.
    static let samples: [(html: String, text: String)] = [
        ("", ""),
        ("<p>Accueil des nouveaux arrivants — Été</p>", "Accueil des nouveaux arrivants — Été"),
        ("<p>\u{0}</p>", "\u{0}"),
        ("<p>" + String(repeating: "Welcoming 🍁 community ", count: 2_000) + "</p>", String(repeating: "ẞ", count: 9_000)),
        ("<h2>only html</h2>", ""),
        ("", "only text"),
    ]

    @Test("what is stored from many threads at once is read back exactly, HTML and text apart")
    func roundTrip() throws {
        let spill = try #require(BodySpill(inFirstOf: [FileManager.default.temporaryDirectory]))
        let count = 600
        let locations = ConcurrentRanges.blockingMap(count: count) { item in
            let sample = BodySpillTests.samples[item % BodySpillTests.samples.count]
            return spill.store(html: sample.html + "\(item)", text: sample.text + "\(item)")
        }
        #expect(Set(locations.compactMap { $0?.offset }).count == count)
        for (item, location) in locations.enumerated() {
            let sample = BodySpillTests.samples[item % BodySpillTests.samples.count]
            let stored = try #require(location)
            let texts = try #require(spill.read(stored))
            #expect(texts.html == sample.html + "\(item)")
            #expect(texts.text == sample.text + "\(item)")
            #expect(spill.readText(stored) == sample.text + "\(item)")
        }
    }

    @Test("texts stay in memory until those offered pass the budget, then go to the file")
    func budget() throws {
        let spill = try #require(BodySpill(inFirstOf: [FileManager.default.temporaryDirectory], memoryBudget: 100))
        #expect(spill.store(html: String(repeating: "a", count: 40), text: String(repeating: "b", count: 40)) == nil)
        #expect(spill.spilledBytes == 0)
        let location = try #require(spill.store(html: "<p>over</p>", text: "over budget"))
        #expect(spill.read(location)?.text == "over budget")
        #expect(spill.spilledBytes == 22)
    }

    @Test("no spill file where none can be made, so the texts stay in memory")
    func unavailableFolder() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("mosaic-spill-\(UUID().uuidString)")
        try Data("a file, not a folder".utf8).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        #expect(BodySpill(inFirstOf: [file.appendingPathComponent("inside")]) == nil)
        #expect(BodySpill(inFirstOf: [file.appendingPathComponent("inside"), FileManager.default.temporaryDirectory]) != nil)
    }

    @Test("a document moved to the spill comes back the same, and stays whole without one")
    func documentRoundTrip() throws {
        let spill = try #require(BodySpill(inFirstOf: [FileManager.default.temporaryDirectory]))
        let source = SourceDocument(path: try #require(ContentPath("plans/plan.md")), language: try #require(LocaleCode("fr")), stem: "plan")
        let loaded = try #require(DocumentLoader.loadDocument(source, data: Data("---\ntitle: Plan\n---\nPlan d’action\n".utf8)).0)
        let page = IndexedPage(document: loaded, outputPath: try #require(OutputPath(components: ["fr", "plan", "index.html"])),
                               sectionID: "plans", position: 0)
        let document = RenderedDocument(page: page, html: "<p>Plan d’action 2024–2027</p>", headings: [],
                                        plainText: "Plan d’action 2024–2027", wordCount: 3, outgoing: [])
        let light = document.spilling(into: spill)
        #expect(!light.hasBody && light.html.isEmpty && light.plainText.isEmpty)
        #expect(light.htmlDigest == document.htmlDigest && light.textDigest == document.textDigest)
        let location = try #require(light.spilled)
        #expect(spill.read(location)?.html == document.html)
        let kept = document.spilling(into: nil)
        #expect(kept.hasBody && kept.html == document.html && kept.spilled == nil)
    }
}
