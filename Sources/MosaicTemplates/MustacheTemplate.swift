/// A parsed Mustache template: the spec's tags plus inheritance (`{{<parent}}`, `{{$block}}`).
///
/// Whitespace follows swift-mustache exactly (standalone lines, partial indentation), so themes
/// written for it render byte for byte the same. Not supported, and reported as syntax errors:
/// swift-mustache's transforms (`{{upper(name)}}`), dynamic partials (`{{>*name}}`) and
/// `{{%CONTENT_TYPE}}` pragmas.
public struct MustacheTemplate: Sendable {
    let nodes: [MustacheNode]

    public init(string: String) throws(MustacheSyntaxError) {
        var parser = MustacheParser(Array(string.utf8))
        nodes = try parser.parseTemplate()
    }

    init(nodes: [MustacheNode]) {
        self.nodes = nodes
    }
}

/// Where and why a template does not parse.
public struct MustacheSyntaxError: Error, Sendable, CustomStringConvertible {
    public var line: Int
    public var column: Int
    public var message: String

    public var description: String { "\(line):\(column): \(message)" }
}

/// A name as written in a tag: `.` (the current value), `.a.b` (only the current value is
/// searched) or `a.b` (the first value on the stack that has `a`, then `b` inside it).
struct MustacheName: Sendable {
    var components: [MustacheKey]
    var currentOnly: Bool

    init(_ text: String) {
        components = text.split(separator: ".").map { MustacheKey(String($0)) }
        currentOnly = text.hasPrefix(".")
    }
}

/// A parsed template piece; not `indirect`, since children sit in arrays (boxing each node made
/// every visit load through an extra allocation).
enum MustacheNode: Sendable {
    case text([UInt8])
    case variable(MustacheName, escaped: Bool)
    case section(MustacheName, [MustacheNode], inverted: Bool)
    /// `indentation` is set for a standalone partial tag: its leading whitespace.
    case partial(String, indentation: [UInt8]?, overrides: [String: [MustacheNode]]?)
    case blockExpansion(String, defaultNodes: [MustacheNode], indentation: [UInt8])
    case blockDefinition(String, [MustacheNode])
}
