/// Lists of integers written as short strings for the search files ("base-64 varints").
///
/// JSON arrays of numbers cost a comma and all their digits per number; postings and facet lists
/// are most of what a browser downloads for a query, so each number becomes one or more characters
/// of a URL-safe alphabet: five bits each, low group first, bit 32 marking "more follows".
/// `search.js` decodes them with the same alphabet.
enum SearchNumbers {
    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// Appends one non-negative number (negative ones are written as 0).
    static func append(_ number: Int, to bytes: inout [UInt8]) {
        var rest = max(0, number)
        repeat {
            let group = rest & 31
            rest >>= 5
            bytes.append(alphabet[rest > 0 ? group | 32 : group])
        } while rest > 0
    }

    static func encode(_ numbers: [Int]) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(numbers.count * 2)
        for number in numbers { append(number, to: &bytes) }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Inverse of `encode`, for tests and tools.
    static func decode(_ text: String) -> [Int]? {
        var numbers: [Int] = []
        var value = 0
        var shift = 0
        for byte in text.utf8 {
            guard let digit = alphabet.firstIndex(of: byte), shift < 60 else { return nil }
            value |= (digit & 31) << shift
            if digit & 32 != 0 {
                shift += 5
            } else {
                numbers.append(value)
                value = 0
                shift = 0
            }
        }
        return shift == 0 ? numbers : nil
    }

    /// A postings list `(document, score)` with documents ascending, as document gaps and scores.
    static func postings(_ pairs: [(document: Int, score: Int)]) -> String {
        var bytes: [UInt8] = []
        var previous = 0
        for pair in pairs {
            append(pair.document - previous, to: &bytes)
            append(pair.score, to: &bytes)
            previous = pair.document
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Ascending documents as mode 0 (gaps) or mode 1 (runs: gap, length), whichever is shorter.
    static func documentSet(_ documents: [Int]) -> String {
        var gaps = [0]
        var runs = [1]
        var previous = 0
        var runEnd = 0
        var index = 0
        while index < documents.count {
            var length = 1
            while index + length < documents.count && documents[index + length] == documents[index] + length { length += 1 }
            runs += [documents[index] - runEnd, length]
            runEnd = documents[index] + length
            for document in documents[index..<(index + length)] {
                gaps.append(document - previous)
                previous = document
            }
            index += length
        }
        let plain = encode(gaps)
        let packed = encode(runs)
        return packed.utf8.count < plain.utf8.count ? packed : plain
    }
}
