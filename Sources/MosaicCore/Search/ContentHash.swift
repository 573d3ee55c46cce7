import Foundation

/// Short content hashes for immutable file names (FNV-1a, 64 bits).
enum ContentHash {
    static func hex(_ data: Data) -> String {
        hex([data])
    }

    /// The hash of the parts one after another, as if concatenated (without copying them).
    static func hex(_ parts: [Data]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for part in parts {
            part.withUnsafeBytes { buffer in
                for byte in buffer {
                    hash ^= UInt64(byte)
                    hash = hash &* 0x0000_0100_0000_01B3
                }
            }
        }
        let text = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - text.count) + text
    }
}
