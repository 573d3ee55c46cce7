import Foundation

/// Reads what `BinaryWriter` wrote; any truncated or inconsistent byte throws, so a damaged
/// cache is ignored and the build starts from scratch instead of crashing.
struct BinaryReader {
    struct Damaged: Error {}

    private let bytes: UnsafeRawBufferPointer
    private(set) var offset = 0

    /// Runs `body` over `data` without copying it.
    static func reading<Result>(_ data: Data, _ body: (inout BinaryReader) throws -> Result) throws -> Result {
        try data.withUnsafeBytes { buffer in
            var reader = BinaryReader(bytes: buffer)
            return try body(&reader)
        }
    }

    private init(bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    var isAtEnd: Bool { offset == bytes.count }

    /// The `Digest` of the bytes read since offset `start`: what `BinaryWriter.digest` gives
    /// for the same values written.
    func digest(since start: Int) -> UInt64 {
        Digest.of(bytes: UnsafeRawBufferPointer(rebasing: bytes[start..<offset])).value
    }

    mutating func skip(_ count: Int) throws {
        guard count <= bytes.count - offset else { throw Damaged() }
        offset += count
    }

    mutating func readUInt64() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count, shift < 64 {
            let byte = bytes[offset]
            offset += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift += 7
        }
        throw Damaged()
    }

    mutating func readInt() throws -> Int {
        let raw = try readUInt64()
        return Int(Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1))))
    }

    /// A count of items that must each take at least one byte, so a damaged count cannot
    /// ask for a huge allocation.
    mutating func readCount() throws -> Int {
        let count = try readUInt64()
        guard count <= UInt64(bytes.count - offset) else { throw Damaged() }
        return Int(count)
    }

    mutating func readBool() throws -> Bool {
        guard offset < bytes.count else { throw Damaged() }
        defer { offset += 1 }
        switch bytes[offset] {
        case 0: return false
        case 1: return true
        default: throw Damaged()
        }
    }

    mutating func readString() throws -> String {
        let count = try readCount()
        defer { offset += count }
        return String(decoding: UnsafeRawBufferPointer(rebasing: bytes[offset..<offset + count]), as: UTF8.self)
    }

    mutating func read<Value: CacheCodable>(_ type: Value.Type = Value.self) throws -> Value {
        try Value(from: &self)
    }

    mutating func readOptional<Value: CacheCodable>(_ type: Value.Type = Value.self) throws -> Value? {
        try readBool() ? Value(from: &self) : nil
    }

    mutating func readArray<Value: CacheCodable>(_ type: Value.Type = Value.self) throws -> [Value] {
        let count = try readCount()
        var values: [Value] = []
        values.reserveCapacity(count)
        for _ in 0..<count { values.append(try Value(from: &self)) }
        return values
    }

    /// Integers without going through `CacheCodable`, the bulk of the search memo; read straight
    /// into the width the caller keeps (`write(integers:)` wrote them from it).
    mutating func readIntegers<Number: FixedWidthInteger>(as _: Number.Type = Int.self) throws -> [Number] {
        let count = try readCount()
        var values = [Number](repeating: 0, count: count)
        for index in 0..<count {
            var raw: UInt64 = 0
            var shift: UInt64 = 0
            while true {
                guard offset < bytes.count, shift < 64 else { throw Damaged() }
                let byte = bytes[offset]
                offset += 1
                raw |= UInt64(byte & 0x7F) << shift
                if byte < 0x80 { break }
                shift += 7
            }
            values[index] = Number(truncatingIfNeeded: Int64(bitPattern: (raw >> 1) ^ (0 &- (raw & 1))))
        }
        return values
    }

    /// Unwraps a value a failable initializer rejected: the cache was not written by this build.
    static func valid<Value>(_ value: Value?) throws -> Value {
        guard let value else { throw Damaged() }
        return value
    }
}
