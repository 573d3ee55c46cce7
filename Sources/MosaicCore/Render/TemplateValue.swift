import MosaicTemplates

/// Converts front matter into the values Mustache walks (`{{page.params.acronym}}`).
enum TemplateValue {
    static func make(_ node: YAMLNode) -> MustacheValue {
        switch node.value {
        case .scalar(let text, _):
            if let flag = node.bool { return .bool(flag) }
            return .string(text)
        case .sequence(let items):
            return .list(items.map(make))
        case .mapping(let entries):
            var object = MustacheObject()
            for entry in entries { object[MustacheKey(entry.key)] = make(entry.value) }
            return .object(object)
        }
    }
}
