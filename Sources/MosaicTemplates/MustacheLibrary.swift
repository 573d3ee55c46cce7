/// Named templates that render each other as partials and parents.
public struct MustacheLibrary: Sendable {
    let templates: [String: MustacheTemplate]

    public init(templates: [String: MustacheTemplate]) {
        self.templates = templates
    }

    /// The output of template `name` for `context`, or `nil` when there is no such template.
    public func render(_ context: MustacheValue, withTemplate name: String) -> String? {
        renderBytes(context, withTemplate: name).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The output as UTF-8 bytes, for writers that need no `String` (and so no validation pass).
    public func renderBytes(_ context: MustacheValue, withTemplate name: String) -> [UInt8]? {
        guard let template = templates[name] else { return nil }
        var renderer = MustacheRenderer(library: self, context: context)
        var output: [UInt8] = []
        output.reserveCapacity(16_384)
        renderer.render(template.nodes, MustacheRenderer.Scope(), into: &output)
        return output
    }
}
