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
            return ["label": .string(label), "values": .list(values.map(\.templateValue)),
                    "value": .string(values.map(\.text).joined(separator: ", "))]
        }
    }

    private func metaValues(_ node: YAMLNode, field: FieldSchema?, page: IndexedPage, context: PageContext) -> [MetaValue] {
        switch node.value {
        case .scalar(let text, _):
            guard !node.isNull else { return [] }
            if let target = graph.finder.target(of: text, field: field, from: page) {
                return [MetaValue(text: target.document.title, url: context.url(to: target.outputPath),
                                  otherLanguage: target.language != page.language ? target.language : nil)]
            }
            if case .taxonomy(let taxonomyID)? = field?.values, let taxonomy = config.taxonomy(taxonomyID.rawValue),
               let term = taxonomy.term(text) {
                return [MetaValue(text: term.label.text(for: context.language, fallback: config.defaultLanguage),
                                  url: context.url(to: termPath(taxonomy, term, language: context.language)))]
            }
            if field?.kind == .enum || field?.kind == .enumList {
                return [MetaValue(text: context.strings["value_\(text)"] ?? humanize(text))]
            }
            if field?.kind == .date, let date = PartialDate(parsing: text) { return [MetaValue(text: context.strings.format(date))] }
            if text.hasPrefix("https://") || text.hasPrefix("http://") { return [MetaValue(text: text, url: text)] }
            return [MetaValue(text: text)]
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
                if !extras.isEmpty, !values.isEmpty { values[0].text += " (\(extras.joined(separator: ", ")))" }
                return values
            }
            let text = entries.compactMap { entry in
                entry.value.scalar.map { "\(context.strings["field_\(entry.key)"] ?? humanize(entry.key)): \($0)" }
            }
            return text.isEmpty ? [] : [MetaValue(text: text.joined(separator: "; "))]
        }
    }
}

/// One value in the details panel: its text, a link when it has one, and the language of a linked
/// page written in another language.
private struct MetaValue {
    var text: String
    var url: String?
    var otherLanguage: LocaleCode?

    var templateValue: MustacheValue {
        var object: MustacheObject = ["text": .string(text)]
        if let url { object["url"] = .string(url) }
        if let otherLanguage {
            object["otherLanguage"] = .string(otherLanguage.rawValue)
            object["otherLanguageBadge"] = .string(otherLanguage.rawValue.uppercased())
        }
        return .object(object)
    }
}
