import Foundation
import Synchronization

/// Documents' rendered HTML and search text beyond a memory budget, parked in an unlinked
/// temporary file from the Markdown stage until their page and search entry read them back.
///
/// Both are needed only twice, long after the Markdown stage, yet together they are as large as
/// the hub's HTML: about 0.9 GB at 100,000 documents, a third of the build's peak memory. The
/// kernel's page cache holds the file instead, and can drop it under pressure. Within the budget
/// they stay in memory, because writing and reading them back costs about 3% of a build's CPU.
/// The file is unlinked as soon as it is made, so it goes with the process even when a build is killed.
final class BodySpill: Sendable {
    /// Where one document's texts are: its HTML, then its text, back to back.
    struct Location: Sendable, Hashable {
        var offset: Int
        var htmlLength: Int
        var textLength: Int
    }

    private let descriptor: Int32
    private let memoryBudget: Int
    /// Bytes of texts offered so far: once past the budget, texts go to the file.
    private let offered = Atomic<Int>(0)
    /// The end of the file: each store reserves its range here, so writers never wait for each other.
    private let end = Atomic<Int>(0)

    /// Bytes written to the file so far.
    var spilledBytes: Int { end.load(ordering: .relaxed) }

    /// A spill file in the first of `folders` that takes one; `nil` when none does, and the texts
    /// then stay in memory as before.
    init?(inFirstOf folders: [URL], memoryBudget: Int = 0) {
        self.memoryBudget = memoryBudget
        for folder in folders {
            try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            var template = Array((folder.path + "/mosaic-bodies-XXXXXX").utf8CString)
            let made = template.withUnsafeMutableBufferPointer { buffer -> Int32 in
                guard let start = buffer.baseAddress else { return -1 }
                let made = mkstemp(start)
                if made >= 0 { unlink(start) }
                return made
            }
            if made >= 0 {
                descriptor = made
                return
            }
        }
        return nil
    }

    deinit {
        close(descriptor)
    }

    /// Writes both texts; `nil` when they stay in memory: while the texts offered so far fit the
    /// budget, or when the file cannot take them (a full disk, say).
    func store(html: String, text: String) -> Location? {
        var html = html
        var text = text
        let htmlLength = html.utf8.count
        let textLength = text.utf8.count
        guard offered.add(htmlLength + textLength, ordering: .relaxed).newValue > memoryBudget else { return nil }
        let offset = end.add(htmlLength + textLength, ordering: .relaxed).oldValue
        let written = html.withUTF8 { write($0, at: offset) } && text.withUTF8 { write($0, at: offset + htmlLength) }
        return written ? Location(offset: offset, htmlLength: htmlLength, textLength: textLength) : nil
    }

    /// The texts stored at `location`, or `nil` when they cannot be read back.
    func read(_ location: Location) -> (html: String, text: String)? {
        guard let html = readString(length: location.htmlLength, at: location.offset),
              let text = readString(length: location.textLength, at: location.offset + location.htmlLength) else { return nil }
        return (html, text)
    }

    /// Only the text stored at `location`, for the search index, which never reads the HTML.
    func readText(_ location: Location) -> String? {
        readString(length: location.textLength, at: location.offset + location.htmlLength)
    }

    private func write(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> Bool {
        var done = 0
        while done < bytes.count, let start = bytes.baseAddress {
            let count = pwrite(descriptor, start + done, bytes.count - done, off_t(offset + done))
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { return false }
            done += count
        }
        return true
    }

    private func readString(length: Int, at offset: Int) -> String? {
        var complete = true
        let string = String(unsafeUninitializedCapacity: length) { buffer in
            var done = 0
            while done < length, let start = buffer.baseAddress {
                let count = pread(descriptor, start + done, length - done, off_t(offset + done))
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { break }
                done += count
            }
            complete = done == length
            return complete ? length : 0
        }
        return complete ? string : nil
    }
}
