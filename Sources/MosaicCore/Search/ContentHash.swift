import Foundation

/// Short content hashes for immutable file names: a `Digest` of the bytes, as 16 hex digits.
enum ContentHash {
    static func hex(_ data: Data) -> String {
        Digest.of(data).hex
    }
}
