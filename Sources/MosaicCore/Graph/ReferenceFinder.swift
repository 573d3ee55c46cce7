/// Decides which front-matter values are references to other documents, and resolves them.
///
/// The details panel and the backlinks both ask this one type, so every "Referenced by" entry
/// has a matching link on the referring page. With declared types only `ref` and `ref_list`
/// fields (also nested in objects) are references; without, any value equal to an id is.
struct ReferenceFinder: Sendable {
    let config: SiteConfig
    let index: PageIndex

    /// A resolved reference from a front-matter field.
    struct Reference: Hashable {
        var field: String
        var target: IndexedPage
    }

    func schema(for page: IndexedPage) -> ContentType? {
        page.document.type.flatMap { config.types[$0] }
    }

    /// The page a scalar in `field` refers to, in the reader's language where possible.
    func target(of text: String, field: FieldSchema?, from page: IndexedPage) -> IndexedPage? {
        if !config.types.isEmpty {
            guard let field, field.kind == .ref || field.kind == .refList else { return nil }
        }
        guard let id = PageID(text), let found = index.findPage(id: id, preferring: page.language) else { return nil }
        if found.language == page.language { return found }
        return index.findTranslation(of: found, in: page.language) ?? found
    }

    /// Every reference in the page's front matter, in field order.
    func references(from page: IndexedPage) -> [Reference] {
        let type = schema(for: page)
        var result: [Reference] = []
        for entry in page.document.frontMatter.entries ?? [] where !DocumentLoader.reservedFields.contains(entry.key) {
            collect(entry.value, field: type?.fields[entry.key], name: entry.key, page: page, into: &result)
        }
        return result
    }

    private func collect(_ node: YAMLNode, field: FieldSchema?, name: String, page: IndexedPage, into result: inout [Reference]) {
        switch node.value {
        case .scalar(let text, _):
            if let target = target(of: text, field: field, from: page) { result.append(Reference(field: name, target: target)) }
        case .sequence(let items):
            for item in items { collect(item, field: field, name: name, page: page, into: &result) }
        case .mapping(let entries):
            for entry in entries {
                if config.types.isEmpty {
                    guard entry.key == "ref" else { continue }
                    collect(entry.value, field: nil, name: name, page: page, into: &result)
                } else if let nested = field?.fields[entry.key] {
                    collect(entry.value, field: nested, name: name, page: page, into: &result)
                }
            }
        }
    }
}
