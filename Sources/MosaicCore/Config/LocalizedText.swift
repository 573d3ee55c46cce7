/// Text given once for all languages or once per language (`title: {en: …, fr: …}`).
public struct LocalizedText: Sendable, Hashable {
    public var shared: String?
    public var perLanguage: [LocaleCode: String]

    public init(shared: String? = nil, perLanguage: [LocaleCode: String] = [:]) {
        self.shared = shared
        self.perLanguage = perLanguage
    }

    /// The text for `language`, else the shared text, else the default language's.
    public func text(for language: LocaleCode, fallback: LocaleCode) -> String {
        perLanguage[language] ?? shared ?? perLanguage[fallback] ?? perLanguage.values.sorted().first ?? ""
    }
}
