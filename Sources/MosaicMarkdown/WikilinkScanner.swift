/// Finds `[[target#anchor|label]]` in a run of text and splits it around the resolved ones.
enum WikilinkScanner {
    enum Segment {
        case text(String)
        case link(destination: String, label: String, language: String?)
    }

    /// Splits `text` (which starts at `line`:`column` in the source) into text and resolved links.
    /// Unresolved wikilinks stay as their original text.
    static func segments(of text: String, line: Int, column: Int,
                         resolve: (MarkdownWikilink) -> ResolvedWikilink?) -> [Segment] {
        var segments: [Segment] = []
        var pending = ""
        var rest = Substring(text)
        while let open = rest.firstRange(of: "[["), let close = rest[open.upperBound...].firstRange(of: "]]") {
            let inner = rest[open.upperBound..<close.lowerBound]
            pending += rest[..<open.lowerBound]
            let raw = String(rest[open.lowerBound..<close.upperBound])
            rest = rest[close.upperBound...]
            guard !inner.isEmpty, !inner.utf8.contains(where: { $0 == UInt8(ascii: "[") || $0 == UInt8(ascii: "]") }) else {
                pending += raw
                continue
            }
            let byteOffset = text.utf8.distance(from: text.startIndex, to: open.lowerBound)
            let wikilink = parse(inner, line: line, column: column + byteOffset)
            guard let resolved = resolve(wikilink) else {
                pending += raw
                continue
            }
            if !pending.isEmpty { segments.append(.text(pending)) }
            pending = ""
            segments.append(.link(destination: resolved.destination, label: wikilink.label ?? resolved.text,
                                  language: resolved.language))
        }
        pending += rest
        if !pending.isEmpty { segments.append(.text(pending)) }
        return segments
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
