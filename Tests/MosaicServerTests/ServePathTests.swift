import MosaicCore
import MosaicServer
import Testing

@Suite("dev server path resolution")
struct ServePathTests {
    let files: Set<String> = ["index.html", "en/index.html", "en/lips/alpha/index.html", "assets/mosaic.css", "files/a b.pdf"]

    func resolve(_ path: String) -> ServePath {
        ServePath.resolve(path) { files.contains($0.rawValue) }
    }

    @Test("folders serve their index.html; a folder without its slash redirects", arguments: [
        ("/", ServePath.file(OutputPath("index.html")!)),
        ("/en/", .file(OutputPath("en/index.html")!)),
        ("/en/lips/alpha/", .file(OutputPath("en/lips/alpha/index.html")!)),
        ("/en/lips/alpha", .redirect("/en/lips/alpha/")),
        ("/assets/mosaic.css", .file(OutputPath("assets/mosaic.css")!)),
        ("/files/a%20b.pdf", .file(OutputPath("files/a b.pdf")!)),
        ("/en/?q=x", .file(OutputPath("en/index.html")!)),
        ("/missing/", .notFound),
        ("/missing.css", .notFound),
    ])
    func resolves(path: String, expected: ServePath) {
        #expect(resolve(path) == expected)
    }

    @Test("path traversal is rejected before any lookup", arguments: [
        "/../etc/passwd", "/en/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/%2E%2E/x", "/en/%2e%2e%2f%2e%2e%2fetc/passwd",
        "/en/./index.html", "/a%00b", "/a%5c..%5cb", "/bad%zz", "/%C3%28",
    ])
    func rejectsTraversal(path: String) {
        #expect(resolve(path) == .rejected)
    }
}
