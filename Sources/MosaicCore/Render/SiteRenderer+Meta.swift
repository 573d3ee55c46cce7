import MosaicTemplates

/// The details panel: front-matter fields with readable labels, references and terms linked.
extension SiteRenderer {
    /// Fields shown elsewhere on the page or meaningless to readers, left out of the panel.
    static let hiddenMetaFields: Set<String> = [
        "title", "summary", "id", "draft", "slug", "lang", "translation_key", "type", "date",
        "date_precision", "short_title", "translation_status", "original_language",
        "status", "consultation_close", "feedback_contact", "supersedes", "superseded_by", "related",
    ]

    func metaEntries(for page: IndexedPage, context: PageContext) -> [MustacheValue] {
        let type = graph.finder.schema(for: page)
        return (page.document.frontMatter.entries ?? []).compactMap { entry -> MustacheValue? in
            guard !SiteRenderer.hiddenMetaFields.contains(entry.key) else { return nil }
            let field = type?.fields[entry.key]
            let values = metaValues(entry.value, field: field, page: page, context: context)
            guard !values.isEmpty else { return nil }
            let label = field?.label?.text(for: context.language, fallback: config.defaultLanguage)
                ?? context.strings["field_\(entry.key)"] ?? humanize(entry.key)
            return ["label": .string(label), "values": .list(values.map(MustacheValue.object)),
                    "value": .string(values.compactMap { $0["text"]?.text }.joined(separator: ", "))]
        }
    }

    private func metaValues(_ node: YAMLNode, field: FieldSchema?, page: IndexedPage, context: PageContext) -> [MustacheObject] {
        switch node.value {
        case .scalar(let text, _):
            guard !node.isNull else { return [] }
            if let target = graph.finder.target(of: text, field: field, from: page) {
                var value: MustacheObject = ["text": .string(target.document.title), "url": .string(context.url(to: target.outputPath))]
                if target.language != page.language {
                    value["otherLanguage"] = .string(target.language.rawValue)
                    value["otherLanguageBadge"] = .string(target.language.rawValue.uppercased())
                }
                return [value]
            }
            if case .taxonomy(let taxonomyID)? = field?.values, let taxonomy = config.taxonomy(taxonomyID.rawValue),
               let term = taxonomy.term(text) {
                return [[
                    "text": .string(term.label.text(for: context.language, fallback: config.defaultLanguage)),
                    "url": .string(context.url(to: termPath(taxonomy, term, language: context.language))),
                ]]
            }
            if field?.kind == .enum || field?.kind == .enumList {
                return [["text": .string(context.strings["value_\(text)"] ?? humanize(text))]]
            }
            if field?.kind == .date, let date = PartialDate(parsing: text) { return [["text": .string(context.strings.format(date))]] }
            if text.hasPrefix("https://") || text.hasPrefix("http://") { return [["text": .string(text), "url": .string(text)]] }
            return [["text": .string(text)]]
        case .sequence(let items):
            return items.flatMap { metaValues($0, field: field, page: page, context: context) }
        case .mapping(let entries):
            let referenceKey = config.types.isEmpty ? "ref" : entries.first { field?.fields[$0.key]?.kind == .ref }?.key
            if let referenceKey, let reference = node[referenceKey] {
                var values = metaValues(reference, field: field?.fields[referenceKey], page: page, context: context)
                let extras = entries.filter { $0.key != referenceKey }.compactMap { entry -> String? in
                    guard let scalar = entry.value.scalar else { return nil }
                    let nested = field?.fields[entry.key]
                    return nested?.kind == .enum ? (context.strings["value_\(scalar)"] ?? humanize(scalar)) : scalar
                }
                if !extras.isEmpty, var first = values.first {
                    first["text"] = .string("\(first["text"]?.text ?? "") (\(extras.joined(separator: ", ")))")
                    values[0] = first
                }
                return values
            }
            let text = entries.compactMap { entry in
                entry.value.scalar.map { "\(context.strings["field_\(entry.key)"] ?? humanize(entry.key)): \($0)" }
            }
            return text.isEmpty ? [] : [["text": .string(text.joined(separator: "; "))]]
        }
    }
}
