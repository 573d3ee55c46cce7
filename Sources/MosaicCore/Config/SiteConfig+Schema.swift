/// Reading `taxonomies:`, `types:` and `graph:` from `mosaic.yml`.
extension SiteConfig {
    static func taxonomies(_ node: YAMLNode?, languages: [LocaleCode], reader: inout NodeReader) -> [Taxonomy] {
        guard let node else { return [] }
        guard let entries = node.entries else {
            reader.error(at: node, code: "config.type", "'taxonomies' must map taxonomy ids to their terms")
            return []
        }
        var result: [Taxonomy] = []
        for entry in entries {
            guard let id = Slug(validating: entry.key) else {
                reader.report(.error(at: reader.location(ofKey: entry), code: "config.taxonomy-id",
                                     "taxonomy id '\(entry.key)' must use lowercase letters, digits, - or _"))
                continue
            }
            let body = entry.value
            guard body.entries != nil else {
                reader.error(at: body, code: "config.type", "taxonomy '\(entry.key)' must be a mapping with 'terms'")
                continue
            }
            reader.rejectUnknownKeys(in: body, known: ["title", "description", "terms"], context: "taxonomy '\(entry.key)'")
            var terms: [Taxonomy.Term] = []
            for item in body["terms"]?.items ?? [] {
                guard item.entries != nil else {
                    reader.error(at: item, code: "config.type", "a term must be a mapping with 'id' and 'label'")
                    continue
                }
                reader.rejectUnknownKeys(in: item, known: ["id", "label", "definition"], context: "a term")
                guard let idNode = item["id"], let text = reader.string(idNode, field: "id") else {
                    reader.error(at: item, code: "config.term-id", "a term needs an 'id'")
                    continue
                }
                guard let termID = Slug(validating: text) else {
                    reader.error(at: idNode, code: "config.term-id", "term id '\(text)' must use lowercase letters, digits, - or _")
                    continue
                }
                if terms.contains(where: { $0.id == termID }) {
                    reader.error(at: idNode, code: "config.term-id", "term '\(text)' is declared twice in '\(entry.key)'")
                    continue
                }
                terms.append(Taxonomy.Term(
                    id: termID,
                    label: localized(item["label"], field: "label", languages: languages, reader: &reader) ?? LocalizedText(shared: text),
                    definition: localized(item["definition"], field: "definition", languages: languages, reader: &reader)))
            }
            if body["terms"]?.items == nil {
                reader.error(at: body, code: "config.type", "taxonomy '\(entry.key)' needs a list of 'terms'")
            }
            result.append(Taxonomy(
                id: id,
                title: localized(body["title"], field: "title", languages: languages, reader: &reader) ?? LocalizedText(shared: entry.key),
                description: localized(body["description"], field: "description", languages: languages, reader: &reader),
                terms: terms))
        }
        return result
    }

    static func types(_ node: YAMLNode?, taxonomies: [Taxonomy], languages: [LocaleCode], reader: inout NodeReader) -> [String: ContentType] {
        guard let node else { return [:] }
        guard let entries = node.entries else {
            reader.error(at: node, code: "config.type", "'types' must map type names to their fields")
            return [:]
        }
        let commonFields = entries.first { $0.key == "common" }.map {
            fields($0.value["fields"], taxonomies: taxonomies, languages: languages, reader: &reader)
        } ?? [:]
        var result: [String: ContentType] = [:]
        for entry in entries where entry.key != "common" {
            let body = entry.value
            guard body.entries != nil else {
                reader.error(at: body, code: "config.type", "type '\(entry.key)' must be a mapping with 'fields'")
                continue
            }
            reader.rejectUnknownKeys(in: body, known: ["label", "section", "fields"], context: "type '\(entry.key)'")
            let own = fields(body["fields"], taxonomies: taxonomies, languages: languages, reader: &reader)
            result[entry.key] = ContentType(
                id: entry.key,
                label: localized(body["label"], field: "label", languages: languages, reader: &reader),
                section: body["section"].flatMap { reader.string($0, field: "section") },
                fields: commonFields.merging(own) { _, typeField in typeField })
        }
        if let common = entries.first(where: { $0.key == "common" }) {
            reader.rejectUnknownKeys(in: common.value, known: ["fields"], context: "types.common")
        }
        return result
    }

    private static func fields(_ node: YAMLNode?, taxonomies: [Taxonomy], languages: [LocaleCode],
                               reader: inout NodeReader) -> [String: FieldSchema] {
        guard let node else { return [:] }
        guard let entries = node.entries else {
            reader.error(at: node, code: "config.type", "'fields' must map field names to their schema")
            return [:]
        }
        var result: [String: FieldSchema] = [:]
        for entry in entries {
            if let field = field(named: entry.key, entry.value, taxonomies: taxonomies, languages: languages, reader: &reader) {
                result[entry.key] = field
            }
        }
        return result
    }

    private static func field(named name: String, _ node: YAMLNode, taxonomies: [Taxonomy], languages: [LocaleCode],
                              reader: inout NodeReader) -> FieldSchema? {
        guard node.entries != nil else {
            reader.error(at: node, code: "config.field", "field '\(name)' must be a mapping such as {type: string}")
            return nil
        }
        reader.rejectUnknownKeys(in: node, known: ["type", "required", "values", "taxonomy", "to", "fields", "label"],
                                 context: "field '\(name)'")
        let kinds = FieldSchema.Kind.allCases.map(\.rawValue)
        guard let typeNode = node["type"], let typeText = reader.string(typeNode, field: "type") else {
            reader.error(at: node, code: "config.field", "field '\(name)' needs a 'type'", hint: "one of: \(kinds.joined(separator: ", "))")
            return nil
        }
        guard let kind = FieldSchema.Kind(rawValue: typeText) else {
            reader.error(at: typeNode, code: "config.field", "unknown field type '\(typeText)'",
                         hint: EditDistance.closest(to: typeText, in: kinds).map { "did you mean '\($0)'?" } ?? "one of: \(kinds.joined(separator: ", "))")
            return nil
        }
        var values = FieldSchema.Values.none
        if let taxonomyNode = node["taxonomy"], let taxonomy = reader.string(taxonomyNode, field: "taxonomy") {
            if let found = taxonomies.first(where: { $0.id.rawValue == taxonomy }) {
                values = .taxonomy(found.id)
            } else {
                reader.error(at: taxonomyNode, code: "config.field", "unknown taxonomy '\(taxonomy)'",
                             hint: EditDistance.closest(to: taxonomy, in: taxonomies.map(\.id.rawValue)).map { "did you mean '\($0)'?" })
            }
        } else if let valuesNode = node["values"], let list = reader.stringList(valuesNode, field: "values") {
            values = .list(list)
        }
        if kind == .enum || kind == .enumList, values == .none, node["taxonomy"] == nil {
            reader.error(at: typeNode, code: "config.field", "enum field '\(name)' needs 'values' or 'taxonomy'")
        }
        return FieldSchema(
            name: name, kind: kind,
            isRequired: node["required"].flatMap { reader.bool($0, field: "required") } ?? false,
            values: values,
            allowedTargetTypes: node["to"].flatMap { reader.stringList($0, field: "to") } ?? [],
            fields: fields(node["fields"], taxonomies: taxonomies, languages: languages, reader: &reader),
            label: localized(node["label"], field: "label", languages: languages, reader: &reader))
    }

    static func graphSettings(_ node: YAMLNode?, reader: inout NodeReader) -> GraphSettings {
        var settings = GraphSettings.standard
        guard let node else { return settings }
        guard node.entries != nil else {
            reader.error(at: node, code: "config.type", "'graph' must be a mapping")
            return settings
        }
        reader.rejectUnknownKeys(in: node, known: ["related", "directory", "coverage"], context: "graph")
        if let related = node["related"] {
            reader.rejectUnknownKeys(in: related, known: ["weights", "same_type", "year_window", "limit"], context: "graph.related")
            if let weights = related["weights"]?.entries {
                settings.relatedWeights = [:]
                for entry in weights {
                    if let text = reader.string(entry.value, field: entry.key), let weight = Int(text) {
                        settings.relatedWeights[entry.key] = weight
                    } else {
                        reader.error(at: entry.value, code: "config.type", "weight of '\(entry.key)' must be a whole number")
                    }
                }
            }
            settings.relatedSameType = integer(related["same_type"], field: "same_type", reader: &reader) ?? settings.relatedSameType
            settings.relatedYearWindow = integer(related["year_window"], field: "year_window", reader: &reader) ?? settings.relatedYearWindow
            settings.relatedLimit = integer(related["limit"], field: "limit", reader: &reader) ?? settings.relatedLimit
        }
        if let directory = node["directory"] {
            reader.rejectUnknownKeys(in: directory, known: ["type", "facets"], context: "graph.directory")
            settings.directoryType = directory["type"].flatMap { reader.string($0, field: "type") }
            settings.directoryFacets = directory["facets"].flatMap { reader.stringList($0, field: "facets") } ?? []
        }
        if let coverage = node["coverage"] {
            reader.rejectUnknownKeys(in: coverage, known: ["rows", "taxonomy", "via_types", "via_field"], context: "graph.coverage")
            settings.coverageRowType = coverage["rows"].flatMap { reader.string($0, field: "rows") }
            settings.coverageTaxonomy = coverage["taxonomy"].flatMap { reader.string($0, field: "taxonomy") }
            settings.coverageViaTypes = coverage["via_types"].flatMap { reader.stringList($0, field: "via_types") } ?? []
            settings.coverageViaField = coverage["via_field"].flatMap { reader.string($0, field: "via_field") } ?? "lips"
        }
        return settings
    }

    private static func integer(_ node: YAMLNode?, field: String, reader: inout NodeReader) -> Int? {
        guard let node, let text = reader.string(node, field: field) else { return nil }
        guard let value = Int(text), value >= 0 else {
            reader.error(at: node, code: "config.type", "'\(field)' must be a whole number")
            return nil
        }
        return value
    }
}
