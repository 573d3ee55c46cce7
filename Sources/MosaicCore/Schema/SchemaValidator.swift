/// Checks every document's front matter against the content types declared in `mosaic.yml`.
///
/// Runs after the page index exists, so references are checked against real ids and types.
/// Sites that declare no types skip validation: their front matter stays free-form.
struct SchemaValidator {
    let config: SiteConfig
    let index: PageIndex
    /// What every page's check reads of the configuration, worked out once: sorting the type
    /// names and required fields and listing a taxonomy's terms again for each page were most of
    /// the checks' time, which an incremental build pays for every document.
    private let typeNames: [String]
    private let requiredFields: [String: [FieldSchema]]
    private let termsByTaxonomy: [String: Set<String>]

    init(config: SiteConfig, index: PageIndex) {
        self.config = config
        self.index = index
        typeNames = config.types.keys.sorted()
        requiredFields = config.types.mapValues { type in
            type.fields.values.filter(\.isRequired).sorted { $0.name < $1.name }
        }
        termsByTaxonomy = Dictionary(config.taxonomies.map { ($0.id.rawValue, Set($0.terms.map(\.id.rawValue))) },
                                     uniquingKeysWith: { first, _ in first })
    }

    static func validate(_ index: PageIndex, config: SiteConfig) -> [Diagnostic] {
        guard !config.types.isEmpty else { return [] }
        let validator = SchemaValidator(config: config, index: index)
        return index.pages.flatMap { validator.validate($0) }
    }

    private func validate(_ page: IndexedPage) -> [Diagnostic] {
        let document = page.document
        var reader = NodeReader(path: document.source.displayPath, lineOffset: document.frontMatterLineOffset)
        guard let typeName = document.type else {
            reader.report(.error(at: SourceLocation(path: document.source.displayPath), code: "schema.type-missing",
                                 "document has no type", hint: "add `type:` with one of: \(typeNames.joined(separator: ", "))"))
            return reader.diagnostics
        }
        guard let type = config.types[typeName] else {
            let node = document.frontMatter["type"] ?? document.frontMatter
            reader.error(at: node, code: "schema.type-unknown", "unknown type '\(typeName)'",
                         hint: closestHint(typeName, in: typeNames))
            return reader.diagnostics
        }
        for field in requiredFields[typeName] ?? [] where document.frontMatter[field.name] == nil {
            reader.report(.error(at: SourceLocation(path: document.source.displayPath), code: "schema.required",
                                 "missing required field '\(field.name)' for type '\(typeName)'",
                                 hint: "add `\(field.name): …` to the front matter"))
        }
        for entry in document.frontMatter.entries ?? [] where !DocumentLoader.reservedFields.contains(entry.key) {
            guard let field = type.fields[entry.key] else {
                reader.report(.warning(at: reader.location(ofKey: entry), code: "schema.unknown-field",
                                       "field '\(entry.key)' is not declared for type '\(typeName)'",
                                       hint: closestHint(entry.key, in: type.fields.keys.sorted())
                                           ?? "declare it under types.\(typeName).fields in mosaic.yml"))
                continue
            }
            check(entry.value, against: field, in: page, reader: &reader)
        }
        return reader.diagnostics
    }

    private func check(_ node: YAMLNode, against field: FieldSchema, in page: IndexedPage, reader: inout NodeReader) {
        if node.isNull {
            if field.isRequired { reader.error(at: node, code: "schema.required", "required field '\(field.name)' is empty") }
            return
        }
        if field.kind.isList {
            let items = node.items ?? [node]
            if node.entries != nil, field.kind != .objectList {
                reader.error(at: node, code: "schema.type", "'\(field.name)' must be a list, not a mapping")
                return
            }
            for item in items { checkSingle(item, against: field, in: page, reader: &reader) }
        } else {
            checkSingle(node, against: field, in: page, reader: &reader)
        }
    }

    private func checkSingle(_ node: YAMLNode, against field: FieldSchema, in page: IndexedPage, reader: inout NodeReader) {
        let name = field.name
        switch field.kind {
        case .object, .objectList:
            guard node.entries != nil else {
                reader.error(at: node, code: "schema.type", "each '\(name)' value must be a mapping of fields, not \(node.kindName)")
                return
            }
            guard !field.fields.isEmpty else { return }
            for nested in field.fields.values.sorted(by: { $0.name < $1.name }) where nested.isRequired && node[nested.name] == nil {
                reader.error(at: node, code: "schema.required", "'\(name)' entry is missing required key '\(nested.name)'")
            }
            for entry in node.entries ?? [] {
                guard let nested = field.fields[entry.key] else {
                    reader.report(.warning(at: reader.location(ofKey: entry), code: "schema.unknown-field",
                                           "key '\(entry.key)' is not declared for '\(name)'",
                                           hint: closestHint(entry.key, in: field.fields.keys.sorted())))
                    continue
                }
                check(entry.value, against: nested, in: page, reader: &reader)
            }
            return
        default:
            break
        }
        guard let text = node.scalar else {
            reader.error(at: node, code: "schema.type", "'\(name)' must be a single value, not \(node.kindName)")
            return
        }
        switch field.kind {
        case .date:
            if PartialDate(parsing: text) == nil {
                reader.error(at: node, code: "schema.date", "'\(text)' is not a valid date for '\(name)'",
                             hint: "write YYYY, YYYY-MM or YYYY-MM-DD")
            }
        case .number:
            if Double(text) == nil || node.bool != nil {
                reader.error(at: node, code: "schema.number", "'\(name)' must be a number, found '\(text)'")
            }
        case .boolean:
            if node.bool == nil {
                reader.error(at: node, code: "schema.boolean", "'\(name)' must be true or false, found '\(text)'",
                             hint: "write true or false without quotes")
            }
        case .url:
            if !(text.hasPrefix("https://") || text.hasPrefix("http://") || text.hasPrefix("mailto:")) {
                reader.error(at: node, code: "schema.url", "'\(text)' is not a web address for '\(name)'",
                             hint: "start it with https://")
            }
        case .enum, .enumList:
            if !isAllowed(text, for: field) {
                let allowed = config.allowedValues(of: field)
                reader.error(at: node, code: "schema.enum", "'\(text)' is not an allowed value of '\(name)'",
                             hint: closestHint(text, in: allowed) ?? "allowed: \(allowed.prefix(12).joined(separator: ", "))")
            }
        case .ref, .refList:
            checkReference(text, node: node, field: field, in: page, reader: &reader)
        case .string, .text, .stringList, .object, .objectList:
            break
        }
    }

    private func checkReference(_ text: String, node: YAMLNode, field: FieldSchema, in page: IndexedPage, reader: inout NodeReader) {
        guard let id = PageID(text), let target = index.findPage(id: id, preferring: page.language) else {
            reader.error(at: node, code: "schema.ref-unknown", "'\(field.name)' refers to unknown id '\(text)'",
                         hint: closestHint(text, in: index.allIDs) ?? "an id is a document's file name without .md, or its `id:`")
            return
        }
        let targetType = target.document.type ?? "untyped"
        if !field.allowedTargetTypes.isEmpty, !field.allowedTargetTypes.contains(targetType) {
            reader.error(at: node, code: "schema.ref-type",
                         "'\(field.name)' must refer to a document of type \(field.allowedTargetTypes.joined(separator: " or ")), but '\(text)' has type \(targetType)",
                         hint: "'\(text)' is \(target.document.source.displayPath)")
        }
    }

    /// `config.allowedValues(of:)` contains `text`; a taxonomy's terms are looked up in their
    /// set instead of listed again for each value.
    private func isAllowed(_ text: String, for field: FieldSchema) -> Bool {
        if case .taxonomy(let id) = field.values { return termsByTaxonomy[id.rawValue]?.contains(text) ?? false }
        return config.allowedValues(of: field).contains(text)
    }

    private func closestHint(_ word: String, in candidates: [String]) -> String? {
        EditDistance.closest(to: word, in: candidates).map { "did you mean '\($0)'?" }
    }
}
