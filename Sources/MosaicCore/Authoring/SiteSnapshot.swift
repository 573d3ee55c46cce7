import Foundation

/// The configuration and the documents' ids and types, read without building, for `mosaic new`.
public struct SiteSnapshot: Sendable {
    public var config: SiteConfig
    public var documents: [(id: String, type: String?)]

    /// Reads `mosaic.yml` and every document's front matter; nil with diagnostics when the
    /// configuration itself is unusable.
    public static func read(siteRoot: URL) -> (SiteSnapshot?, [Diagnostic]) {
        guard let data = FileManager.default.contents(atPath: siteRoot.appendingPathComponent(SiteConfig.fileName).path),
              case .success(let text) = TextDecoding.decode(data) else {
            return (nil, [.error(at: SourceLocation(path: SiteConfig.fileName), code: "config.missing",
                                 "no readable \(SiteConfig.fileName) in \(siteRoot.path)", hint: "run `mosaic init DIR` to create a hub")])
        }
        let (config, problems) = SiteConfig.load(yaml: text)
        guard let config else { return (nil, problems) }
        let contentFolder = siteRoot.appendingPathComponent("content")
        let (inventory, _) = ContentDiscovery.discoverContent(in: contentFolder, languages: config.languages)
        let documents = inventory.documents.compactMap { source -> (id: String, type: String?)? in
            let url = source.path.components.reduce(contentFolder) { $0.appendingPathComponent($1) }
            guard let data = FileManager.default.contents(atPath: url.path),
                  let document = DocumentLoader.loadDocument(source, data: data).0 else { return nil }
            return (document.id.rawValue, document.type)
        }.sorted { $0.id < $1.id }
        return (SiteSnapshot(config: config, documents: documents), problems)
    }
}
