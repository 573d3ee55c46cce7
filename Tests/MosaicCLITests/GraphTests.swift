import Foundation
import Testing

@Suite("knowledge graph on the graph fixture site")
struct GraphTests {
    private func built() throws -> SiteFixture {
        let site = try SiteFixture(copying: "graph")
        let result = try site.run(["build"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("0 warnings, 0 errors"), "\(result.stderr)")
        return site
    }

    @Test("a LIP page lists every document that references it, grouped by type")
    func backlinksOnLIPPage() throws {
        let site = try built()
        defer { site.remove() }
        let page = try site.read("public/en/lips/alpha/index.html")
        let backlinks = try #require(page.components(separatedBy: #"<section class="backlinks""#).last)
        for expected in [#"href="../../practices/welcome-pass/index.html">Welcome Pass"#,
                         #"href="../../practices/job-fair/index.html">Job fair"#,
                         #"href="../../strategies/alpha-2016/index.html">Alpha settlement strategy 2016"#,
                         #"href="../../organizations/city-of-alpha/index.html">City of Alpha"#] {
            #expect(backlinks.contains(expected), "missing \(expected)")
        }
        #expect(backlinks.contains("<h3>Practice <span class=\"count\">(2 documents)</span></h3>"))
        #expect(backlinks.contains(#"<span class="status-badge">In consultation</span>"#))
    }

    @Test("wikilinks resolve by id, label, heading and name; code keeps them as text")
    func wikilinks() throws {
        let site = try built()
        defer { site.remove() }
        let page = try site.read("public/en/practices/welcome-pass/index.html")
        #expect(page.contains(#"<a href="../../lips/alpha/index.html">the Alpha partnership</a>"#))
        #expect(page.contains(#"<a href="../../lips/alpha/index.html#governance">Alpha LIP</a>"#))
        #expect(page.contains(#"<a href="../../organizations/city-of-alpha/index.html">City of Alpha</a>"#))
        #expect(page.contains("<code>[[alpha]]</code>"))
    }

    @Test("term pages list tagged documents by type; directory and coverage are pre-rendered")
    func generatedViews() throws {
        let site = try built()
        defer { site.remove() }
        let term = try site.read("public/en/characteristics/employment-opportunities/index.html")
        #expect(term.contains("Jobs that match newcomers&#39; skills."))
        #expect(term.contains("Welcome Pass") && term.contains("Job fair") && term.contains("Alpha settlement strategy 2016"))
        #expect(!term.contains("Alpha settlement strategy 2012"))
        let french = try site.read("public/fr/characteristics/employment-opportunities/index.html")
        #expect(french.contains("<h1>Possibilités d&#39;emploi</h1>"))
        let province = try site.read("public/en/directory/province/on/index.html")
        #expect(province.contains("Alpha LIP") && !province.contains("Beta LIP"))
        #expect(try site.read("public/en/directory/community-type/rural-remote/index.html").contains("Beta LIP"))
        let coverage = try site.read("public/en/coverage/index.html")
        let alphaRow = try #require(coverage.components(separatedBy: "Alpha LIP</a></th>").last?.components(separatedBy: "</tr>").first)
        #expect(alphaRow.components(separatedBy: "●").count - 1 == 3)
        let betaRow = try #require(coverage.components(separatedBy: "Beta LIP</a></th>").last?.components(separatedBy: "</tr>").first)
        #expect(!betaRow.contains("●"))
    }

    @Test("version ribbon both ways, consultation banner and the open consultations page")
    func lifecycle() throws {
        let site = try built()
        defer { site.remove() }
        let old = try site.read("public/en/strategies/alpha-2012/index.html")
        #expect(old.contains("has been replaced by a newer version: <a href=\"../alpha-2016/index.html\">Alpha settlement strategy 2016</a>"))
        let new = try site.read("public/en/strategies/alpha-2016/index.html")
        #expect(new.contains("replaces an earlier version: <a href=\"../alpha-2012/index.html\">"))
        #expect(new.contains(#"until <time datetime="2099-01-31">January 31, 2099</time>"#))
        #expect(new.contains("council@example.org"))
        let open = try site.read("public/en/consultations/index.html")
        #expect(open.contains("Alpha settlement strategy 2016") && !open.contains("Alpha settlement strategy 2012"))
    }

    @Test("related documents share LIPs and characteristics, never the page itself or its translation")
    func related() throws {
        let site = try built()
        defer { site.remove() }
        let page = try site.read("public/en/practices/welcome-pass/index.html")
        let related = try #require(page.components(separatedBy: #"<section class="related""#).last?.components(separatedBy: "</section>").first)
        #expect(related.contains("Job fair"))
        #expect(!related.contains("Welcome Pass"))
    }

    @Test("exports: documents.json with references as URLs, and a CSV row per document")
    func exports() throws {
        let site = try built()
        defer { site.remove() }
        let data = try Data(contentsOf: site.output.appendingPathComponent("api/documents.json"))
        let records = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(records.count == 8)
        let pass = try #require(records.first { $0["id"] as? String == "welcome-pass" })
        let fields = try #require(pass["fields"] as? [String: Any])
        #expect(fields["lips"] as? [String] == ["en/lips/alpha/index.html"])
        #expect(pass["url"] as? String == "en/practices/welcome-pass/index.html")
        let csv = try site.read("public/documents.csv")
        #expect(csv.split(separator: "\r\n").count == 9)
        #expect(csv.hasPrefix("id,lang,type,title,date,url,summary,"))
    }

    @Test("each broken case gives exactly its diagnostic and exit 1 in check and build --strict")
    func brokenCases() throws {
        let site = try SiteFixture(copying: "graph")
        defer { site.remove() }
        try site.write("content/organizations/twin-a.md", "---\ntitle: Twin Centre\ntype: organization\n---\nA.\n")
        try site.write("content/organizations/twin-b.md", "---\ntitle: Twin Centre\ntype: organization\n---\nB.\n")
        try site.write("content/practices/broken.md", """
        ---
        title: Broken practice
        type: practice
        practice_kind: programme
        lips: [alpha, city-of-alpha]
        related: [nowhere-else]
        ---
        See [[nowhere]], [[alpha#no-such-heading]] and [[Twin Centre]], and `[[not-a-link]]` in code.
        """)
        let expected = [
            "content/practices/broken.md:1:1: error: missing required field 'characteristics' for type 'practice'",
            "content/practices/broken.md:4:16: error: 'programme' is not an allowed value of 'practice_kind'",
            "content/practices/broken.md:5:15: error: 'lips' must refer to a document of type lip, but 'city-of-alpha' has type organization",
            "content/practices/broken.md:6:11: error: 'related' refers to unknown id 'nowhere-else'",
            "content/practices/broken.md:8:5: error: unknown wikilink target [[nowhere]]",
            "content/practices/broken.md:8:18: error: no heading '#no-such-heading' in content/lips/alpha.md",
            "content/practices/broken.md:8:48: error: ambiguous wikilink [[Twin Centre]] matches twin-a (content/organizations/twin-a.md), twin-b (content/organizations/twin-b.md)",
        ]
        for arguments in [["check"], ["build", "--strict"]] {
            let result = try site.run(arguments)
            #expect(result.status == 1)
            #expect(result.stderrLines.filter { !$0.hasPrefix("    hint:") }.dropLast() == ArraySlice(expected), "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains("hint: did you mean 'program'?"))
        }
        let json = try site.run(["check", "--format", "json"])
        #expect(json.status == 1)
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(objects.count == expected.count)
        #expect(objects.first?["file"] as? String == "content/practices/broken.md")
        #expect(objects.first?["line"] as? Int == 1 && objects.first?["severity"] as? String == "error")
        #expect(objects.first?["code"] as? String == "schema.required")
        #expect(objects[1]["hint"] as? String == "did you mean 'program'?")
        let lenient = try site.run(["build"])
        #expect(lenient.status == 1, "schema errors fail even without --strict")
        #expect(lenient.stderr.contains("8:5: warning: unknown wikilink target [[nowhere]]"))
    }
}
