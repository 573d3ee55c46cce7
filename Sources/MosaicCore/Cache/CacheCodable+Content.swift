import Foundation

// How loaded documents are stored in the build cache: every field in declaration order.

extension String: CacheCodable {
    func write(to writer: inout BinaryWriter) { writer.write(self) }
    init(from reader: inout BinaryReader) throws { self = try reader.readString() }
}

extension Int: CacheCodable {
    func write(to writer: inout BinaryWriter) { writer.write(self) }
    init(from reader: inout BinaryReader) throws { self = try reader.readInt() }
}

extension UInt64: CacheCodable {
    func write(to writer: inout BinaryWriter) { writer.write(self) }
    init(from reader: inout BinaryReader) throws { self = try reader.readUInt64() }
}

extension PageID: CacheCodable {
    func write(to writer: inout BinaryWriter) { writer.write(rawValue) }
    init(from reader: inout BinaryReader) throws { self = try BinaryReader.valid(PageID(try reader.readString())) }
}

extension LocaleCode: CacheCodable {
    func write(to writer: inout BinaryWriter) { writer.write(rawValue) }
    init(from reader: inout BinaryReader) throws { self = try BinaryReader.valid(LocaleCode(try reader.readString())) }
}

extension Slug: CacheCodable {
    func write(to writer: inout BinaryWriter) { writer.write(rawValue) }
    init(from reader: inout BinaryReader) throws {
        let text = try reader.readString()
        self = try BinaryReader.valid(Slug(validating: text) ?? Slug(making: text))
    }
}

extension ContentPath: CacheCodable {
    func write(to writer: inout BinaryWriter) { writer.write(components) }
    init(from reader: inout BinaryReader) throws {
        self = try BinaryReader.valid(ContentPath(components: try reader.readArray(String.self)))
    }
}

extension PartialDate: CacheCodable {
    func write(to writer: inout BinaryWriter) {
        writer.write(year)
        writer.write(month ?? 0)
        writer.write(day ?? 0)
    }

    init(from reader: inout BinaryReader) throws {
        let year = try reader.readInt()
        let month = try reader.readInt()
        let day = try reader.readInt()
        self = try BinaryReader.valid(PartialDate(year: year, month: month == 0 ? nil : month, day: day == 0 ? nil : day))
    }
}

extension SourceDocument: CacheCodable {
    func write(to writer: inout BinaryWriter) {
        writer.write(path)
        writer.write(language)
        writer.write(stem)
    }

    init(from reader: inout BinaryReader) throws {
        self.init(path: try reader.read(), language: try reader.read(), stem: try reader.readString())
    }
}

extension YAMLNode: CacheCodable {
    func write(to writer: inout BinaryWriter) {
        writer.write(line)
        writer.write(column)
        switch value {
        case .scalar(let text, let isPlain):
            writer.write(UInt64(isPlain ? 0 : 1))
            writer.write(text)
        case .sequence(let items):
            writer.write(UInt64(2))
            writer.write(items)
        case .mapping(let entries):
            writer.write(UInt64(3))
            writer.write(entries)
        }
    }

    init(from reader: inout BinaryReader) throws {
        let line = try reader.readInt()
        let column = try reader.readInt()
        let value: Value
        switch try reader.readUInt64() {
        case 0: value = .scalar(try reader.readString(), isPlain: true)
        case 1: value = .scalar(try reader.readString(), isPlain: false)
        case 2: value = .sequence(try reader.readArray(YAMLNode.self))
        case 3: value = .mapping(try reader.readArray(YAMLEntry.self))
        default: throw BinaryReader.Damaged()
        }
        self.init(value, line: line, column: column)
    }
}

extension YAMLEntry: CacheCodable {
    func write(to writer: inout BinaryWriter) {
        writer.write(key)
        writer.write(keyLine)
        writer.write(keyColumn)
        writer.write(value)
    }

    init(from reader: inout BinaryReader) throws {
        self.init(key: try reader.readString(), keyLine: try reader.readInt(), keyColumn: try reader.readInt(),
                  value: try reader.read())
    }
}

extension LoadedDocument: CacheCodable {
    /// Everything but the body, which is read again from the file when it is needed.
    func write(to writer: inout BinaryWriter) {
        writer.write(source)
        writer.write(id)
        writer.write(language)
        writer.write(title)
        writer.write(summary)
        writer.write(date)
        writer.write(isDraft)
        writer.write(type)
        writer.write(slug)
        writer.write(translationKey)
        writer.write(frontMatter)
        writer.write(frontMatterLineOffset)
        writer.write(bodyStartLine)
    }

    init(from reader: inout BinaryReader) throws {
        let start = reader.offset
        let source: SourceDocument = try reader.read()
        let id: PageID = try reader.read()
        let language: LocaleCode = try reader.read()
        let title = try reader.readString()
        let summary: String? = try reader.readOptional()
        let date: PartialDate? = try reader.readOptional()
        let isDraft = try reader.readBool()
        let type: String? = try reader.readOptional()
        let slug: Slug = try reader.read()
        let translationKey = try reader.readString()
        let frontMatter: YAMLNode = try reader.read()
        let frontMatterLineOffset = try reader.readInt()
        let bodyStartLine = try reader.readInt()
        self.init(source: source, id: id, language: language, title: title, summary: summary, date: date, isDraft: isDraft,
                  type: type, slug: slug, translationKey: translationKey, frontMatter: frontMatter,
                  frontMatterLineOffset: frontMatterLineOffset, body: "", bodyStartLine: bodyStartLine,
                  frontDigest: reader.digest(since: start))
    }
}
