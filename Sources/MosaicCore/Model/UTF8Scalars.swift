/// Reads one scalar out of valid UTF-8, for loops that walk a string's bytes and handle ASCII
/// inline: iterating `unicodeScalars` decoded every byte and dominated text folding.
enum UTF8Scalars {
    /// The byte length of the scalar whose first byte is `lead`.
    @inline(__always)
    static func length(lead: UInt8) -> Int {
        lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
    }

    /// The scalar of `length` bytes at `index`; `nil` past the end or for an invalid value.
    static func scalar(in bytes: UnsafeBufferPointer<UInt8>, at index: Int, length: Int) -> Unicode.Scalar? {
        guard (1...4).contains(length), index + length <= bytes.count else { return nil }
        let leadMask: UInt8 = switch length {
        case 1: 0x7F
        case 2: 0x1F
        case 3: 0x0F
        default: 0x07
        }
        var value = UInt32(bytes[index] & leadMask)
        for offset in 1..<length { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
        return Unicode.Scalar(value)
    }
}
