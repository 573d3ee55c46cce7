import Foundation
import MosaicMarkdown

/// What one build leaves for the next in `.mosaic-cache/`, so an edit redoes only what it touches.
///
/// Documents are kept by content path with a digest of their file: an unchanged file skips YAML,
/// and its Markdown too while the links it could resolve are the same. The output record lists
/// every file the last build published with the key of the inputs it was made from; a page whose
/// key has not changed is kept instead of rendered. Everything is dropped when the settings
/// (configuration, theme, templates, interface strings, options or the executable) change.
struct BuildCache: Sendable {
    static let folderName = ".mosaic-cache"
    static let fileName = "build.cache"
    private static let magic = "mosaic-build-cache"
    private static let format = 1

    var settings: UInt64
    var documents: [String: DocumentMemo] = [:]
    var output: OutputRecord?
    /// Related documents by position, valid for the index whose `RenderKeys.structureDigest` is `key`.
    var related: (key: UInt64, lists: [[Int]])?
    /// Each language's search terms, by language code.
    var search: [String: SearchMemo] = [:]

    init(settings: UInt64) {
        self.settings = settings
    }

    /// A document as the load and Markdown stages left it.
    struct DocumentMemo: Sendable {
        var fileDigest: UInt64
        /// The front matter read, without the body; `nil` when the file could not be loaded.
        var loaded: LoadedDocument?
        var diagnostics: [Diagnostic]
        var markdown: MarkdownMemo?
    }

    /// A body's Markdown result, valid while the site's link targets digest to `environment`.
    ///
    /// The HTML and text are not kept, only their digests: a page that must be rendered again
    /// renders its Markdown again, which is cheaper than reading every body back at every build.
    struct MarkdownMemo: Sendable {
        var environment: UInt64
        var htmlDigest: UInt64
        var headings: [MarkdownHeading]
        var textDigest: UInt64
        var wordCount: Int
        var outgoing: [OutgoingLink]
        var diagnostics: [Diagnostic]
    }

    /// The published output: where it is, how to recognise it, and each file's key.
    struct OutputRecord: Sendable {
        var stamp: OutputStamp
        var keys: [OutputPath: UInt64]
    }

    /// The cache in `folder`, or an empty one when it is missing, damaged or made with other settings.
    static func load(from folder: URL, settings: UInt64) -> BuildCache {
        let empty = BuildCache(settings: settings)
        guard let data = try? Data(contentsOf: folder.appendingPathComponent(fileName), options: .alwaysMapped) else {
            return empty
        }
        return (try? BinaryReader.reading(data) { reader -> BuildCache? in
            guard try reader.readString() == magic, try reader.readInt() == format,
                  try reader.readUInt64() == settings else { return nil }
            var cache = empty
            for _ in 0..<(try reader.readCount()) {
                let path = try reader.readString()
                cache.documents[path] = try DocumentMemo(from: &reader)
            }
            if try reader.readBool() {
                let key = try reader.readUInt64()
                var lists: [[Int]] = []
                for _ in 0..<(try reader.readCount()) { lists.append(try reader.readArray(Int.self)) }
                cache.related = (key, lists)
            }
            for _ in 0..<(try reader.readCount()) {
                let language = try reader.readString()
                cache.search[language] = try SearchMemo(from: &reader)
            }
            if try reader.readBool() {
                let stamp = try OutputStamp(from: &reader)
                var keys: [OutputPath: UInt64] = [:]
                for _ in 0..<(try reader.readCount()) {
                    let path = try BinaryReader.valid(OutputPath(try reader.readString()))
                    keys[path] = try reader.readUInt64()
                }
                cache.output = OutputRecord(stamp: stamp, keys: keys)
            }
            return reader.isAtEnd ? cache : nil
        }) ?? empty
    }

    /// Writes the cache beside a temporary name and renames it, so a reader never sees half a file.
    func save(to folder: URL) throws {
        var writer = BinaryWriter()
        writer.write(BuildCache.magic)
        writer.write(BuildCache.format)
        writer.write(settings)
        writer.write(UInt64(documents.count))
        for path in documents.keys.sorted() {
            writer.write(path)
            documents[path]?.write(to: &writer)
        }
        writer.write(related != nil)
        if let related {
            writer.write(related.key)
            writer.write(UInt64(related.lists.count))
            for list in related.lists { writer.write(list) }
        }
        writer.write(UInt64(search.count))
        for language in search.keys.sorted() {
            writer.write(language)
            search[language]?.write(to: &writer)
        }
        writer.write(output != nil)
        if let output {
            output.stamp.write(to: &writer)
            writer.write(UInt64(output.keys.count))
            for (path, key) in output.keys.sorted(by: { $0.key < $1.key }) {
                writer.write(path.rawValue)
                writer.write(key)
            }
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(BuildCache.fileName + ".\(ProcessInfo.processInfo.processIdentifier)")
        try Data(writer.bytes).write(to: temporary)
        guard rename(temporary.path, folder.appendingPathComponent(BuildCache.fileName).path) == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw CocoaError(.fileWriteUnknown)
        }
    }
}

extension BuildCache.DocumentMemo: CacheCodable {
    func write(to writer: inout BinaryWriter) {
        writer.write(fileDigest)
        writer.write(loaded)
        writer.write(diagnostics)
        writer.write(markdown)
    }

    init(from reader: inout BinaryReader) throws {
        self.init(fileDigest: try reader.readUInt64(), loaded: try reader.readOptional(),
                  diagnostics: try reader.readArray(), markdown: try reader.readOptional())
    }
}

extension BuildCache.MarkdownMemo: CacheCodable {
    func write(to writer: inout BinaryWriter) {
        writer.write(environment)
        writer.write(htmlDigest)
        writer.write(headings)
        writer.write(textDigest)
        writer.write(wordCount)
        writer.write(outgoing)
        writer.write(diagnostics)
    }

    init(from reader: inout BinaryReader) throws {
        self.init(environment: try reader.readUInt64(), htmlDigest: try reader.readUInt64(), headings: try reader.readArray(),
                  textDigest: try reader.readUInt64(), wordCount: try reader.readInt(), outgoing: try reader.readArray(),
                  diagnostics: try reader.readArray())
    }
}

extension OutputStamp: CacheCodable {
    func write(to writer: inout BinaryWriter) {
        writer.write(folder)
        writer.write(marker)
    }

    init(from reader: inout BinaryReader) throws {
        self.init(folder: try reader.readString(), marker: try reader.readArray())
    }
}

extension UInt64: CacheCodable {
    func write(to writer: inout BinaryWriter) { writer.write(self) }
    init(from reader: inout BinaryReader) throws { self = try reader.readUInt64() }
}
