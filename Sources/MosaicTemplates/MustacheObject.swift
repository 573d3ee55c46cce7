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
/// Pages fill their objects field by field, so setting a field keeps the table up to date.
public struct MustacheObject: Sendable, ExpressibleByDictionaryLiteral {
    private struct Field: Sendable {
        var key: MustacheKey
        var value: MustacheValue
    }

    private var fields: [Field] = []
    /// Field number plus one per slot (0 is empty) for objects of more than `scanLimit` fields,
    /// at most half full.
    private var slots: [Int32] = []
    private static let scanLimit = 8

    public init() {}

    public init(_ values: [String: MustacheValue]) {
        self.init(values.map { (MustacheKey($0.key), $0.value) })
    }

    /// Later fields of the same name replace earlier ones, as in a dictionary.
    public init(dictionaryLiteral elements: (MustacheKey, MustacheValue)...) {
        self.init(elements)
    }

    init(_ elements: [(MustacheKey, MustacheValue)]) {
        fields.reserveCapacity(elements.count)
        for (key, value) in elements { self[key] = value }
    }

    public var count: Int { fields.count }

    /// Setting `nil` removes the field.
    public subscript(key: MustacheKey) -> MustacheValue? {
        get { number(of: key).map { fields[$0].value } }
        set {
            if let number = number(of: key) {
                if let newValue {
                    fields[number].value = newValue
                } else {
                    fields.remove(at: number)
                    makeSlots()
                }
                return
            }
            guard let newValue else { return }
            fields.append(Field(key: key, value: newValue))
            guard fields.count > MustacheObject.scanLimit else { return }
            if fields.count * 2 > slots.count {
                makeSlots()
            } else {
                place(fields.count - 1)
            }
        }
    }

    /// Whether the object has a field `key`, without copying (and retaining) its value.
    public func has(_ key: MustacheKey) -> Bool {
        number(of: key) != nil
    }

    public subscript(name: String) -> MustacheValue? {
        get { self[MustacheKey(name)] }
        set { self[MustacheKey(name)] = newValue }
    }

    private func number(of key: MustacheKey) -> Int? {
        fields.withUnsafeBufferPointer { fields in
            if slots.isEmpty {
                for index in fields.indices where fields[index].key == key { return index }
                return nil
            }
            return slots.withUnsafeBufferPointer { slots in
                let mask = slots.count - 1
                var slot = Int(truncatingIfNeeded: key.hash) & mask
                while true {
                    let number = Int(slots[slot]) - 1
                    if number < 0 { return nil }
                    if fields[number].key == key { return number }
                    slot = (slot + 1) & mask
                }
            }
        }
    }

    /// Builds the slot table anew, twice the fields' count at least, or drops it for small objects.
    private mutating func makeSlots() {
        guard fields.count > MustacheObject.scanLimit else {
            slots = []
            return
        }
        var size = 16
        while size < fields.count * 2 { size <<= 1 }
        slots = [Int32](repeating: 0, count: size)
        for number in fields.indices { place(number) }
    }

    private mutating func place(_ number: Int) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: fields[number].key.hash) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(number + 1)
    }
}
