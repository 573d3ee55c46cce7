/// Reads typed values out of `YAMLNode`s and records a located diagnostic for every mismatch.
///
/// Shared by the configuration and front-matter loaders so both speak about types the same way.
struct NodeReader {
    /// Site-relative path of the file the YAML came from.
    let path: String
    /// Lines before the YAML text in its file (1 for front matter after the opening `---`).
    let lineOffset: Int
    private(set) var diagnostics: [Diagnostic] = []

    init(path: String, lineOffset: Int = 0) {
        self.path = path
        self.lineOffset = lineOffset
    }

    func location(of node: YAMLNode) -> SourceLocation {
        SourceLocation(path: path, line: node.line + lineOffset, column: node.column)
    }

    func location(ofKey entry: YAMLEntry) -> SourceLocation {
        SourceLocation(path: path, line: entry.keyLine + lineOffset, column: entry.keyColumn)
    }

    mutating func report(_ diagnostic: Diagnostic) {
        diagnostics.append(diagnostic)
    }

    mutating func error(at node: YAMLNode, code: String, _ message: String, hint: String? = nil) {
        diagnostics.append(.error(at: location(of: node), code: code, message, hint: hint))
    }

    /// A single text value; lists and mappings are errors naming `field`.
    mutating func string(_ node: YAMLNode, field: String) -> String? {
        guard let text = node.scalar else {
            error(at: node, code: "yaml.type", "'\(field)' must be text, not \(node.kindName)",
                  hint: "write it as \(field): \"…\"")
            return nil
        }
        return text
    }

    /// A text value that must not be empty.
    mutating func nonEmptyString(_ node: YAMLNode, field: String) -> String? {
        guard let text = string(node, field: field) else { return nil }
        guard !node.isNull, !text.allSatisfy(\.isWhitespace) else {
            error(at: node, code: "yaml.empty", "'\(field)' must not be empty")
            return nil
        }
        return text
    }

    mutating func bool(_ node: YAMLNode, field: String) -> Bool? {
        guard let value = node.bool else {
            error(at: node, code: "yaml.type", "'\(field)' must be true or false",
                  hint: "write \(field): true or \(field): false, without quotes")
            return nil
        }
        return value
    }

    /// A list of text values; a single value is accepted as a one-item list.
    mutating func stringList(_ node: YAMLNode, field: String) -> [String]? {
        if let single = node.scalar { return node.isNull ? [] : [single] }
        guard let items = node.items else {
            error(at: node, code: "yaml.type", "'\(field)' must be a list, not \(node.kindName)")
            return nil
        }
        var values: [String] = []
        for item in items {
            guard let text = string(item, field: field) else { return nil }
            values.append(text)
        }
        return values
    }

    /// Checks every key of `mapping` against `known`, suggesting the closest one for typos.
    mutating func rejectUnknownKeys(in mapping: YAMLNode, known: [String], context: String) {
        for entry in mapping.entries ?? [] where !known.contains(entry.key) {
            let suggestion = EditDistance.closest(to: entry.key, in: known)
            diagnostics.append(.error(
                at: location(ofKey: entry), code: "yaml.unknown-key", "unknown key '\(entry.key)' in \(context)",
                hint: suggestion.map { "did you mean '\($0)'?" } ?? "known keys: \(known.joined(separator: ", "))"))
        }
    }
}
