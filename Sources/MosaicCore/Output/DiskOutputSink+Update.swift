import Foundation

extension DiskOutputSink.Session {
    /// Updates the published folder in place: each staged file is renamed over its old version,
    /// and files the build no longer makes are removed.
    ///
    /// Each file is replaced atomically, the folder as a whole is not. The marker is renewed
    /// before anything moves, so an interrupted commit no longer matches the cache's stamp and the
    /// next build starts from nothing.
    func commitInPlace(replacing previousFiles: [OutputPath]) throws {
        let target = sink.target.path
        do {
            try move(DiskOutputSink.markerName, into: target)
            for path in writer.writtenPaths.sorted() { try move(path.rawValue, into: target) }
        } catch {
            discard()
            throw DiskOutputSink.Failure.io("cannot update \(target): \(error)")
        }
        // Written and kept files are taken; the rest of the previous output goes.
        let taken = writer.takenPaths
        var emptied: Set<String> = []
        for path in previousFiles where !taken.contains(path) {
            unlink(target + "/" + path.rawValue)
            var folder = path.components.dropLast()
            while !folder.isEmpty {
                emptied.insert(folder.joined(separator: "/"))
                folder = folder.dropLast()
            }
        }
        // Deepest first; `rmdir` leaves every folder that still holds something.
        for folder in emptied.sorted(by: { $0.count > $1.count }) { rmdir(target + "/" + folder) }
        discard()
    }

    /// Renames one staged file over its published version, making folders on the way and
    /// removing whatever stood where a file or folder must now be.
    private func move(_ relative: String, into target: String) throws {
        let components = relative.split(separator: "/").map(String.init)
        var folder = target
        for component in components.dropLast() {
            folder += "/" + component
            var info = stat()
            if lstat(folder, &info) == 0, (info.st_mode & S_IFMT) != S_IFDIR { unlink(folder) }
            if mkdir(folder, 0o755) != 0 && errno != EEXIST {
                throw DiskOutputSink.Failure.io("cannot create \(folder): \(String(cString: strerror(errno)))")
            }
        }
        let destination = target + "/" + relative
        if rename(staging.path + "/" + relative, destination) != 0 {
            try? FileManager.default.removeItem(atPath: destination)
            guard rename(staging.path + "/" + relative, destination) == 0 else {
                throw DiskOutputSink.Failure.io("cannot move \(relative) into \(target): \(String(cString: strerror(errno)))")
            }
        }
    }
}
