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
}
