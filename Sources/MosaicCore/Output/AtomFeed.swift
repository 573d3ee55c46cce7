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
///
/// By bytes: every byte to replace or drop is ASCII, and no byte of a multi-byte UTF-8 sequence
/// is, so most texts (titles, URLs) are returned as they are after one scan. Walking scalars was
/// most of the time spent writing feeds.
func escape(_ text: String) -> String {
    /// Replaced, or (control characters other than tab and newlines, not allowed in XML 1.0) dropped.
    func needsWork(_ byte: UInt8) -> Bool {
        byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || byte == 0x27
            || (byte < 0x20 && byte != 0x09 && byte != 0x0A && byte != 0x0D)
    }
    var text = text
    return text.withUTF8 { bytes -> String? in
        guard bytes.contains(where: needsWork) else { return nil }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count + 16)
        for byte in bytes {
            switch byte {
            case 0x26: result.append(contentsOf: "&amp;".utf8)
            case 0x3C: result.append(contentsOf: "&lt;".utf8)
            case 0x3E: result.append(contentsOf: "&gt;".utf8)
            case 0x22: result.append(contentsOf: "&quot;".utf8)
            case 0x27: result.append(contentsOf: "&apos;".utf8)
            default: if !needsWork(byte) { result.append(byte) }
            }
        }
        return String(decoding: result, as: UTF8.self)
    } ?? text
}
