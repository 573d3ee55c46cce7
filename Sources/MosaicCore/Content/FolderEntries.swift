import Foundation

/// A folder's entries with their types from one `readdir` pass.
///
/// Asking `FileManager` for each file's attributes cost a `stat` and a dictionary per file, which
/// at 13,000 documents was most of the discovery stage; the directory entry already says what
/// the file is on every common file system, and `lstat` covers the rest.
enum FolderEntries {
    struct Entry {
        var name: String
        var type: FileAttributeType?
    }

    /// Entries sorted by name, or `nil` (with `errno` set) when the folder cannot be read.
    static func list(_ path: String) -> [Entry]? {
        guard let folder = opendir(path) else { return nil }
        defer { closedir(folder) }
        var entries: [Entry] = []
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { bytes in
                String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            var type: FileAttributeType?
            switch Int32(entry.pointee.d_type) {
            case Int32(DT_DIR): type = .typeDirectory
            case Int32(DT_REG): type = .typeRegular
            case Int32(DT_LNK): type = .typeSymbolicLink
            case Int32(DT_UNKNOWN): type = lstatType(path + "/" + name)
            default: type = nil
            }
            entries.append(Entry(name: name, type: type))
        }
        return entries.sorted { $0.name < $1.name }
    }

    private static func lstatType(_ path: String) -> FileAttributeType? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFDIR: return .typeDirectory
        case S_IFREG: return .typeRegular
        case S_IFLNK: return .typeSymbolicLink
        default: return nil
        }
    }
}
