import Foundation
import Testing

/// One kind of bad input: the file to add and the first diagnostic line it must produce.
struct HostileCase: CustomTestStringConvertible, Sendable {
    var name: String
    var path: String
    var contents: Data
    var expected: String

    init(_ name: String, _ path: String, _ text: String, expected: String) {
        self.init(name, path, Data(text.utf8), expected: expected)
    }

    init(_ name: String, _ path: String, _ contents: Data, expected: String) {
        self.name = name
        self.path = path
        self.contents = contents
        self.expected = expected
    }

    var testDescription: String { name }

    static let aliasBomb = """
    ---
    title: Alias bomb
    a: &a ["x","x","x","x","x","x","x","x","x","x"]
    b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]
    c: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]
    d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c,*c]
    e: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d,*d]
    f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e,*e]
    g: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f,*f]
    h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g,*g]
    i: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h,*h]
    ---
    """

    static let all: [HostileCase] = [
        HostileCase("malformed front matter", "content/notes/bad.md", "---\ntitle: Part 1: Overview\n---\nBody\n",
                    expected: "content/notes/bad.md:2:14: error: invalid YAML: mapping values are not allowed in this context"),
        HostileCase("unterminated front matter", "content/notes/bad.md", "---\ntitle: Never closed\n\nBody\n",
                    expected: "content/notes/bad.md:1:1: error: front matter is never closed"),
        HostileCase("invalid UTF-8", "content/notes/bad.md", Data("---\ntitle: caf".utf8) + Data([0xE9]) + Data("\n---\n".utf8),
                    expected: "content/notes/bad.md:2:11: error: file is not valid UTF-8"),
        HostileCase("a NUL byte", "content/notes/bad.md", "---\ntitle: ok\n---\nA \u{0} here\n",
                    expected: "content/notes/bad.md:4:3: error: file contains a NUL byte"),
        HostileCase("a YAML alias bomb", "content/notes/bad.md", aliasBomb,
                    expected: "content/notes/bad.md:3:36: error: YAML expands to more than 50000 values"),
        HostileCase("an empty file", "content/notes/bad.md", "",
                    expected: "content/notes/bad.md:1:1: error: document is empty"),
        HostileCase("a list as title", "content/notes/bad.md", "---\ntitle: [a, b]\n---\n",
                    expected: "content/notes/bad.md:2:8: error: 'title' must be text, not a list"),
        HostileCase("a number as title", "content/notes/bad.md", "---\ntitle: 42\n---\n",
                    expected: "content/notes/bad.md:2:8: error: 'title' must be text, found the value 42"),
        HostileCase("an impossible date", "content/notes/bad.md", "---\ntitle: Leap\ndate: \"2011-02-30\"\n---\n",
                    expected: "content/notes/bad.md:3:7: error: '2011-02-30' is not a valid date"),
        HostileCase("a slug containing /", "content/notes/bad.md", "---\ntitle: Slash\nslug: a/b\n---\n",
                    expected: "content/notes/bad.md:3:7: error: slug 'a/b' is not a valid URL segment"),
        HostileCase("an id containing ..", "content/notes/bad.md", "---\ntitle: Dots\nid: ../escape\n---\n",
                    expected: "content/notes/bad.md:3:5: error: id '../escape' is not a valid id"),
        HostileCase("two documents with the same id", "content/notes/zz-copy.md", "---\ntitle: Copy\nid: how-to\n---\n",
                    expected: "content/notes/zz-copy.md:3:5: error: id 'how-to' is already used by content/guides/how-to.md"),
        HostileCase("front matter that is not a mapping", "content/notes/bad.md", "---\n- a\n- b\n---\n",
                    expected: "content/notes/bad.md:2:1: error: front matter must be a mapping of fields"),
        HostileCase("a missing title", "content/notes/bad.md", "---\nsummary: No title\n---\n",
                    expected: "content/notes/bad.md:1:1: error: document has no title"),
    ]
}

@Suite("hostile input never crashes and never touches the previous output")
struct HostileInputTests {
    /// Builds the fixture cleanly, applies `change`, builds again and returns the failed run.
    private func buildAfter(_ change: (SiteFixture) throws -> Void) throws -> (SiteFixture, SiteFixture.RunResult, [String: Data]) {
        let site = try SiteFixture(copying: "minimal")
        #expect(try site.run(["build", "--quiet"]).status == 0)
        let before = SiteFixture.snapshot(of: site.output)
        try change(site)
        let result = try site.run(["build"])
        return (site, result, before)
    }

    @Test("bad input gives its exact diagnostic, exit 1, and public/ unchanged", arguments: HostileCase.all)
    func hostile(_ hostile: HostileCase) throws {
        let (site, result, before) = try buildAfter { try $0.write(hostile.path, hostile.contents) }
        defer { site.remove() }
        #expect(result.status == 1, "\(result.stderr)")
        #expect(result.stderrLines.first?.hasPrefix(hostile.expected) == true, "got: \(result.stderr)")
        #expect(result.stderrLines.contains { $0.hasPrefix("    hint: ") })
        #expect(result.stderrLines.last?.hasPrefix("Build failed:") == true)
        #expect(SiteFixture.snapshot(of: site.output) == before)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: site.root.path)
            .filter { $0.contains(".staging-") || $0.contains(".previous-") }
        #expect(leftovers.isEmpty, "no staging or backup folder is left beside public/: \(leftovers)")
    }

    @Test("a symbolic link pointing outside content/ is refused")
    func symlinkOutside() throws {
        let (site, result, before) = try buildAfter { site in
            try FileManager.default.createSymbolicLink(atPath: site.url("content/notes/evil.md").path,
                                                       withDestinationPath: "/etc/passwd")
        }
        defer { site.remove() }
        #expect(result.status == 1)
        #expect(result.stderrLines.first?.hasPrefix("content/notes/evil.md:1:1: error: symbolic link points outside content/") == true,
                "got: \(result.stderr)")
        #expect(SiteFixture.snapshot(of: site.output) == before)
    }

    @Test("every problem of a run is reported, not just the first")
    func collectsAllProblems() throws {
        let (site, result, _) = try buildAfter { site in
            try site.write("content/notes/a.md", "---\ntitle: [x]\n---\n")
            try site.write("content/notes/b.md", "")
            try site.write("content/guides/c.md", "---\ntitle: C\ndate: 2011-13\n---\n")
        }
        defer { site.remove() }
        #expect(result.status == 1)
        let errors = result.stderrLines.filter { $0.contains(": error: ") }
        #expect(errors == [
            "content/guides/c.md:3:7: error: '2011-13' is not a valid date",
            "content/notes/a.md:2:8: error: 'title' must be text, not a list",
            "content/notes/b.md:1:1: error: document is empty",
        ])
        #expect(result.stderrLines.last?.hasPrefix("Build failed: ") == true)
        #expect(result.stderr.contains("3 errors"))
    }

    @Test("a 10 MB document builds")
    func hugeDocument() throws {
        let site = try SiteFixture(copying: "minimal")
        defer { site.remove() }
        let paragraph = String(repeating: "Newcomers and partners plan together in the community. ", count: 18) + "\n\n"
        let body = String(repeating: paragraph, count: 10_000_000 / paragraph.utf8.count + 1)
        try site.write("content/notes/huge.md", "---\ntitle: Huge\n---\n" + body)
        let result = try site.run(["build", "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        let html = try Data(contentsOf: site.output.appendingPathComponent("en/notes/huge/index.html"))
        #expect(html.count > 10_000_000)
    }

    @Test("100,000 nested blockquotes build without overflowing the stack")
    func deepNesting() throws {
        let site = try SiteFixture(copying: "minimal")
        defer { site.remove() }
        try site.write("content/notes/deep.md", "---\ntitle: Deep\n---\n" + String(repeating: ">", count: 100_000) + " deep\n")
        let result = try site.run(["build", "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try site.read("public/en/notes/deep/index.html").contains("deep"))
    }
}
