/// Converts front matter into the plain values Mustache walks (`{{page.params.acronym}}`).
enum TemplateValue {
    static func make(_ node: YAMLNode) -> Any {
        switch node.value {
        case .scalar(let text, _):
            if let flag = node.bool { return flag }
            return text
        case .sequence(let items):
            return items.map(make)
        case .mapping(let entries):
            var dictionary: [String: Any] = [:]
            for entry in entries { dictionary[entry.key] = make(entry.value) }
            return dictionary
        }
    }
}
