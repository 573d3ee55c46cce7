import MosaicTemplates
import Synchronization

/// List entries without their URL, made once per page and reader language, and rendered once.
///
/// A 10,000-document hub lists each document in a dozen places (section, term and directory
/// pages, backlinks and related lists); building and converting the same entry each time was a
/// tenth of a full build. The URL depends on the listing page, so it is added per list, and the
/// entry's partial is kept rendered with a hole for it (`MustacheRenditions`).
final class ListItemCache: Sendable {
    /// What an entry's partial may read from the page besides the entry: the same on every page
    /// in one language.
    static let sharedNames: Set<MustacheKey> = ["t", "site", "lang", "langName"]

    private let languages: [LocaleCode]
    private let pageCount: Int
    /// By language (in `languages` order) and page position: a slot per entry instead of a
    /// dictionary, whose key hashing cost as much as the lock.
    private let entries: Mutex<[[MustacheSharedObject?]]>

    init(languages: [LocaleCode], pageCount: Int) {
        self.languages = languages
        self.pageCount = pageCount
        entries = Mutex(Array(repeating: Array(repeating: nil, count: pageCount), count: languages.count))
    }

    /// The entry's fields and renditions, its fields made by `make` the first time. A language or
    /// position outside the cache's range is made each time, not kept.
    func entry(language: LocaleCode, position: Int, make: () -> MustacheObject) -> MustacheSharedObject {
        guard let slot = languages.firstIndex(of: language), (0..<pageCount).contains(position) else { return made(make) }
        if let known = entries.withLock({ $0[slot][position] }) { return known }
        let made = made(make)
        // Two pages may make the same entry at once: both use the one kept first.
        return entries.withLock { entries in
            if let kept = entries[slot][position] { return kept }
            entries[slot][position] = made
            return made
        }
    }

    private func made(_ make: () -> MustacheObject) -> MustacheSharedObject {
        MustacheSharedObject(fields: make(), renditions: MustacheRenditions(sharedNames: ListItemCache.sharedNames))
    }
}
