import Foundation
import Yams

/// Parses YAML text into `YAMLNode`s, turning every failure into a located problem.
///
/// The conversion walks at most `nodeBudget` nodes, so an alias bomb (a few lines that expand to
/// billions of values) is reported instead of exhausting memory.
enum YAMLReader {
    struct Failure: Error, Sendable {
        var line: Int
        var column: Int
        var message: String
        var hint: String?
    }

    static let nodeBudget = 50_000

    /// Parses one YAML document; an empty document gives an empty mapping.
    static func parse(_ text: String) -> Result<YAMLNode, Failure> {
        if let simple = SimpleYAML.parse(text) { return .success(simple) }
        return parseWithYams(text)
    }

    /// The full YAML reader, for everything `SimpleYAML` leaves to it (and for its tests).
    static func parseWithYams(_ text: String) -> Result<YAMLNode, Failure> {
        let node: Node?
        do {
            // No implicit tag rules: Mosaic reads every scalar as text and types it itself
            // (NodeReader), and the default rules ran a regular expression per scalar.
            node = try Yams.compose(yaml: text, .basic)
        } catch let error as YamlError {
            return .failure(failure(from: error, in: text))
        } catch {
            return .failure(Failure(line: 1, column: 1, message: "invalid YAML: \(error)"))
        }
        guard let node else { return .success(YAMLNode(.mapping([]), line: 1, column: 1)) }
        var budget = nodeBudget
        return convert(node, budget: &budget)
    }

    private static func convert(_ node: Node, budget: inout Int) -> Result<YAMLNode, Failure> {
        budget -= 1
        let mark = node.mark
        let line = mark?.line ?? 1
        let column = mark?.column ?? 1
        guard budget >= 0 else {
            return .failure(Failure(
                line: line, column: column,
                message: "YAML expands to more than \(nodeBudget) values",
                hint: "aliases (*name) that repeat large anchors multiply; write the values out or shorten the list"))
        }
        switch node {
        case .scalar(let scalar):
            return .success(YAMLNode(.scalar(scalar.string, isPlain: scalar.style == .plain), line: line, column: column))
        case .alias:
            return .failure(Failure(line: line, column: column, message: "unresolved YAML alias"))
        case .sequence(let sequence):
            var items: [YAMLNode] = []
            for child in sequence {
                switch convert(child, budget: &budget) {
                case .success(let item): items.append(item)
                case .failure(let failure): return .failure(failure)
                }
            }
            return .success(YAMLNode(.sequence(items), line: line, column: column))
        case .mapping(let mapping):
            var entries: [YAMLEntry] = []
            var seen: Set<String> = []
            for (keyNode, valueNode) in mapping {
                guard case .scalar(let keyScalar) = keyNode else {
                    let keyMark = keyNode.mark
                    return .failure(Failure(
                        line: keyMark?.line ?? line, column: keyMark?.column ?? column,
                        message: "a mapping key must be a single value, not \(keyNode.kindDescription)"))
                }
                let key = keyScalar.string
                let keyLine = keyScalar.mark?.line ?? line
                let keyColumn = keyScalar.mark?.column ?? column
                guard seen.insert(key).inserted else {
                    return .failure(Failure(line: keyLine, column: keyColumn, message: "duplicate key '\(key)'",
                                            hint: "each key may appear once; remove or merge the repeated one"))
                }
                switch convert(valueNode, budget: &budget) {
                case .success(let value):
                    entries.append(YAMLEntry(key: key, keyLine: keyLine, keyColumn: keyColumn, value: value))
                case .failure(let failure):
                    return .failure(failure)
                }
            }
            return .success(YAMLNode(.mapping(entries), line: line, column: column))
        }
    }

    private static func failure(from error: YamlError, in text: String) -> Failure {
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let contextText = context.map { "\($0.text) " } ?? ""
            return Failure(line: mark.line, column: mark.column, message: "invalid YAML: \(contextText)\(problem)",
                           hint: hint(for: problem))
        case .reader(let problem, _, _, _):
            return Failure(line: 1, column: 1, message: "invalid YAML: \(problem)")
        case .duplicatedKeysInMapping(let duplicates, let context):
            let repeated = duplicates.first.flatMap { secondOccurrence(of: $0, in: text) }
            return Failure(line: repeated?.line ?? context.mark.line, column: repeated?.column ?? context.mark.column,
                           message: "duplicate key '\(duplicates.joined(separator: "', '"))'",
                           hint: "each key may appear once; remove or merge the repeated one")
        default:
            return Failure(line: 1, column: 1, message: "invalid YAML: \(error)")
        }
    }

    /// Yams names a duplicated key but points at its mapping; find where the key is repeated.
    private static func secondOccurrence(of key: String, in text: String) -> (line: Int, column: Int)? {
        var seen = 0
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let indent = line.prefix { $0 == " " }.count
            let rest = line.dropFirst(indent)
            guard rest.hasPrefix(key + ":") || rest.hasPrefix("\"\(key)\":") || rest.hasPrefix("'\(key)':") else { continue }
            seen += 1
            if seen == 2 { return (number + 1, indent + 1) }
        }
        return nil
    }

    private static func hint(for problem: String) -> String? {
        if problem.contains("mapping values are not allowed") {
            return "a value containing ': ' must be quoted, e.g. title: \"Part 1: Overview\""
        }
        if problem.contains("found character that cannot start any token") {
            return "quote values that start with @, `, % or a tab"
        }
        return nil
    }
}

private extension Node {
    var kindDescription: String {
        switch self {
        case .scalar: "a single value"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }
}
