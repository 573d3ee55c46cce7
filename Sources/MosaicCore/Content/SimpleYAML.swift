/// Reads the plain YAML most front matter is written in, giving exactly the nodes (values, lines
/// and columns) that Yams gives, in a fraction of the time; anything else returns `nil` and goes
/// to Yams.
///
/// Loading 13,000 documents through Yams took about a second, most of a full build's load stage.
/// Understood here: block mappings with plain keys; block sequences (indented or not); one-line
/// plain, single- and double-quoted scalars without escapes; one-line flow lists of such scalars;
/// mappings inside sequence items; blank and comment lines. Not understood (Yams reads them):
/// empty values, comments after a value, multi-line scalars, escapes, anchors, aliases, tags, flow
/// mappings, tabs, document markers, duplicate keys. `YAMLReaderTests` checks that both readers
/// agree on every document of the bundled hub, the test fixtures and tricky cases.
enum SimpleYAML {
    private struct Line {
        var number: Int
        var indent: Int
        var content: Substring
    }

    static func parse(_ text: String) -> YAMLNode? {
        // Lines are cut on bytes: Character-wise string handling cost as much as Yams itself.
        var lines: [Line] = []
        var number = 0
        let utf8 = text.utf8
        var lineStart = utf8.startIndex
        while lineStart <= utf8.endIndex {
            number += 1
            let lineEnd = utf8[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? utf8.endIndex
            let bytes = utf8[lineStart..<lineEnd]
            if bytes.contains(UInt8(ascii: "\t")) || bytes.contains(UInt8(ascii: "\r")) { return nil }
            let indent = bytes.prefix { $0 == UInt8(ascii: " ") }.count
            let contentStart = utf8.index(lineStart, offsetBy: indent)
            let first = contentStart < lineEnd ? utf8[contentStart] : nil
            if let first, first != UInt8(ascii: "#") {
                let content = text[contentStart..<lineEnd]
                if indent == 0 && (content.hasPrefix("---") || content.hasPrefix("...")) { return nil }
                lines.append(Line(number: number, indent: indent, content: content))
            }
            guard lineEnd < utf8.endIndex else { break }
            lineStart = utf8.index(after: lineEnd)
        }
        guard let first = lines.first else { return nil }
        var reader = Reader(lines: lines)
        guard first.indent == 0, let root = reader.block(indent: 0), reader.position == lines.count else { return nil }
        return root
    }

    private struct Reader {
        let lines: [Line]
        var position = 0

        /// A mapping or a sequence whose lines start at `indent`.
        mutating func block(indent: Int) -> YAMLNode? {
            guard position < lines.count, lines[position].indent == indent else { return nil }
            if isSequenceItem(lines[position].content) { return sequence(indent: indent) }
            return mapping(indent: indent, firstKeyColumn: nil)
        }

        private func isSequenceItem(_ content: Substring) -> Bool {
            content.hasPrefix("- ")
        }

        /// A block mapping at `indent`; `firstKeyColumn` when its first key follows a `- ` on the
        /// current line (the rest of that line is then `lines[position].content` after the dash).
        mutating func mapping(indent: Int, firstKeyColumn: Int?) -> YAMLNode? {
            var entries: [YAMLEntry] = []
            var seen: Set<Substring> = []
            var start: (line: Int, column: Int)?
            var inlineFirst = firstKeyColumn
            while position < lines.count {
                let line = lines[position]
                var content = line.content
                var column = line.indent + 1
                if let keyColumn = inlineFirst {
                    content = content.dropFirst(keyColumn - line.indent - 1)
                    column = keyColumn
                    inlineFirst = nil
                } else {
                    guard line.indent == indent, !isSequenceItem(content) else { break }
                }
                guard let colon = content.utf8.firstIndex(of: UInt8(ascii: ":")) else { return nil }
                let key = content[..<colon]
                guard isPlainKey(key), seen.insert(key).inserted else { return nil }
                if start == nil { start = (line.number, column) }
                let afterColon = content[content.index(after: colon)...]
                let value: YAMLNode
                if afterColon.isEmpty {
                    position += 1
                    guard position < lines.count else { return nil }
                    let next = lines[position]
                    if next.indent > column - 1 {
                        guard let nested = block(indent: next.indent) else { return nil }
                        value = nested
                    } else if next.indent == column - 1, isSequenceItem(next.content) {
                        guard let nested = sequence(indent: next.indent) else { return nil }
                        value = nested
                    } else {
                        return nil
                    }
                } else {
                    guard afterColon.first == " " else { return nil }
                    let text = afterColon.drop { $0 == " " }
                    let valueColumn = column + key.utf8.count + 1 + (afterColon.utf8.count - text.utf8.count)
                    guard let scalar = SimpleYAML.inlineValue(text, line: line.number, column: valueColumn) else { return nil }
                    value = scalar
                    position += 1
                    if position < lines.count, lines[position].indent > column - 1 { return nil }
                }
                entries.append(YAMLEntry(key: String(key), keyLine: line.number, keyColumn: column, value: value))
            }
            guard let start, !entries.isEmpty else { return nil }
            return YAMLNode(.mapping(entries), line: start.line, column: start.column)
        }

        /// A block sequence whose `- ` markers sit at `indent`.
        mutating func sequence(indent: Int) -> YAMLNode? {
            var items: [YAMLNode] = []
            let start = (line: lines[position].number, column: indent + 1)
            while position < lines.count, lines[position].indent == indent, isSequenceItem(lines[position].content) {
                let line = lines[position]
                let afterDash = line.content.dropFirst(2)
                let text = afterDash.drop { $0 == " " }
                let column = indent + 3 + (afterDash.utf8.count - text.utf8.count)
                guard !text.isEmpty, !isSequenceItem(text) else { return nil }
                if SimpleYAML.looksLikeKey(text) {
                    guard let nested = mapping(indent: column - 1, firstKeyColumn: column) else { return nil }
                    items.append(nested)
                } else {
                    guard let scalar = SimpleYAML.inlineValue(text, line: line.number, column: column) else { return nil }
                    items.append(scalar)
                    position += 1
                    if position < lines.count, lines[position].indent > indent { return nil }
                }
            }
            return YAMLNode(.sequence(items), line: start.line, column: start.column)
        }

        private func isPlainKey(_ key: Substring) -> Bool {
            guard let first = key.utf8.first, first != UInt8(ascii: "-") else { return false }
            return SimpleYAML.isKeyBytes(key)
        }
    }

    /// ASCII letters, digits, `_` and `-`, and at least one of them.
    private static func isKeyBytes(_ key: Substring) -> Bool {
        !key.isEmpty && key.utf8.allSatisfy { byte in
            (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x30 && byte <= 0x39)
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
    }

    /// `key:` or `key: value` with a plain key.
    private static func looksLikeKey(_ text: Substring) -> Bool {
        guard let colon = text.utf8.firstIndex(of: UInt8(ascii: ":")) else { return false }
        let after = text[colon...].utf8.dropFirst()
        return isKeyBytes(text[..<colon]) && (after.isEmpty || after.first == UInt8(ascii: " "))
    }

    /// A scalar or flow list written on one line, starting at `column`.
    ///
    /// Quotes, brackets and spaces are looked at as bytes: walking characters (and Foundation's
    /// `contains` for the backslash) made this a twentieth of a build. Anything unusual returns
    /// `nil`, which hands the whole front matter to Yams.
    private static func inlineValue(_ raw: Substring, line: Int, column: Int) -> YAMLNode? {
        let text = trimmingTrailingSpaces(raw)
        guard let first = text.utf8.first else { return nil }
        switch first {
        case UInt8(ascii: "\""), UInt8(ascii: "'"):
            guard let inner = quotedInner(text, quote: first) else { return nil }
            return YAMLNode(.scalar(String(inner), isPlain: false), line: line, column: column)
        case UInt8(ascii: "["):
            guard text.utf8.last == UInt8(ascii: "]") else { return nil }
            let inner = text.dropFirst().dropLast()
            var items: [YAMLNode] = []
            // Only spaces and tabs separate in a flow list; a no-break space is a value to Yams.
            if inner.utf8.contains(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }) {
                var offset = 1
                // Split on the byte: a comma followed by a combining mark is one character, not a separator.
                for pieceBytes in inner.utf8.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false) {
                    let piece = Substring(pieceBytes)
                    let leading = piece.utf8.prefix { $0 == UInt8(ascii: " ") }.count
                    let item = trimmingTrailingSpaces(piece.dropFirst(leading))
                    let itemColumn = column + offset + leading
                    if let quote = item.utf8.first, quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                        guard let inner = quotedInner(item, quote: quote) else { return nil }
                        items.append(YAMLNode(.scalar(String(inner), isPlain: false), line: line, column: itemColumn))
                    } else {
                        guard isPlainScalar(item), !item.utf8.contains(where: { flowIndicators.contains($0) }) else { return nil }
                        items.append(YAMLNode(.scalar(String(item), isPlain: true), line: line, column: itemColumn))
                    }
                    // Yams counts columns in Unicode scalars.
                    offset += piece.unicodeScalars.count + 1
                }
            }
            return YAMLNode(.sequence(items), line: line, column: column)
        default:
            guard isPlainScalar(text) else { return nil }
            return YAMLNode(.scalar(String(text), isPlain: true), line: line, column: column)
        }
    }

    private static let flowIndicators = Set("[]{}".utf8)

    private static func trimmingTrailingSpaces(_ text: Substring) -> Substring {
        var end = text.utf8.endIndex
        while end > text.utf8.startIndex, text.utf8[text.utf8.index(before: end)] == UInt8(ascii: " ") {
            end = text.utf8.index(before: end)
        }
        return text[..<end]
    }

    /// The text between matching quotes, when it holds neither that quote nor a backslash (escapes
    /// and doubled quotes are left to Yams).
    private static func quotedInner(_ text: Substring, quote: UInt8) -> Substring? {
        let bytes = text.utf8
        guard bytes.count >= 2, bytes.last == quote else { return nil }
        let inner = text[bytes.index(after: bytes.startIndex)..<bytes.index(before: bytes.endIndex)]
        guard !inner.utf8.contains(where: { $0 == quote || $0 == UInt8(ascii: "\\") }) else { return nil }
        return inner
    }

    private static let indicators = Set("-?:,[]{}#&*!|>'\"%@`".utf8)

    /// A one-line plain scalar that cannot be mistaken for anything else: no indicator first, no
    /// `: ` or ` #` inside, no trailing `:`, no control characters or byte order mark.
    private static func isPlainScalar(_ text: Substring) -> Bool {
        let bytes = text.utf8
        guard let first = bytes.first, !indicators.contains(first), bytes.last != UInt8(ascii: ":") else { return false }
        var previous: UInt8 = 0
        for byte in bytes {
            if byte < 0x20 || byte == 0x7F { return false }
            if previous == UInt8(ascii: ":") && byte == UInt8(ascii: " ") { return false }
            if previous == UInt8(ascii: " ") && byte == UInt8(ascii: "#") { return false }
            if previous == 0xC2 && (0x80...0x9F).contains(byte) { return false }
            if previous == 0xEF && byte == 0xBB { return false }
            previous = byte
        }
        return true
    }
}
