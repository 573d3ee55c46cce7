/// Splits a document into its YAML front matter and Markdown body, keeping line numbers.
struct FrontMatter {
    /// The YAML between the fences.
    var yaml: String
    /// Lines before the YAML text (the opening fence), to turn YAML lines into file lines.
    var yamlLineOffset: Int
    var body: String
    /// 1-based file line where the body starts.
    var bodyStartLine: Int

    struct Failure: Error {
        var line: Int
        var message: String
        var hint: String
    }

    static func split(_ text: String) -> Result<FrontMatter, Failure> {
        if text.allSatisfy(\.isWhitespace) {
            return .failure(Failure(line: 1, message: "document is empty",
                                    hint: "start it with front matter: ---, title: \"…\", ---"))
        }
        if !ByteSearch.contains(UInt8(ascii: "\r"), in: text), let split = splitWithoutCarriageReturns(text) { return split }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        lines = lines.map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
        guard let first = lines.first, first.trimmingTrailingSpaces() == "---" else {
            return .failure(Failure(line: 1, message: "document has no front matter",
                                    hint: "the first line must be --- followed by `title: …` and a closing ---"))
        }
        guard let closing = lines.indices.dropFirst().first(where: {
            let line = lines[$0].trimmingTrailingSpaces()
            return line == "---" || line == "..."
        }) else {
            return .failure(Failure(line: 1, message: "front matter is never closed",
                                    hint: "add a line with only --- after the last front-matter field"))
        }
        return .success(FrontMatter(
            yaml: lines[1..<closing].joined(separator: "\n"),
            yamlLineOffset: 1,
            body: lines[(closing + 1)...].joined(separator: "\n"),
            bodyStartLine: closing + 2
        ))
    }
}

extension FrontMatter {
    /// The common case in one pass over the bytes, without splitting the body into lines: the
    /// general path above did that for every document and was a tenth of a large build.
    /// Returns `nil` when the text needs the general path's diagnostics.
    private static func splitWithoutCarriageReturns(_ text: String) -> Result<FrontMatter, Failure>? {
        let newline = UInt8(ascii: "\n")
        let utf8 = text.utf8
        var lineStart = utf8.startIndex
        var lineNumber = 1
        var yamlStart: String.Index?
        while lineStart < utf8.endIndex {
            let lineEnd = utf8[lineStart...].firstIndex(of: newline) ?? utf8.endIndex
            let line = text[lineStart..<lineEnd].trimmingTrailingSpaces()
            let next = lineEnd < utf8.endIndex ? utf8.index(after: lineEnd) : lineEnd
            if let start = yamlStart {
                if line == "---" || line == "..." {
                    // The YAML excludes the newline that ends its last line.
                    let yamlEnd = lineStart > start ? utf8.index(before: lineStart) : start
                    return .success(FrontMatter(yaml: String(text[start..<yamlEnd]), yamlLineOffset: 1,
                                                body: String(text[next...]), bodyStartLine: lineNumber + 1))
                }
            } else {
                guard line == "---" else { return nil }
                yamlStart = next
            }
            if lineEnd == utf8.endIndex { break }
            lineStart = next
            lineNumber += 1
        }
        return nil
    }
}

private extension Substring {
    func trimmingTrailingSpaces() -> Substring {
        var result = self
        while let last = result.last, last == " " || last == "\t" { result.removeLast() }
        return result
    }
}
