import Foundation
import Synchronization

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

    public func begin(updating previous: OutputStamp?, previousFiles: [OutputPath]) throws -> any OutputSession {
        try checkReplaceable()
        let fileManager = FileManager.default
        let parent = target.deletingLastPathComponent()
        let staging = parent.appendingPathComponent(".\(target.lastPathComponent).staging-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try fileManager.createDirectory(at: parent, withIntermediateDirectories: true)
            FolderRemoval.remove(staging)
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
        } catch {
            throw Failure.io("cannot create \(staging.path): \(error.localizedDescription)")
        }
        // Only when the folder is the one recorded (the caller has checked, with `holdsAll`, that
        // nobody deleted a file by hand); otherwise the site is built again from nothing.
        if let previous, previous == currentStamp() {
            return Session(sink: self, staging: staging, previousFiles: previousFiles)
        }
        return Session(sink: self, staging: staging, previousFiles: nil)
    }

    /// Whether every file is still in the target; tens of thousands of lookups, spread over the cores.
    ///
    /// Each lookup starts from the target's folder, not from `/`: the kernel walking the target's
    /// own path again for every file was most of the time.
    public func holdsAll(_ files: [OutputPath]) -> Bool {
        let folder = open(target.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard folder >= 0 else { return files.isEmpty }
        defer { close(folder) }
        return !ConcurrentRanges.blockingMap(count: files.count) { faccessat(folder, files[$0].rawValue, F_OK, 0) == 0 }.contains(false)
    }

    /// The stamp of what the target holds now, if Mosaic published it.
    func currentStamp() -> OutputStamp? {
        var info = stat()
        guard stat(target.appendingPathComponent(DiskOutputSink.markerName).path, &info) == 0 else { return nil }
        return OutputStamp(folder: target.path, marker: [UInt64(info.st_ino), UInt64(bitPattern: Int64(info.st_mtim.tv_sec)),
                                                         UInt64(bitPattern: Int64(info.st_mtim.tv_nsec)), UInt64(info.st_size)])
    }

    static let markerText = Data("Built by Mosaic; this folder is replaced on every build.\n".utf8)

    /// Files go into the staging folder as they come. `commit` swaps the staging folder in for the
    /// target, or, when the session updates the previous output (`previousFiles` known), moves
    /// the staged files into it (`DiskOutputSink+Update`).
    final class Session: OutputSession {
        let sink: DiskOutputSink
        let staging: URL
        let writer: FileWriter
        /// The files the target holds, when this session updates it in place.
        let previousFiles: [OutputPath]?

        init(sink: DiskOutputSink, staging: URL, previousFiles: [OutputPath]?) {
            self.sink = sink
            self.staging = staging
            self.previousFiles = previousFiles
            writer = FileWriter(root: staging)
        }

        var updatesPrevious: Bool { previousFiles != nil }

        func write(_ files: [OutputFile]) {
            writer.write(files)
        }

        func keep(_ paths: [OutputPath]) {
            guard updatesPrevious else { return }
            writer.claim(paths)
        }

        func commit() throws -> OutputStamp? {
            if let failure = writer.firstFailure {
                discard()
                throw Failure.io("cannot write the site to \(staging.path): \(failure)")
            }
            do {
                try DiskOutputSink.markerText.write(to: staging.appendingPathComponent(DiskOutputSink.markerName))
            } catch {
                discard()
                throw Failure.io("cannot write the site to \(staging.path): \(error.localizedDescription)")
            }
            if let previousFiles {
                try commitInPlace(replacing: previousFiles)
            } else {
                try swapIn()
            }
            return sink.currentStamp()
        }

        /// Replaces the whole target with the staging folder.
        private func swapIn() throws {
            let fileManager = FileManager.default
            let target = sink.target
            let backup = target.deletingLastPathComponent()
                .appendingPathComponent(".\(target.lastPathComponent).previous-\(ProcessInfo.processInfo.processIdentifier)")
            let hadPrevious = fileManager.fileExists(atPath: target.path)
            do {
                if hadPrevious { try fileManager.moveItem(at: target, to: backup) }
                try fileManager.moveItem(at: staging, to: target)
            } catch {
                if hadPrevious, !fileManager.fileExists(atPath: target.path) { try? fileManager.moveItem(at: backup, to: target) }
                discard()
                throw Failure.io("cannot move the new site into \(target.path): \(error.localizedDescription)")
            }
            if hadPrevious { FolderRemoval.remove(backup) }
        }

        func discard() {
            FolderRemoval.remove(staging)
        }
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
