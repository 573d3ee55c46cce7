import Foundation

/// Writes the site into a staging folder beside the target and swaps it in only when complete.
///
/// A failed or interrupted build therefore leaves the previous output exactly as it was. The
/// sink refuses to replace a non-empty folder that it did not create (no marker file), so a
/// mistyped `--output` can never delete someone's documents.
public struct DiskOutputSink: OutputSink {
    public enum Failure: Error, CustomStringConvertible {
        case notMosaicOutput(String)
        case io(String)

        public var description: String {
            switch self {
            case .notMosaicOutput(let path):
                "\(path) exists, is not empty and was not made by Mosaic; refusing to replace it (choose another --output or empty it)"
            case .io(let message): message
            }
        }
    }

    /// Hidden file that marks a folder as Mosaic output, safe to replace.
    public static let markerName = ".mosaic-output"

    public let target: URL

    public init(target: URL) {
        self.target = target.standardizedFileURL
    }

    public func publish(_ files: [OutputFile]) throws {
        let fileManager = FileManager.default
        let parent = target.deletingLastPathComponent()
        let name = target.lastPathComponent
        let suffix = "\(ProcessInfo.processInfo.processIdentifier)"
        let staging = parent.appendingPathComponent(".\(name).staging-\(suffix)")
        let backup = parent.appendingPathComponent(".\(name).previous-\(suffix)")
        try checkReplaceable()
        do {
            try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
            try? fileManager.removeItem(at: staging)
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
            try FileWriter.write(files, under: staging)
            try Data("Built by Mosaic; this folder is replaced on every build.\n".utf8)
                .write(to: staging.appendingPathComponent(DiskOutputSink.markerName))
        } catch {
            try? fileManager.removeItem(at: staging)
            let reason = (error as? FileWriter.Failure)?.description ?? error.localizedDescription
            throw Failure.io("cannot write the site to \(staging.path): \(reason)")
        }
        let hadPrevious = fileManager.fileExists(atPath: target.path)
        do {
            if hadPrevious { try fileManager.moveItem(at: target, to: backup) }
            try fileManager.moveItem(at: staging, to: target)
        } catch {
            if hadPrevious, !fileManager.fileExists(atPath: target.path) { try? fileManager.moveItem(at: backup, to: target) }
            try? fileManager.removeItem(at: staging)
            throw Failure.io("cannot move the new site into \(target.path): \(error.localizedDescription)")
        }
        if hadPrevious { try? fileManager.removeItem(at: backup) }
    }

    /// Throws unless the target is absent, empty, or a folder this sink wrote before.
    public func checkReplaceable() throws {
        let fileManager = FileManager.default
        var isFolder: ObjCBool = false
        guard fileManager.fileExists(atPath: target.path, isDirectory: &isFolder) else { return }
        guard isFolder.boolValue else { throw Failure.notMosaicOutput(target.path) }
        let entries = (try? fileManager.contentsOfDirectory(atPath: target.path)) ?? []
        if entries.isEmpty || entries.contains(DiskOutputSink.markerName) { return }
        throw Failure.notMosaicOutput(target.path)
    }
}
