/// JSON string literals written the way `JSONEncoder` writes them (`\"`, `\\`, `\n`-style short
/// escapes, `\u00xx` for other control characters; `/` and everything else as is), for data
/// files assembled by hand.
enum JSONText {
    static func quoted(_ text: String) -> String {
        guard text.utf8.contains(where: needsEscape) else { return "\"" + text + "\"" }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count + 16)
        append(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `text` as a quoted literal; the byte form for writers that assemble whole files.
    ///
    /// Runs without escapes are copied whole: byte by byte, the excerpts of a large hub's search
    /// index (3,000 characters per document) were a visible share of a build.
    static func append(_ text: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { source in
            var runStart = 0
            for (index, byte) in source.enumerated() where needsEscape(byte) {
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart..<index]))
                runStart = index + 1
                switch byte {
                case UInt8(ascii: "\""): bytes += Array("\\\"".utf8)
                case UInt8(ascii: "\\"): bytes += Array("\\\\".utf8)
                case 0x0A: bytes += Array("\\n".utf8)
                case 0x0D: bytes += Array("\\r".utf8)
                case 0x09: bytes += Array("\\t".utf8)
                case 0x08: bytes += Array("\\b".utf8)
                case 0x0C: bytes += Array("\\f".utf8)
                default:
                    let hex = String(byte, radix: 16)
                    bytes += Array(("\\u00" + (hex.count == 1 ? "0" + hex : hex)).utf8)
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[runStart..<source.count]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\")
    }
}
