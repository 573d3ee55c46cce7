import Foundation

/// A 64-bit fingerprint that is the same on every run and machine, so it can key a cache on disk.
///
/// Swift's `Hasher` is seeded per process and cannot. Parts are mixed eight bytes at a time and
/// each part ends with its length, so `("ab", "c")` and `("a", "bc")` differ.
struct Digest: Hashable, Sendable, Comparable {
    private var state: UInt64 = 0x9E37_79B9_7F4A_7C15

    init() {}

    /// The fingerprint of everything added so far.
    var value: UInt64 {
        var mixed = state
        mixed ^= mixed >> 33
        mixed = mixed &* 0xFF51_AFD7_ED55_8CCD
        mixed ^= mixed >> 33
        mixed = mixed &* 0xC4CE_B9FE_1A85_EC53
        return mixed ^ (mixed >> 33)
    }

    static func < (lhs: Digest, rhs: Digest) -> Bool { lhs.value < rhs.value }

    /// `value` as 16 lowercase hex digits, for file names.
    var hex: String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }

    private mutating func mix(_ word: UInt64) {
        state ^= word &* 0x87C3_7B91_1142_53D5
        state = ((state << 31) | (state >> 33)) &* 0x4CF5_AD43_2745_937F
    }

    mutating func add(bytes: UnsafeRawBufferPointer) {
        var offset = 0
        while offset + 8 <= bytes.count {
            mix(UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
            offset += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count {
            tail |= UInt64(bytes[offset]) << shift
            shift += 8
            offset += 1
        }
        mix(tail)
        mix(UInt64(bytes.count))
    }

    mutating func add(_ data: Data) {
        data.withUnsafeBytes { add(bytes: $0) }
    }

    mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { add(bytes: UnsafeRawBufferPointer($0)) }
    }

    mutating func add(_ number: Int) {
        mix(UInt64(bitPattern: Int64(number)))
    }

    mutating func add(_ number: UInt64) {
        mix(number)
    }

    mutating func add(_ flag: Bool) {
        mix(flag ? 1 : 2)
    }

    mutating func add(_ other: Digest) {
        mix(other.value)
    }

    /// Adds a value that may be absent, so `nil` and `""` differ.
    mutating func add(_ text: String?) {
        if let text { add(text) } else { mix(0xDEAD_BEEF) }
    }

    static func of(bytes: UnsafeRawBufferPointer) -> Digest {
        var digest = Digest()
        digest.add(bytes: bytes)
        return digest
    }

    static func of(_ data: Data) -> Digest {
        var digest = Digest()
        digest.add(data)
        return digest
    }

    static func of(_ text: String) -> Digest {
        var digest = Digest()
        digest.add(text)
        return digest
    }
}
