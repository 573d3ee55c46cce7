import Foundation

/// Appends values in the cache's compact format: unsigned varints, zig-zag integers and
/// length-prefixed UTF-8, so writing and reading thousands of documents stays a few milliseconds.
struct BinaryWriter {
    private(set) var bytes: [UInt8] = []

    /// `capacity` bytes reserved: 64 KB suits a segment; a single value's digest needs far less.
    init(capacity: Int = 1 << 16) {
        bytes.reserveCapacity(capacity)
    }

    /// The `Digest` of the bytes written so far.
    var digest: UInt64 {
        bytes.withUnsafeBytes { Digest.of(bytes: $0).value }
    }

    mutating func write(_ number: UInt64) {
        var rest = number
        while rest >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        bytes.append(UInt8(rest))
    }

    mutating func write(_ number: Int) {
        let signed = Int64(number)
        write(UInt64(bitPattern: (signed << 1) ^ (signed >> 63)))
    }

    mutating func write(_ flag: Bool) {
        bytes.append(flag ? 1 : 0)
    }

    mutating func write(_ text: String) {
        var text = text
        text.withUTF8 { buffer in
            write(UInt64(buffer.count))
            bytes.append(contentsOf: buffer)
        }
    }

    /// Fixed-width integers written like `Int`s, so `BinaryReader.readIntegers` reads them back.
    mutating func write<Number: BinaryInteger>(integers: [Number]) {
        write(UInt64(integers.count))
        for number in integers { write(Int(number)) }
    }

    mutating func write<Value: CacheCodable>(_ value: Value) {
        value.write(to: &self)
    }

    mutating func write<Value: CacheCodable>(_ value: Value?) {
        write(value != nil)
        value?.write(to: &self)
    }

    mutating func write<Value: CacheCodable>(_ values: [Value]) {
        write(UInt64(values.count))
        for value in values { value.write(to: &self) }
    }
}

/// A value the build cache can store; reading back what was written gives an equal value.
protocol CacheCodable {
    func write(to writer: inout BinaryWriter)
    init(from reader: inout BinaryReader) throws
}
