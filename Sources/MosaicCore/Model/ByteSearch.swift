import Foundation

/// Whether a byte occurs in a text, with `memchr`: the generic `utf8.contains` walks byte by byte
/// and ran three times over every source file (NUL check, carriage returns twice).
enum ByteSearch {
    static func contains(_ byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return false }
        return memchr(base, Int32(byte), bytes.count) != nil
    }

    static func contains(_ byte: UInt8, in text: String) -> Bool {
        text.utf8.withContiguousStorageIfAvailable { contains(byte, in: $0) } ?? text.utf8.contains(byte)
    }

    /// Whether `pattern` occurs in `text`: `memchr` finds each candidate first byte.
    static func contains(_ pattern: StaticString, in text: String) -> Bool {
        let needle = UnsafeBufferPointer(start: pattern.utf8Start, count: pattern.utf8CodeUnitCount)
        return text.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
            guard let first = needle.first, let start = bytes.baseAddress else { return false }
            var offset = 0
            while bytes.count - offset >= needle.count,
                  let found = memchr(start + offset, Int32(first), bytes.count - offset - needle.count + 1) {
                let hit = UnsafeRawPointer(start).distance(to: found)
                if memcmp(found, pattern.utf8Start, needle.count) == 0 { return true }
                offset = hit + 1
            }
            return false
        } ?? text.contains(pattern.description)
    }
}
