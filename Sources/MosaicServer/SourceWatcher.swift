import Foundation

/// Notices edits to the site's sources by polling a cheap fingerprint (paths, sizes, modification
/// times), which works the same on every file system and needs no platform API.
struct SourceWatcher: Sendable {
    let root: URL
    let folders: [String]
    let files: [String]

    func fingerprint() -> Int {
        var hasher = Hasher()
        let fileManager = FileManager.default
        for file in files { add(root.appendingPathComponent(file), to: &hasher, using: fileManager) }
        for folder in folders {
            let base = root.appendingPathComponent(folder)
            guard let enumerator = fileManager.enumerator(at: base, includingPropertiesForKeys: [.contentModificationDateKey, .fileSizeKey]) else { continue }
            for case let url as URL in enumerator { add(url, to: &hasher, using: fileManager) }
        }
        return hasher.finalize()
    }

    private func add(_ url: URL, to hasher: inout Hasher, using fileManager: FileManager) {
        guard let attributes = try? fileManager.attributesOfItem(atPath: url.path) else { return }
        hasher.combine(url.path)
        hasher.combine(attributes[.size] as? Int ?? 0)
        hasher.combine((attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0)
    }
}
