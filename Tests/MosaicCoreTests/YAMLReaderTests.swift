import Foundation
@testable import MosaicCore
import Testing

/// `SimpleYAML` must give Yams' nodes exactly (values, lines, columns) or leave the text to Yams.
@Suite("the fast YAML reader agrees with Yams")
struct YAMLReaderTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// Front matter of every Markdown file, and every YAML file, under `folder`.
    static func yamlTexts(under folder: URL) -> [(String, String)] {
        let paths = (FileManager.default.enumerator(atPath: folder.path)?.allObjects as? [String] ?? []).sorted()
        return paths.compactMap { path -> (String, String)? in
            guard let text = try? String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8) else { return nil }
            if path.hasSuffix(".yml") { return (path, text) }
            guard path.hasSuffix(".md"), case .success(let parts) = FrontMatter.split(text) else { return nil }
            return (path, parts.yaml)
        }
    }

    /// How many texts the fast reader took; fails the test on any disagreement.
    @discardableResult
    static func compare(_ texts: [(String, String)]) -> Int {
        var taken = 0
        for (name, text) in texts {
            guard let fast = SimpleYAML.parse(text) else { continue }
            taken += 1
            guard case .success(let full) = YAMLReader.parseWithYams(text) else {
                Issue.record("\(name): the fast reader accepted YAML that Yams rejects")
                continue
            }
            #expect(fast == full, "\(name): the readers disagree\nfast: \(fast)\nyams: \(full)")
        }
        return taken
    }

    @Test("every front matter and YAML file of the bundled hub and the test fixtures")
    func bundledAndFixtures() {
        let texts = YAMLReaderTests.yamlTexts(under: YAMLReaderTests.repository.appendingPathComponent("content"))
            + YAMLReaderTests.yamlTexts(under: YAMLReaderTests.repository.appendingPathComponent("i18n"))
            + YAMLReaderTests.yamlTexts(under: YAMLReaderTests.repository.appendingPathComponent("Tests/MosaicCLITests/Fixtures"))
            + [("mosaic.yml", (try? String(contentsOf: YAMLReaderTests.repository.appendingPathComponent("mosaic.yml"),
                                           encoding: .utf8)) ?? "")]
        #expect(texts.count > 150)
        let taken = YAMLReaderTests.compare(texts)
        // The comparison proves nothing if the fast reader declined everything.
        #expect(taken > texts.count / 2, "the fast reader took only \(taken) of \(texts.count)")
    }

    @Test("another corpus, when MOSAIC_YAML_CORPUS names its content folder (e.g. a generated benchmark site)")
    func externalCorpus() throws {
        guard let folder = ProcessInfo.processInfo.environment["MOSAIC_YAML_CORPUS"] else { return }
        let texts = YAMLReaderTests.yamlTexts(under: URL(fileURLWithPath: folder))
        let taken = YAMLReaderTests.compare(texts)
        #expect(taken > 0)
    }

    @Test("tricky cases: the fast reader agrees or declines", arguments: [
        "title: Plain words\nsummary: \"Quoted: with colon\"\n",
        "title: 'single'\ntags: [a, b c,  d ]\nempty: []\n",
        "provinces: [\"on\", 'qc', bc]\n",
        "provinces: [\"a, b\"]\n",
        "tags: [e\u{301}te\u{301}, x, \u{1F600}, y]\nnext: [\"\u{E9}\", z]\n",
        "title: caf\u{E9} \u{FEFF}x\n",
        "lips:\n- a\n- b\nnext: x\n",
        "lips:\n  - a\n  -   b\n",
        "location:\n  province: ab\n  city: Banff\nafter: 1\n",
        "people:\n  - name: \"A\"\n    role: chair\n  - ref: wci\n",
        "people:\n- name: A\n  role: chair\n- ref: wci\n",
        "# comment\ntitle: x\n\n# another\nsummary: y\n",
        "title: value # comment\n",
        "title:\nsummary: x\n",
        "title: a\ntitle: b\n",
        "title: \"esc \\\" aped\"\n",
        "title: multi\n  line\n",
        "title: &anchor x\nother: *anchor\n",
        "title: !tag x\n",
        "title: {a: b}\n",
        "title: [a, [b]]\n",
        "title: -x\n",
        "title: x:\n",
        "key with space: x\n",
        "\"quoted key\": x\n",
        "list:\n- \n- x\n",
        "title: \"a\" trailing\n",
        "title: 'it''s'\n",
        "date: 2016-04-01\ncount: 12\nflag: true\nnothing: ~\n",
        "title: Ça va, l’accueil — oui\n",
        "  indented: root\n",
        "a:\n  b:\n    c: deep\n  d: e\n",
        "a:\n  - x\n  - y\nb: z\n",
        "title: x\r\nsummary: y\r\n",
        "title: \tx\n",
        "---\ntitle: x\n",
        "[a, b]\n",
        "- a\n- b\n",
        "title: \"quoted\"   \nsummary: 'single'  \n",
        "title: \"a\\\\b\"\nsummary: 'back\\\\slash'\n",
        "title: \"e\u{301}\"\u{301}\nnext: \"x\"\n",
        "title: \"in \"\u{301} side\"\n",
        "title: x\u{600} \nnext: \u{600}\n",
        "tags: [a,\u{301} b]\n",
        "tags: [ \"x\"  , 'y' ,z ]\n",
        "tags: [ ]\nmore: [\u{A0}]\n",
        "tags: [\"\"]\nother: ''\n",
        "tags: [\"a\" b]\n",
    ])
    func trickyCases(_ text: String) {
        YAMLReaderTests.compare([("case", text)])
    }
}
