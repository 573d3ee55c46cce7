/// A JSON value written straight to bytes, as `JSONEncoder` with sorted keys and unescaped
/// slashes would write it: the encoder was nearly all of a large site's export time and a visible
/// share of its search excerpts.
///
/// Keys sort in `String` order, which is what `.sortedKeys` does on Linux; strings are escaped by
/// `JSONText`.
indirect enum JSONValue {
    case string(String)
    case number(Int)
    case bool(Bool)
    case array([JSONValue])
    case object([String: JSONValue])

    func append(to bytes: inout [UInt8]) {
        switch self {
        case .string(let text): JSONText.append(text, to: &bytes)
        case .number(let number): bytes += Array(String(number).utf8)
        case .bool(let flag): bytes += Array((flag ? "true" : "false").utf8)
        case .array(let items):
            bytes.append(UInt8(ascii: "["))
            for (position, item) in items.enumerated() {
                if position > 0 { bytes.append(UInt8(ascii: ",")) }
                item.append(to: &bytes)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let fields):
            bytes.append(UInt8(ascii: "{"))
            for (position, key) in fields.keys.sorted().enumerated() {
                if position > 0 { bytes.append(UInt8(ascii: ",")) }
                JSONText.append(key, to: &bytes)
                bytes.append(UInt8(ascii: ":"))
                fields[key]?.append(to: &bytes)
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    /// The JSON text as a string.
    var text: String {
        var bytes: [UInt8] = []
        append(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}
