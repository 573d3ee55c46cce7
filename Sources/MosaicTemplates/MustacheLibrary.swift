/// Named templates that render each other as partials and parents.
public struct MustacheLibrary: Sendable {
    /// The templates compiled once, when the library is made.
    let program: MustacheProgram

    public init(templates: [String: MustacheTemplate]) {
        program = MustacheProgram(templates: templates)
    }

    /// The output of template `name` for `context`, or `nil` when there is no such template.
    public func render(_ context: MustacheValue, withTemplate name: String) -> String? {
        renderBytes(context, withTemplate: name).map { String(decoding: $0, as: UTF8.self) }
    }

    /// The output as UTF-8 bytes, for writers that need no `String` (and so no validation pass).
    public func renderBytes(_ context: MustacheValue, withTemplate name: String) -> [UInt8]? {
        MustacheRenderer.render(program, template: name, context: context)
    }
}
