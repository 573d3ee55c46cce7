/// The one ordering used by every list: newest first, undated last, then by title and path.
enum SiteOrdering {
    static func newestFirst(_ lhs: IndexedPage, _ rhs: IndexedPage) -> Bool {
        switch (lhs.document.date, rhs.document.date) {
        case let (left?, right?) where left != right: return left > right
        case (.some, nil): return true
        case (nil, .some): return false
        default:
            return (lhs.document.title, lhs.document.source.path) < (rhs.document.title, rhs.document.source.path)
        }
    }
}
