import Foundation
import Testing

@Suite("mosaic build on the minimal fixture site")
struct BuildCommandTests {
    @Test("a clean build exits 0 and writes every page, list, home, 404 and robots.txt")
    func buildsEveryPage() throws {
        let site = try SiteFixture(copying: "minimal")
        defer { site.remove() }
        let result = try site.run(["build"])
        #expect(result.status == 0, "\(result.stderr)")
        let expected = [
            "index.html", "404.html", "robots.txt", "assets/mosaic.css",
            "en/index.html", "fr/index.html", "en/notes/index.html", "fr/guides/index.html",
            "en/notes/first-note/index.html", "fr/notes/premiere-note/index.html",
            "en/notes/second-note/index.html", "en/guides/how-to/index.html",
            "files/guides/img/diagram.svg",
        ]
        for path in expected {
            #expect(FileManager.default.fileExists(atPath: site.output.appendingPathComponent(path).path), "missing \(path)")
        }
        #expect(!FileManager.default.fileExists(atPath: site.output.appendingPathComponent("en/notes/unfinished").path))
        #expect(result.stderrLines.last?.hasPrefix("Built ") == true)
    }

    @Test("--drafts publishes documents marked draft: true")
    func includesDrafts() throws {
        let site = try SiteFixture(copying: "minimal")
        defer { site.remove() }
        #expect(try site.run(["build", "--drafts"]).status == 0)
        #expect(FileManager.default.fileExists(atPath: site.output.appendingPathComponent("en/notes/unfinished/index.html").path))
    }

    @Test("--source and --output work from another folder")
    func sourceAndOutputOptions() throws {
        let site = try SiteFixture(copying: "minimal")
        defer { site.remove() }
        let elsewhere = site.root.deletingLastPathComponent().appendingPathComponent("out")
        let result = try site.run(["build", "--source", site.root.path, "--output", elsewhere.path, "--quiet"])
        #expect(result.status == 0)
        #expect(result.stderr.isEmpty)
        #expect(FileManager.default.fileExists(atPath: elsewhere.appendingPathComponent("en/index.html").path))
    }

    @Test("two builds of the same input are byte-identical")
    func deterministic() throws {
        let site = try SiteFixture(copying: "minimal")
        defer { site.remove() }
        let other = site.root.deletingLastPathComponent().appendingPathComponent("second")
        #expect(try site.run(["build", "--quiet"]).status == 0)
        #expect(try site.run(["build", "--quiet", "--output", other.path]).status == 0)
        let first = SiteFixture.snapshot(of: site.output)
        let second = SiteFixture.snapshot(of: other)
        #expect(first.count > 10)
        #expect(first == second)
    }

    @Test("pages whose HTML and text waited in the spill file equal pages kept in memory", arguments: ["graph", "bilingual"])
    func spilledBodies(fixture: String) throws {
        let site = try SiteFixture(copying: fixture)
        defer { site.remove() }
        let spilled = site.root.deletingLastPathComponent().appendingPathComponent("spilled")
        #expect(try site.run(["build", "--quiet", "--no-cache"]).status == 0)
        let result = try site.run(["build", "--no-cache", "--verbose", "--memory-budget", "0", "--output", spilled.path])
        #expect(result.status == 0)
        #expect(result.stderr.contains("MB of them waiting on disk"), "\(result.stderr)")
        let inMemory = SiteFixture.snapshot(of: site.output)
        #expect(inMemory.count > 10)
        #expect(SiteFixture.snapshot(of: spilled) == inMemory)
        #expect(try site.run(["build", "--memory-budget", "2000000"]).status != 0)
    }

    @Test("links are relative and rewritten: .md links, assets, translations; unsafe HTML and URLs removed")
    func linksAndSafety() throws {
        let site = try SiteFixture(copying: "minimal")
        defer { site.remove() }
        #expect(try site.run(["build", "--quiet"]).status == 0)
        let page = try site.read("public/en/notes/first-note/index.html")
        #expect(page.contains(#"href="../second-note/index.html#details""#))
        #expect(page.contains(#"href="../../guides/how-to/index.html""#))
        #expect(page.contains(#"src="../../../files/guides/img/diagram.svg""#))
        #expect(page.contains(#"href="../../../assets/mosaic.css""#))
        #expect(!page.contains("<script>"))
        #expect(!page.contains("javascript:"))
        #expect(page.contains(#"<h2 id="overview">"#) && page.contains(#"<h2 id="overview-1">"#))
        let french = try site.read("public/fr/notes/premiere-note/index.html")
        #expect(french.contains(#"href="../../../en/guides/how-to/index.html""#))
        #expect(french.contains(#"hreflang="en""#))
        #expect(!page.contains("http://") || page.contains("https://example.org"))
    }

    @Test("a site template overrides the theme's template of the same name")
    func templateOverride() throws {
        let site = try SiteFixture(copying: "minimal")
        defer { site.remove() }
        #expect(try site.run(["build", "--quiet"]).status == 0)
        #expect(try site.read("public/en/index.html").contains("Minimal fixture footer · Minimal Hub"))
    }

    @Test("key pages match the golden files", arguments: [
        "en/notes/first-note/index.html", "fr/notes/premiere-note/index.html",
        "en/notes/index.html", "fr/index.html", "index.html", "404.html",
    ])
    func goldenPages(path: String) throws {
        let site = try SiteFixture(copying: "minimal")
        defer { site.remove() }
        #expect(try site.run(["build", "--quiet"]).status == 0)
        let actual = try site.read("public/" + path)
        let golden = SiteFixture.goldenFolder.appendingPathComponent("minimal").appendingPathComponent(path)
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] != nil {
            try FileManager.default.createDirectory(at: golden.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(actual.utf8).write(to: golden)
            Issue.record("recorded \(path); unset RECORD_SNAPSHOTS and run again")
            return
        }
        let expected = try String(contentsOf: golden, encoding: .utf8)
        #expect(actual == expected, "differs from Golden/minimal/\(path); re-record with RECORD_SNAPSHOTS=1 if intended")
    }

    @Test("a non-empty output folder that Mosaic did not make is never replaced")
    func refusesForeignOutputFolder() throws {
        let site = try SiteFixture(copying: "minimal")
        defer { site.remove() }
        try site.write("public/thesis.docx", "precious")
        let result = try site.run(["build"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("was not made by Mosaic"))
        #expect(try site.read("public/thesis.docx") == "precious")
    }

    @Test("a missing mosaic.yml is a located error with a hint")
    func missingConfig() throws {
        let site = try SiteFixture(copying: "minimal")
        defer { site.remove() }
        try FileManager.default.removeItem(at: site.url("mosaic.yml"))
        let result = try site.run(["build"])
        #expect(result.status == 1)
        #expect(result.stderrLines.first?.hasPrefix("mosaic.yml:1:1: error: no mosaic.yml in") == true)
    }

    @Test("unknown keys and wrong types in mosaic.yml are reported with their lines")
    func configDiagnostics() throws {
        let site = try SiteFixture(copying: "minimal")
        defer { site.remove() }
        let config = try site.read("mosaic.yml")
        try site.write("mosaic.yml", config + "langauges: [en]\nmarkdown:\n  unsafe_html: maybe\n")
        let result = try site.run(["build"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("mosaic.yml:15:1: error: unknown key 'langauges' in mosaic.yml\n    hint: did you mean 'languages'?"))
        #expect(result.stderr.contains("mosaic.yml:17:16: error: 'unsafe_html' must be true or false"))
    }

    @Test("a template syntax error is reported at its line and column, and a missing template by name")
    func templateErrors() throws {
        let site = try SiteFixture(copying: "minimal")
        defer { site.remove() }
        try site.write("templates/page.mustache", "{{<base}}\n{{$main}}\n{{#page.title}}oops\n{{/main}}\n{{/base}}\n")
        let result = try site.run(["build"])
        #expect(result.status == 1)
        #expect(result.stderrLines.first?.hasPrefix("templates/page.mustache:4:") == true, "got: \(result.stderr)")
        #expect(result.stderr.contains("error: template syntax error"))
    }

    @Test("a transform such as {{uppercased(x)}} is a syntax error at its place, not a silent empty string")
    func transformsAreReported() throws {
        let site = try SiteFixture(copying: "minimal")
        defer { site.remove() }
        try site.write("templates/partials/footer.mustache", "<footer>\n  {{uppercased(site.title)}}\n</footer>\n")
        let result = try site.run(["check"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("templates/partials/footer.mustache:2:"), "\(result.stderr)")
        #expect(result.stderr.contains("transforms such as {{name(value)}} are not supported"), "\(result.stderr)")
    }

    @Test("a template naming a partial that does not exist is an error at its place")
    func unknownPartial() throws {
        let site = try SiteFixture(copying: "minimal")
        defer { site.remove() }
        try site.write("templates/partials/footer.mustache", "<footer>\n  {{>partials/foter-links}}\n</footer>\n")
        let result = try site.run(["check"])
        #expect(result.status == 1)
        #expect(result.stderr.contains("templates/partials/footer.mustache:2:3: error: template 'partials/footer' uses 'partials/foter-links', which does not exist"), "\(result.stderr)")
    }
}
