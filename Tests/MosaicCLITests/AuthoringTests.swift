import Foundation
import Testing

@Suite("mosaic init and mosaic new")
struct AuthoringTests {
    @Test("init creates a hub that builds at once, and refuses a non-empty folder")
    func initThenBuild() throws {
        let site = try SiteFixture(copying: "minimal")
        defer { site.remove() }
        let hub = site.root.deletingLastPathComponent().appendingPathComponent("new-hub")
        let created = try site.run(["init", hub.path])
        #expect(created.status == 0, "\(created.stderr)")
        for file in ["mosaic.yml", "templates/base.mustache", "i18n/fr.yml", "content/notes/welcome.md", "content/notes/welcome.fr.md"] {
            #expect(FileManager.default.fileExists(atPath: hub.appendingPathComponent(file).path), "missing \(file)")
        }
        let build = try site.run(["build", "--strict", "--source", hub.path])
        #expect(build.status == 0, "\(build.stderr)")
        #expect(FileManager.default.fileExists(atPath: hub.appendingPathComponent("public/fr/notes/bienvenue/index.html").path))
        let again = try site.run(["init", hub.path])
        #expect(again.status == 1)
        #expect(again.stderr.contains("is not empty"))
    }

    @Test("new creates a document for every type of the bundled configuration, and the site still builds")
    func newForEveryType() throws {
        let site = try SiteFixture(copying: "minimal")
        defer { site.remove() }
        let hub = site.root.deletingLastPathComponent().appendingPathComponent("bundled")
        try FileManager.default.createDirectory(at: hub, withIntermediateDirectories: true)
        for part in ["mosaic.yml", "content", "i18n", "templates"] {
            try FileManager.default.copyItem(at: SiteFixture.repositoryRoot.appendingPathComponent(part),
                                             to: hub.appendingPathComponent(part))
        }
        let config = try String(contentsOf: hub.appendingPathComponent("mosaic.yml"), encoding: .utf8)
        let typesBlock = try #require(config.components(separatedBy: "\ntypes:\n").last?.components(separatedBy: "\ngraph:").first)
        let types = typesBlock.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("  "), !line.hasPrefix("   "), line.hasSuffix(":") else { return nil }
            let name = line.trimmingCharacters(in: .whitespaces).dropLast()
            return name == "common" ? nil : String(name)
        }
        #expect(types.count >= 10, "\(types)")
        for type in types {
            let result = try site.run(["new", type, "Example \(type)", "--lip", "hamilton-lip", "--source", hub.path])
            #expect(result.status == 0, "\(type): \(result.stderr)")
            #expect(result.stdout.hasSuffix("example-\(type.replacingOccurrences(of: "_", with: "-")).md\n"), "\(type): \(result.stdout)")
        }
        let french = try site.run(["new", "practice", "Pratique d'essai", "--lang", "fr", "--source", hub.path])
        #expect(french.stdout == "content/practices/pratique-d-essai.fr.md\n")
        let translation = try site.run(["new", "--translation", "content/practices/example-practice.md", "--source", hub.path])
        #expect(translation.stdout == "content/practices/example-practice.fr.md\n", "\(translation.stderr)")
        let build = try site.run(["build", "--source", hub.path])
        #expect(build.status == 0, "\(build.stderr)")
        #expect(!build.stderr.contains(": error: "), "\(build.stderr)")
        let overwrite = try site.run(["new", "practice", "Example practice", "--source", hub.path])
        #expect(overwrite.status == 1)
        #expect(overwrite.stderr.contains("already exists; Mosaic never overwrites a document"))
    }
}
