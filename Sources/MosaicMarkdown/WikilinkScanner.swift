/// Finds `[[target#anchor|label]]` in a run of text and splits it around the resolved ones.
enum WikilinkScanner {
    enum Segment {
        case text(String)
        case link(destination: String, label: String, language: String?)
    }

    /// Splits `text` (which starts at `line`:`column` in the source) into text and resolved links.
    /// Unresolved wikilinks stay as their original text.
    ///
    /// Works over UTF-8 bytes: searching `Substring`s by `Character` was a tenth of the Markdown
    /// stage on a hub whose bodies are full of wikilinks. Text between resolved links is always
    /// one contiguous run of the input, so it is cut once rather than grown piece by piece.
    static func segments(of text: String, line: Int, column: Int,
                         resolve: (MarkdownWikilink) -> ResolvedWikilink?) -> [Segment] {
        var text = text
        return text.withUTF8 { bytes in
            var segments: [Segment] = []
            var pendingStart = 0
            var cursor = 0
            while let open = find(pair: UInt8(ascii: "["), in: bytes, from: cursor),
                  let close = find(pair: UInt8(ascii: "]"), in: bytes, from: open + 2) {
                let inner = UnsafeBufferPointer(rebasing: bytes[(open + 2)..<close])
                cursor = close + 2
                guard !inner.isEmpty, !inner.contains(where: { $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "]") }) else {
                    continue
                }
                let wikilink = parse(Substring(String(decoding: inner, as: UTF8.self)), line: line, column: column + open)
                guard let resolved = resolve(wikilink) else { continue }
                if pendingStart < open { segments.append(.text(string(bytes, pendingStart..<open))) }
                pendingStart = cursor
                segments.append(.link(destination: resolved.destination, label: wikilink.label ?? resolved.text,
                                      language: resolved.language))
            }
            if pendingStart < bytes.count { segments.append(.text(string(bytes, pendingStart..<bytes.count))) }
            return segments
        }
    }

    /// The first place at or after `start` where `byte` occurs twice in a row.
    private static func find(pair byte: UInt8, in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        var index = start
        while index + 1 < bytes.count {
            if bytes[index + 1] != byte {
                index += 2
            } else if bytes[index] == byte {
                return index
            } else {
                index += 1
            }
        }
        return nil
    }

    private static func string(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    static func parse(_ inner: Substring, line: Int, column: Int) -> MarkdownWikilink {
        var reference = inner
        var label: String?
        if let bar = inner.firstIndex(of: "|") {
            reference = inner[..<bar]
            let text = inner[inner.index(after: bar)...].trimmingSpaces
            label = text.isEmpty ? nil : String(text)
        }
        var anchor: String?
        if let hash = reference.firstIndex(of: "#") {
            let text = reference[reference.index(after: hash)...].trimmingSpaces
            anchor = text.isEmpty ? nil : String(text)
            reference = reference[..<hash]
        }
        return MarkdownWikilink(target: String(reference.trimmingSpaces), anchor: anchor, label: label,
                                line: line, column: column)
    }
}

private extension Substring {
    var trimmingSpaces: Substring {
        var result = self
        while let first = result.first, first == " " { result.removeFirst() }
        while let last = result.last, last == " " { result.removeLast() }
        return result
    }
}
