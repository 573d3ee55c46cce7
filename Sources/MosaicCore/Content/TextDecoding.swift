import Foundation

/// Turns file bytes into text, locating the first NUL byte or invalid UTF-8 sequence.
enum TextDecoding {
    struct Failure: Error {
        var line: Int
        var column: Int
        var message: String
        var hint: String
    }

    /// Decodes already-read bytes into text, or a located encoding diagnostic for `path`.
    static func decode(_ data: Data, path: String, code: String) -> Result<String, Diagnostic> {
        decode(data).mapError {
            .error(at: SourceLocation(path: path, line: $0.line, column: $0.column), code: code, $0.message, hint: $0.hint)
        }
    }

    static func decode(_ data: Data) -> Result<String, Failure> {
        // Fast path: valid UTF-8 without NUL bytes, checked by the standard library in bulk.
        // (Over the raw bytes: `Data`'s own iterator goes byte by byte through a generic path.)
        let decoded: String? = data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            guard !ByteSearch.contains(0, in: bytes) else { return nil }
            return String(validating: bytes, as: UTF8.self)
        }
        if var text = decoded {
            return .success(normalize(&text))
        }
        return decodeSlowly(data)
    }

    /// Removes a byte-order mark and turns CRLF into LF ("\r\n" is one Character in Swift, so
    /// line splitting and cmark would otherwise disagree).
    private static func normalize(_ text: inout String) -> String {
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        if ByteSearch.contains(UInt8(ascii: "\r"), in: text) { text = text.replacingOccurrences(of: "\r\n", with: "\n") }
        return text
    }

    /// Scalar by scalar, to locate the first NUL byte or invalid sequence.
    private static func decodeSlowly(_ data: Data) -> Result<String, Failure> {
        var line = 1
        var column = 1
        var iterator = data.makeIterator()
        var decoder = UTF8()
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(data.count)
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar.value == 0 {
                    return .failure(Failure(line: line, column: column, message: "file contains a NUL byte",
                                            hint: "the file is probably binary or corrupted; save it as UTF-8 text"))
                }
                if scalar == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
                scalars.append(scalar)
            case .emptyInput:
                break loop
            case .error:
                return .failure(Failure(line: line, column: column, message: "file is not valid UTF-8",
                                        hint: "re-save the file with UTF-8 encoding (e.g. from Windows-1252 or Latin-1)"))
            }
        }
        var text = String(scalars)
        return .success(normalize(&text))
    }
}
