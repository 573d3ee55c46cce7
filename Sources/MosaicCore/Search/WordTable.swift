import Foundation

/// Numbers words given as UTF-8 bytes, so the search index looks up every word of every document
/// without making a `String` of it and hashing that with SipHash (most of counting terms did so).
///
/// Open addressing over a power-of-two slot array; words live back to back in one byte buffer.
/// Only the search index uses it, and only from one thread at a time.
struct WordTable {
    private var bytes: [UInt8] = []
    private var starts: [Int32] = []
    private var lengths: [Int32] = []
    private var hashes: [UInt64] = []
    private var values: [Int] = []
    /// Entry number plus one in each slot; 0 is an empty slot.
    private var slots: [Int32]
    private var mask: Int

    init(minimumCapacity: Int = 0) {
        var size = 64
        while size < minimumCapacity * 2 { size <<= 1 }
        slots = [Int32](repeating: 0, count: size)
        mask = size - 1
    }

    var count: Int { values.count }

    /// The value stored for `word`, if any.
    func value(for word: UnsafeBufferPointer<UInt8>) -> Int? {
        find(word, hash: WordTable.hash(word)).entry.map { values[$0] }
    }

    func value(for word: String) -> Int? {
        var word = word
        return word.withUTF8 { value(for: $0) }
    }

    /// Stores `value` for `word`, replacing the value of a word already there.
    mutating func set(_ value: Int, for word: UnsafeBufferPointer<UInt8>) {
        let hash = WordTable.hash(word)
        let found = find(word, hash: hash)
        if let entry = found.entry {
            values[entry] = value
            return
        }
        starts.append(Int32(bytes.count))
        lengths.append(Int32(word.count))
        bytes.append(contentsOf: word)
        hashes.append(hash)
        values.append(value)
        slots[found.slot] = Int32(values.count)
        if values.count * 2 > slots.count { grow() }
    }

    /// The slot holding `word` and its entry, or the empty slot where it would go.
    @inline(__always)
    private func find(_ word: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (slot: Int, entry: Int?) {
        bytes.withUnsafeBufferPointer { stored in
            var slot = Int(truncatingIfNeeded: hash) & mask
            while true {
                let entry = Int(slots[slot]) - 1
                if entry < 0 { return (slot, nil) }
                if hashes[entry] == hash, Int(lengths[entry]) == word.count,
                   WordTable.equal(stored, from: Int(starts[entry]), word) {
                    return (slot, entry)
                }
                slot = (slot + 1) & mask
            }
        }
    }

    mutating func set(_ value: Int, for word: String) {
        var word = word
        word.withUTF8 { set(value, for: $0) }
    }

    /// Doubles the slots, keeping them at most half full so probes stay short.
    private mutating func grow() {
        let size = slots.count * 2
        var grown = [Int32](repeating: 0, count: size)
        let newMask = size - 1
        for entry in hashes.indices {
            var slot = Int(truncatingIfNeeded: hashes[entry]) & newMask
            while grown[slot] != 0 { slot = (slot + 1) & newMask }
            grown[slot] = Int32(entry + 1)
        }
        slots = grown
        mask = newMask
    }

    /// Whether `word` is stored at `start` (its length already compared).
    @inline(__always)
    private static func equal(_ stored: UnsafeBufferPointer<UInt8>, from start: Int, _ word: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let storedBase = stored.baseAddress, let wordBase = word.baseAddress else { return word.isEmpty }
        return memcmp(storedBase + start, wordBase, word.count) == 0
    }

    /// `Digest`, eight bytes at a time: fast on short words, and well mixed in its low bits.
    @inline(__always)
    private static func hash(_ word: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var digest = Digest()
        digest.add(bytes: UnsafeRawBufferPointer(word))
        return digest.value
    }
}
