/// `sitemap.xml`: every indexable page with its language alternates (`xhtml:link`), written as
/// escaped XML. Alternates are symmetric by construction: every member of a group lists the group.
struct Sitemap {
    struct Page {
        var location: String
        /// Pages sharing a group key are versions of each other.
        var group: String
        var language: LocaleCode
    }

    var pages: [Page]

    var xml: String {
        let groups = Dictionary(grouping: pages, by: \.group)
        var text = """
        <?xml version="1.0" encoding="utf-8"?>
        <urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">

        """
        for page in pages.sorted(by: { $0.location < $1.location }) {
            text += "  <url>\n    <loc>\(escape(page.location))</loc>\n"
            let versions = (groups[page.group] ?? []).sorted { $0.language < $1.language }
            if versions.count > 1 {
                for version in versions {
                    text += "    <xhtml:link rel=\"alternate\" hreflang=\"\(version.language)\" href=\"\(escape(version.location))\"/>\n"
                }
            }
            text += "  </url>\n"
        }
        return text + "</urlset>\n"
    }
}
