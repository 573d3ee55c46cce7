import MosaicTemplates

/// The values every template sees, built once per output file.
///
/// These helpers keep the key names every page shares in one place. A class, though immutable:
/// list entries pass it down through closures, and each copy of a struct retained every field of
/// the site's configuration.
final class PageContext: Sendable {
    let language: LocaleCode
    let outputPath: OutputPath
    let strings: InterfaceStrings
    let site: SiteConfig

    init(language: LocaleCode, outputPath: OutputPath, strings: InterfaceStrings, site: SiteConfig) {
        self.language = language
        self.outputPath = outputPath
        self.strings = strings
        self.site = site
    }

    /// Relative URL from this page to another output file.
    func url(to target: OutputPath) -> String {
        target.relativeURL(from: outputPath)
    }

    func homePath(for language: LocaleCode) -> OutputPath {
        OutputPath.page([language.rawValue])
    }

    /// `lang`, `root`, `home`, `site`, `t`, `nav`, `canonical`, with `alternates` (real
    /// translations, for `hreflang`) and `languageLinks` (the switcher, which may point to a
    /// "not available in this language" page) supplied by the caller.
    func base(navigationCurrent currentSection: String?, alternates: [MustacheValue],
              languageLinks: [MustacheValue]? = nil) -> MustacheObject {
        [
            "lang": .string(language.rawValue),
            "langName": .string(strings["language_name"] ?? language.rawValue),
            "root": .string(outputPath.rootPrefix),
            "home": .string(url(to: homePath(for: language))),
            "site": [
                "title": .string(site.title.text(for: language, fallback: site.defaultLanguage)),
                "description": .string(site.description.text(for: language, fallback: site.defaultLanguage)),
            ],
            "t": strings.templateValue,
            "nav": .list(site.sections.map { section -> MustacheValue in
                [
                    "title": .string(section.title.text(for: language, fallback: site.defaultLanguage)),
                    "url": .string(url(to: OutputPath.page([language.rawValue, section.id.rawValue]))),
                    "current": .bool(section.id.rawValue == currentSection),
                ]
            }),
            "alternates": .list(alternates),
            "languageLinks": .list(languageLinks ?? alternates),
            "canonical": .string(absoluteURL(outputPath)),
        ]
    }

    /// The page's public address: `base_url` plus its folder when the site knows where it is
    /// hosted, else its relative URL (which still identifies it within the site).
    func absoluteURL(_ path: OutputPath) -> String {
        guard let base = site.baseURL else { return url(to: path) }
        var components = path.components
        if components.last == "index.html" { components.removeLast() }
        let tail = components.map(URLEscaping.escapePathComponent).joined(separator: "/")
        return (base.hasSuffix("/") ? base : base + "/") + tail + (tail.isEmpty || path.components.last != "index.html" ? "" : "/")
    }

    /// One alternate-language link, labelled in its own language; `href` is absolute when the
    /// site knows its base URL (for `hreflang` in the head), `url` always relative (for readers).
    func alternate(_ language: LocaleCode, at target: OutputPath, strings other: InterfaceStrings?) -> MustacheValue {
        ["lang": .string(language.rawValue), "langName": .string(other?["language_name"] ?? language.rawValue),
         "url": .string(url(to: target)), "href": .string(absoluteURL(target))]
    }

    /// "12 documents" in this language, from the `document_count_one` / `_other` patterns.
    func countText(_ count: Int) -> String {
        let key = count == 1 ? "document_count_one" : "document_count_other"
        guard let pattern = strings[key] else { return "\(count)" }
        return InterfaceStrings.fill(pattern, ["count": NumberFormatting.format(count, language: language)])
    }
}

/// Integers written with the thousands separator each language uses (`15,965`, `15 965`).
enum NumberFormatting {
    static func format(_ value: Int, language: LocaleCode) -> String {
        let separator = language.rawValue == "fr" ? "\u{202F}" : ","
        let digits = String(value.magnitude)
        var groups: [Substring] = []
        var end = digits.endIndex
        while end > digits.startIndex {
            let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
            groups.insert(digits[start..<end], at: 0)
            end = start
        }
        return (value < 0 ? "-" : "") + groups.joined(separator: separator)
    }
}
