import Foundation

/// What `stat` says about a source file, so an incremental build need not read unchanged files.
///
/// Reading and digesting all 13,000 files of the benchmark hub was the largest part of the load
/// stage after one edit. A file whose signature equals the one recorded when it was last read,
/// and that was last changed well before that read began, holds the same bytes: every write,
/// rename into place or `touch` moves the change time (`ctime`), which no user can set back.
struct FileSignature: Sendable, Equatable {
    var device: UInt64
    var inode: UInt64
    var size: Int64
    /// Nanoseconds since 1970 of the last content change and of the last status change.
    var modified: Int64
    var changed: Int64

    /// How long before the recording build started reading a file must have been left alone
    /// for its signature to be trusted. File systems stamp times from a coarse clock (a few
    /// milliseconds) and network ones from another machine's: a change made just after the file
    /// was read could otherwise leave the same times, and the same size, behind.
    static let settlingNanoseconds: Int64 = 2_000_000_000

    /// The signature of the file at `path`, following symbolic links; `nil` when it cannot be read.
    static func of(path: String) -> FileSignature? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return FileSignature(device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int64(info.st_size),
                             modified: nanoseconds(info.st_mtim), changed: nanoseconds(info.st_ctim))
    }

    /// The wall clock now, in the unit of the signatures' times.
    static func now() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_REALTIME, &time)
        return nanoseconds(time)
    }

    /// Whether the file was last changed early enough before `readStart` (when the build that
    /// recorded this signature began reading sources) for the signature to prove its contents.
    func isSettled(before readStart: Int64) -> Bool {
        max(modified, changed) < readStart - FileSignature.settlingNanoseconds
    }

    private static func nanoseconds(_ time: timespec) -> Int64 {
        Int64(time.tv_sec) &* 1_000_000_000 &+ Int64(time.tv_nsec)
    }
}

extension FileSignature: CacheCodable {
    func write(to writer: inout BinaryWriter) {
        writer.write(device)
        writer.write(inode)
        writer.write(Int(size))
        writer.write(Int(modified))
        writer.write(Int(changed))
    }

    init(from reader: inout BinaryReader) throws {
        self.init(device: try reader.readUInt64(), inode: try reader.readUInt64(), size: Int64(try reader.readInt()),
                  modified: Int64(try reader.readInt()), changed: Int64(try reader.readInt()))
    }
}
