import MosaicTemplates
import Synchronization

/// List entries without their URL, made once per page and reader language, and rendered once.
///
/// A 10,000-document hub lists each document in a dozen places (section, term and directory
/// pages, backlinks and related lists); building and converting the same entry each time was a
/// tenth of a full build. The URL depends on the listing page, so it is added per list, and the
/// entry's partial is kept rendered with a hole for it (`MustacheRenditions`).
final class ListItemCache: Sendable {
    private struct Key: Hashable {
        var language: String
        var position: Int
    }

    /// An entry's fields and the partials rendered from them.
    struct Entry: Sendable {
        var fields: MustacheObject
        var renditions: MustacheRenditions
    }

    /// What an entry's partial may read from the page besides the entry: the same on every page
    /// in one language.
    static let sharedNames: Set<MustacheKey> = ["t", "site", "lang", "langName"]

    private let entries = Mutex<[Key: Entry]>([:])

    init() {}

    /// The entry's fields, made by `make` the first time.
    func entry(language: LocaleCode, position: Int, make: () -> MustacheObject) -> Entry {
        let key = Key(language: language.rawValue, position: position)
        if let known = entries.withLock({ $0[key] }) { return known }
        let made = Entry(fields: make(), renditions: MustacheRenditions(sharedNames: ListItemCache.sharedNames))
        // Two pages may make the same entry at once: both use the one kept first.
        return entries.withLock { entries in
            if let kept = entries[key] { return kept }
            entries[key] = made
            return made
        }
    }
}
