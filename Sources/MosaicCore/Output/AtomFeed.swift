import Foundation

/// Writes an Atom 1.0 feed directly as escaped XML (never through HTML templates).
///
/// Links are relative to the feed file, which Atom resolves against the feed's own address, so
/// feeds work under any sub-path; ids use `base_url` when known, else a stable URN.
struct AtomFeed {
    struct Entry {
        var id: String
        var title: String
        var url: String
        var updated: PartialDate
        var summary: String?
        var language: LocaleCode
    }

    var id: String
    var title: String
    var language: LocaleCode
    var selfURL: String
    var pageURL: String
    var author: String
    var entries: [Entry]

    /// `YYYY-MM-DDT00:00:00Z`, the first day of what a partial date knows.
    static func timestamp(_ date: PartialDate) -> String {
        "\(String(format4: date.year))-\(String(format2: date.month ?? 1))-\(String(format2: date.day ?? 1))T00:00:00Z"
    }

    var xml: String {
        let updated = entries.map(\.updated).max().map(AtomFeed.timestamp) ?? "2000-01-01T00:00:00Z"
        var text = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(language)">
          <id>\(escape(id))</id>
          <title>\(escape(title))</title>
          <updated>\(updated)</updated>
          <link rel="self" type="application/atom+xml" href="\(escape(selfURL))"/>
          <link rel="alternate" type="text/html" href="\(escape(pageURL))"/>
          <author><name>\(escape(author))</name></author>

        """
        for entry in entries {
            text += """
              <entry xml:lang="\(entry.language)">
                <id>\(escape(entry.id))</id>
                <title>\(escape(entry.title))</title>
                <link rel="alternate" type="text/html" href="\(escape(entry.url))"/>
                <updated>\(AtomFeed.timestamp(entry.updated))</updated>

            """
            if let summary = entry.summary { text += "    <summary>\(escape(summary))</summary>\n" }
            text += "  </entry>\n"
        }
        return text + "</feed>\n"
    }
}

/// XML text and attribute escaping.
func escape(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
        switch scalar {
        case "&": result += "&amp;"
        case "<": result += "&lt;"
        case ">": result += "&gt;"
        case "\"": result += "&quot;"
        case "'": result += "&apos;"
        default:
            // Control characters other than tab and newlines are not allowed in XML 1.0.
            if scalar.value < 0x20, scalar != "\t", scalar != "\n", scalar != "\r" { continue }
            result.unicodeScalars.append(scalar)
        }
    }
    return result
}
