import Foundation

/// Stage 1: finds documents and assets under `content/`, refusing links that leave it.
public enum ContentDiscovery {
    /// Walks `contentFolder` iteratively (no recursion, no symlinked folders, hidden files skipped).
    public static func discoverContent(in contentFolder: URL, languages: [LocaleCode]) -> (ContentInventory, [Diagnostic]) {
        let fileManager = FileManager.default
        var documents: [SourceDocument] = []
        var assets: [AssetFile] = []
        var diagnostics: [Diagnostic] = []
        let rootReal = contentFolder.resolvingSymlinksInPath().standardizedFileURL.path

        var pending: [[String]] = [[]]
        while let folder = pending.popLast() {
            let folderURL = folder.reduce(contentFolder) { $0.appendingPathComponent($1) }
            guard let entries = FolderEntries.list(folderURL.path) else {
                let where_ = folder.isEmpty ? "content" : "content/" + folder.joined(separator: "/")
                diagnostics.append(.error(at: SourceLocation(path: where_), code: "content.unreadable",
                                          "cannot read folder: \(String(cString: strerror(errno)))"))
                continue
            }
            for entry in entries where !entry.name.hasPrefix(".") {
                let name = entry.name
                let components = folder + [name]
                guard let path = ContentPath(components: components) else { continue }
                let display = "content/" + path.rawValue
                var type = entry.type
                if type == .typeSymbolicLink {
                    let target = folderURL.appendingPathComponent(name).resolvingSymlinksInPath().standardizedFileURL.path
                    guard target.hasPrefix(rootReal + "/") else {
                        diagnostics.append(.error(
                            at: SourceLocation(path: display), code: "content.symlink-outside",
                            "symbolic link points outside content/ (to \(target))",
                            hint: "copy the file into content/ instead of linking to it"))
                        continue
                    }
                    type = (try? fileManager.attributesOfItem(atPath: target))?[.type] as? FileAttributeType
                    if type == .typeDirectory {
                        diagnostics.append(.warning(at: SourceLocation(path: display), code: "content.symlink-folder",
                                                    "symbolic links to folders are not followed"))
                        continue
                    }
                }
                switch type {
                case .typeDirectory?:
                    pending.append(components)
                case .typeRegular?:
                    if name.hasSuffix(".md") {
                        switch classify(path, languages: languages) {
                        case .success(let document): documents.append(document)
                        case .failure(let diagnostic): diagnostics.append(diagnostic)
                        }
                    } else {
                        assets.append(AssetFile(path: path))
                    }
                default:
                    diagnostics.append(.warning(at: SourceLocation(path: display), code: "content.special-file",
                                                "skipped: not a regular file or folder"))
                }
            }
        }
        documents.sort { $0.path < $1.path }
        assets.sort { $0.path < $1.path }
        return (ContentInventory(documents: documents, assets: assets), diagnostics)
    }

    /// Reads the language suffix: `x.fr.md` → French; `x.md` → the default language.
    static func classify(_ path: ContentPath, languages: [LocaleCode]) -> Result<SourceDocument, Diagnostic> {
        let stemWithLanguage = String(path.fileName.dropLast(3))
        var stem = stemWithLanguage
        var language = languages[0]
        if let dot = stemWithLanguage.lastIndex(of: ".") {
            let suffix = String(stemWithLanguage[stemWithLanguage.index(after: dot)...])
            if let code = LocaleCode(suffix) {
                guard languages.contains(code) else {
                    return .failure(.error(
                        at: SourceLocation(path: "content/" + path.rawValue), code: "content.language",
                        "language '\(suffix)' in the file name is not one of the site's languages",
                        hint: "add it to `languages:` in mosaic.yml, or rename the file"))
                }
                language = code
                stem = String(stemWithLanguage[..<dot])
            }
        }
        return .success(SourceDocument(path: path, language: language, stem: stem))
    }
}
