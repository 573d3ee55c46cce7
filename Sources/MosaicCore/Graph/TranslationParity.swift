import Foundation

/// What each language still lacks: documents with no version in it, and versions older than
/// their original (by `date_modified`, else the last commit touching the file).
struct TranslationParity: Sendable {
    struct Stale: Sendable {
        var translation: Int
        var original: Int
        var translationDate: PartialDate
        var originalDate: PartialDate
    }

    /// Language → originals (page positions) with no version in that language, in list order.
    let missing: [LocaleCode: [Int]]
    /// Language → translations older than their original.
    let stale: [LocaleCode: [Stale]]

    static func compute(index: PageIndex, config: SiteConfig, modified: [ContentPath: PartialDate]) -> TranslationParity {
        var missing: [LocaleCode: [Int]] = [:]
        var stale: [LocaleCode: [Stale]] = [:]
        var seenKeys: Set<String> = []
        for page in index.pages where seenKeys.insert(page.document.translationKey).inserted {
            let versions = [page] + index.findTranslations(of: page)
            let original = originalVersion(of: versions, config: config)
            for language in config.languages {
                guard let version = versions.first(where: { $0.language == language }) else {
                    missing[language, default: []].append(original.position)
                    continue
                }
                guard version.position != original.position,
                      let translated = lastModified(version, modified: modified),
                      let source = lastModified(original, modified: modified), translated < source else { continue }
                stale[language, default: []].append(Stale(translation: version.position, original: original.position,
                                                          translationDate: translated, originalDate: source))
            }
        }
        return TranslationParity(missing: missing.mapValues(index.sortedForLists),
                                 stale: stale.mapValues { $0.sorted { index.listRank[$0.translation] < index.listRank[$1.translation] } })
    }

    /// The report lines for `check --translations`, per language, missing before stale.
    func gaps(index: PageIndex) -> [BuildReport.TranslationGap] {
        let languages = Set(missing.keys).union(stale.keys).sorted()
        return languages.flatMap { language -> [BuildReport.TranslationGap] in
            (missing[language] ?? []).map { position in
                let page = index.pages[position]
                return BuildReport.TranslationGap(language: language.rawValue, kind: .missing,
                                                  path: page.document.source.displayPath, title: page.document.title)
            } + (stale[language] ?? []).map { entry in
                let page = index.pages[entry.translation]
                let original = index.pages[entry.original]
                return BuildReport.TranslationGap(
                    language: language.rawValue, kind: .stale, path: page.document.source.displayPath, title: page.document.title,
                    detail: "\(entry.translationDate) is older than \(original.document.source.displayPath) \(entry.originalDate)")
            }
        }
    }

    /// `original_language` when a version declares it, else the section's primary language,
    /// else the site's default language, else the first version.
    private static func originalVersion(of versions: [IndexedPage], config: SiteConfig) -> IndexedPage {
        for version in versions {
            if let declared = version.document.frontMatter["original_language"]?.scalar,
               let match = versions.first(where: { $0.language.rawValue == declared }) { return match }
        }
        let primary = versions[0].sectionID.flatMap { config.section($0)?.primaryLanguage } ?? config.defaultLanguage
        return versions.first { $0.language == primary } ?? versions.sorted { $0.language < $1.language }[0]
    }

    private static func lastModified(_ page: IndexedPage, modified: [ContentPath: PartialDate]) -> PartialDate? {
        page.document.frontMatter["date_modified"]?.scalar.flatMap(PartialDate.init(parsing:)) ?? modified[page.document.source.path]
    }
}

/// Last commit date of every file under `content/`, from one `git log` over the site.
enum GitDates {
    static func lastCommitDates(siteRoot: URL) -> [ContentPath: PartialDate] {
        guard let git = ["/usr/bin/git", "/usr/local/bin/git"].first(where: FileManager.default.isExecutableFile(atPath:)) else { return [:] }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: git)
        process.arguments = ["-C", siteRoot.path, "log", "--format=%x01%cs", "--name-only", "--no-renames", "--relative", "--", "content"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return [:] }
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { return [:] }
        var dates: [ContentPath: PartialDate] = [:]
        var current: PartialDate?
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            if line.hasPrefix("\u{1}") {
                current = PartialDate(parsing: String(line.dropFirst()))
            } else if let current, line.hasPrefix("content/"), let path = ContentPath(String(line.dropFirst("content/".count))),
                      dates[path] == nil {
                dates[path] = current
            }
        }
        return dates
    }
}
