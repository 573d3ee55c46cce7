/// A template name with its hash worked out once: names in templates are hashed when the template
/// is compiled, so a lookup compares integers instead of running SipHash over the name.
///
/// Looking names up was two thirds of the time spent in the template engine on a large hub.
public struct MustacheKey: Sendable, Hashable, ExpressibleByStringLiteral {
    public let name: String
    let hash: UInt64

    public init(_ name: String) {
        self.name = name
        hash = MustacheKey.hash(name)
    }

    public init(stringLiteral name: String) {
        self.init(name)
    }

    public static func == (first: MustacheKey, second: MustacheKey) -> Bool {
        first.hash == second.hash && first.name == second.name
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(hash)
    }

    /// FNV-1a over the UTF-8 bytes, then a final mix so the low bits depend on every byte.
    static func hash(_ name: String) -> UInt64 {
        var name = name
        return name.withUTF8 { bytes in
            var hash: UInt64 = 0xCBF2_9CE4_8422_2325
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
            hash ^= hash >> 32
            hash = hash &* 0xD6E8_FEB8_6659_FD93
            return hash ^ (hash >> 32)
        }
    }
}

/// The fields of an object a template reads, looked up by `MustacheKey`.
///
/// Small objects (most page and list-entry fields) are scanned by hash; larger ones, such as the
/// interface strings, get a slot table. Fields are never listed, so their order does not matter.
public struct MustacheObject: Sendable, ExpressibleByDictionaryLiteral {
    private struct Field: Sendable {
        var hash: UInt64
        var name: String
        var value: MustacheValue
    }

    private let fields: [Field]
    /// Field number plus one per slot (0 is empty) for objects of more than `scanLimit` fields.
    private let slots: [Int32]
    private static let scanLimit = 8

    public init(_ values: [String: MustacheValue]) {
        self.init(fields: values.map { Field(hash: MustacheKey.hash($0.key), name: $0.key, value: $0.value) })
    }

    /// Later fields of the same name replace earlier ones, as in a dictionary.
    public init(dictionaryLiteral elements: (String, MustacheValue)...) {
        var unique: [String: MustacheValue] = [:]
        for (name, value) in elements { unique[name] = value }
        self.init(unique)
    }

    private init(fields: [Field]) {
        self.fields = fields
        guard fields.count > MustacheObject.scanLimit else {
            slots = []
            return
        }
        var size = 16
        while size < fields.count * 2 { size <<= 1 }
        var slots = [Int32](repeating: 0, count: size)
        for (number, field) in fields.enumerated() {
            var slot = Int(truncatingIfNeeded: field.hash) & (size - 1)
            while slots[slot] != 0 { slot = (slot + 1) & (size - 1) }
            slots[slot] = Int32(number + 1)
        }
        self.slots = slots
    }

    public var count: Int { fields.count }

    public subscript(key: MustacheKey) -> MustacheValue? {
        fields.withUnsafeBufferPointer { fields in
            if slots.isEmpty {
                for index in fields.indices where fields[index].hash == key.hash && fields[index].name == key.name {
                    return fields[index].value
                }
                return nil
            }
            let mask = slots.count - 1
            var slot = Int(truncatingIfNeeded: key.hash) & mask
            while true {
                let number = Int(slots[slot]) - 1
                if number < 0 { return nil }
                if fields[number].hash == key.hash, fields[number].name == key.name { return fields[number].value }
                slot = (slot + 1) & mask
            }
        }
    }

    public subscript(name: String) -> MustacheValue? {
        self[MustacheKey(name)]
    }
}
