import Foundation

/// Collects files copied as they are: theme and site static folders, and assets beside documents.
enum StaticFiles {
    static func collect(folders: [URL], assets: [AssetFile], contentFolder: URL) -> [OutputFile] {
        var files: [OutputFile] = []
        for folder in folders {
            for relative in FileListing.files(in: folder) {
                guard let path = OutputPath(relative),
                      let data = FileManager.default.contents(atPath: folder.appendingPathComponent(relative).path) else { continue }
                files.append(OutputFile(path: path, contents: data))
            }
        }
        for asset in assets {
            let url = asset.path.components.reduce(contentFolder) { $0.appendingPathComponent($1) }
            guard let path = LinkResolver.outputPath(ofAsset: asset.path),
                  let data = FileManager.default.contents(atPath: url.path) else { continue }
            files.append(OutputFile(path: path, contents: data))
        }
        return files
    }
}

/// `robots.txt`: the hub is public, so everything may be crawled.
enum RobotsFile {
    static func make() -> String {
        "User-agent: *\nAllow: /\n"
    }
}
