/// Numbers distinct keys 0, 1, 2… in order of first appearance, so hot loops can work on integers.
struct Numbering<Key: Hashable> {
    private(set) var keys: [Key] = []
    private var numbers: [Key: Int] = [:]

    /// The key's number, assigning the next one to a new key.
    mutating func number(of key: Key) -> Int {
        if let known = numbers[key] { return known }
        numbers[key] = keys.count
        keys.append(key)
        return keys.count - 1
    }

    /// Whether `key` already has a number.
    func contains(_ key: Key) -> Bool { numbers[key] != nil }

    var count: Int { keys.count }

    mutating func removeAll() {
        keys.removeAll(keepingCapacity: true)
        numbers.removeAll(keepingCapacity: true)
    }
}
