/// Every piece of interface text must exist in every language: the theme's and site's templates
/// (`{{t.key}}`) and the labels of the fields and values documents show.
enum InterfaceStringCheck {
    static func check(templates: TemplateSet, strings: [LocaleCode: InterfaceStrings], config: SiteConfig,
                      index: PageIndex) -> [Diagnostic] {
        let labels = labelsNeeded(config: config, index: index)
        var diagnostics: [Diagnostic] = []
        var reported: Set<String> = []
        for language in config.languages {
            let table = strings[language]?.table ?? [:]
            let file = "\(config.i18nFolder)/\(language).yml"
            for use in templates.interfaceKeyUses where table[use.key] == nil && reported.insert("\(language)|\(use.key)").inserted {
                diagnostics.append(.warning(at: use.location, code: "i18n.missing",
                                            "interface string 't.\(use.key)' is missing for language '\(language)'",
                                            hint: "add `\(use.key): \"…\"` to \(file)"))
            }
            for (key, location) in labels where table[key] == nil && reported.insert("\(language)|\(key)").inserted {
                diagnostics.append(.warning(
                    at: location, code: "i18n.missing-label",
                    "no \(language) label '\(key)' for this field or value",
                    hint: "add `\(key): \"…\"` to \(file), or a `label:` to the field in mosaic.yml"))
            }
        }
        return diagnostics
    }

    /// Each label key the documents' fields and values need, with the first place that needs it:
    /// one pass over the pages whatever the number of languages.
    private static func labelsNeeded(config: SiteConfig, index: PageIndex) -> [(key: String, location: SourceLocation)] {
        guard !config.types.isEmpty else { return [] }
        var labels: [(key: String, location: SourceLocation)] = []
        var seen: Set<String> = []
        for page in index.pages {
            guard let type = page.document.type.flatMap({ config.types[$0] }) else { continue }
            for entry in page.document.frontMatter.entries ?? [] where !SiteRenderer.hiddenMetaFields.contains(entry.key) {
                guard let field = type.fields[entry.key] else { continue }
                var keys: [String] = []
                if field.label == nil { keys.append("field_\(entry.key)") }
                if case .list(let allowed) = field.values, field.kind == .enum || field.kind == .enumList {
                    // Values outside the list are already schema errors; only allowed ones need labels.
                    keys += (entry.value.items ?? [entry.value]).compactMap(\.scalar).filter(allowed.contains).map { "value_\($0)" }
                }
                for key in keys where seen.insert(key).inserted {
                    labels.append((key, PageIndex.location(ofField: entry.key, in: page.document)))
                }
            }
        }
        return labels
    }
}
