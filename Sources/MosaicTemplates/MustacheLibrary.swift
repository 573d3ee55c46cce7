/// Named templates that render each other as partials and parents.
public struct MustacheLibrary: Sendable {
    let templates: [String: MustacheTemplate]

    public init(templates: [String: MustacheTemplate]) {
        self.templates = templates
    }

    /// The output of template `name` for `context`, or `nil` when there is no such template.
    public func render(_ context: MustacheValue, withTemplate name: String) -> String? {
        guard let template = templates[name] else { return nil }
        var renderer = MustacheRenderer(library: self)
        var output: [UInt8] = []
        output.reserveCapacity(16_384)
        renderer.render(template.nodes, MustacheRenderer.Scope(stack: [context]), into: &output)
        return String(decoding: output, as: UTF8.self)
    }
}
