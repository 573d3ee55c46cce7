import MosaicTemplates
import Synchronization

/// List entries without their URL, made once per page and reader language.
///
/// A 10,000-document hub lists each document in a dozen places (section, term and directory
/// pages, backlinks and related lists); building and converting the same entry each time was a
/// tenth of a full build. The URL depends on the listing page, so it is added per list.
final class ListItemCache: Sendable {
    private struct Key: Hashable {
        var language: String
        var position: Int
    }

    private let entries = Mutex<[Key: MustacheObject]>([:])

    init() {}

    /// The entry's fields, made by `make` the first time.
    func fields(language: LocaleCode, position: Int, make: () -> MustacheObject) -> MustacheObject {
        let key = Key(language: language.rawValue, position: position)
        if let known = entries.withLock({ $0[key] }) { return known }
        let made = make()
        entries.withLock { $0[key] = made }
        return made
    }
}
