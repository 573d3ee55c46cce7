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
    private static let format = 9

    var settings: UInt64
    /// When the build that wrote the cache began reading sources (see `FileSignature.isSettled`).
    var sourcesRead: Int64 = 0
    /// The documents as read: runs in path order, each with the bytes it was read from, so that
    /// a run none of whose documents changed is written back without being encoded again. Found
    /// by `document(at:)` rather than merged into one dictionary of copies of every memo.
    var documentPieces: [DocumentPiece] = []
    var output: OutputRecord?
    /// The site graph by positions, with the digests it is valid for.
    var graph: GraphMemo?
    /// What the schema and interface-string checks reported, valid while every page's front
    /// matter, path and section digest the same (`RenderKeys.structureDigest`).
    var checks: ChecksMemo?
    /// Each language's search terms, by language code.
    var search: [String: SearchMemo] = [:]
    /// Each language's search segment as it was read, so that a language none of whose entries
    /// changed is written back without being encoded again; not saved (`save` writes the parts
    /// it is given).
    var encodedSearch: [String: EncodedSegment] = [:]

    init(settings: UInt64) {
        self.settings = settings
    }

    /// One run of documents in path order, as read from one segment of the file.
    ///
    /// Paths and memos are apart (one memo per path, both made together): the binary search reads
    /// only paths, and reading a path out of a (path, memo) pair copied the pair, memo and all
    /// (1.7% of a one-edit build's samples).
    struct DocumentPiece: Sendable {
        var paths: [String]
        var memos: [DocumentMemo]
        var encoded: EncodedSegment
    }

    /// A document's memo for the next build, and whether it is the very memo this build read
    /// (same file status, same Markdown result), which lets its run keep its bytes.
    struct DocumentEntry: Sendable {
        var path: String
        var memo: DocumentMemo
        var unchanged: Bool
    }

    /// How many documents the cache holds.
    var documentCount: Int { documentPieces.reduce(0) { $0 + $1.paths.count } }

    /// The memo of the document at content path `path`: a binary search of the runs, which were
    /// written in path order, none empty. (Runs out of order, or empty, from a damaged file, only
    /// make documents missed.)
    func document(at path: String) -> DocumentMemo? {
        let run = BuildCache.firstIndex(below: documentPieces.count) { documentPieces[$0].paths.last.map { $0 >= path } ?? true }
        guard run < documentPieces.count else { return nil }
        let piece = documentPieces[run]
        let found = BuildCache.firstIndex(below: piece.paths.count) { piece.paths[$0] >= path }
        return found < piece.paths.count && piece.paths[found] == path ? piece.memos[found] : nil
    }

    /// The first of `0..<count` for which `reached` holds, given that it holds from some point
    /// on (`count` when it never does): a binary search.
    private static func firstIndex(below count: Int, where reached: (Int) -> Bool) -> Int {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if reached(middle) { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// A document as the load and Markdown stages left it.
    struct DocumentMemo: Sendable {
        var fileDigest: UInt64
        /// The file's status when it was read; `nil` when it could not be taken.
        var signature: FileSignature?
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

    /// The site-wide checks' report for one site structure.
    struct ChecksMemo: Sendable {
        var structure: UInt64
        var diagnostics: [Diagnostic]
    }

    /// The published output: where it is, how to recognise it, and each file's key.
    struct OutputRecord: Sendable {
        var stamp: OutputStamp
        var keys: [OutputPath: UInt64]
    }

    /// The cache in `folder` with the settings it was made with, or `nil` when it is missing or
    /// damaged; the caller compares the settings, so that reading can start before they are known.
    static func load(from folder: URL) -> BuildCache? {
        guard let data = try? Data(contentsOf: folder.appendingPathComponent(fileName), options: .alwaysMapped) else {
            return nil
        }
        return try? decode(data)
    }

    /// One independently encoded part of the file; parts are read and written in parallel.
    private enum Segment: Sendable {
        case documents(paths: [String], memos: [DocumentMemo])
        case graph(GraphMemo)
        case checks(ChecksMemo)
        case search(language: String, memo: SearchMemo)
        /// One share of the output record (in the order of the paths' digests); the shares are
        /// joined after decoding.
        case output(OutputStamp, ArraySlice<(path: OutputPath, key: UInt64)>)

        static let documentsKind = 0
        static let graphKind = 1
        static let searchKind = 2
        static let outputKind = 3
        static let checksKind = 4

        var kind: Int {
            switch self {
            case .documents: Segment.documentsKind
            case .graph: Segment.graphKind
            case .checks: Segment.checksKind
            case .search: Segment.searchKind
            case .output: Segment.outputKind
            }
        }

        func write(to writer: inout BinaryWriter) {
            switch self {
            case .documents(let paths, let memos):
                writer.write(UInt64(memos.count))
                for (path, memo) in zip(paths, memos) {
                    writer.write(path)
                    memo.write(to: &writer)
                }
            case .graph(let memo):
                memo.write(to: &writer)
            case .checks(let memo):
                writer.write(memo.structure)
                writer.write(memo.diagnostics)
            case .search(let language, let memo):
                writer.write(language)
                memo.write(to: &writer)
            case .output(let stamp, let entries):
                stamp.write(to: &writer)
                writer.write(keyedPaths: entries)
            }
        }

        init(kind: Int, from reader: inout BinaryReader) throws {
            switch kind {
            case Segment.documentsKind:
                var paths: [String] = []
                var memos: [DocumentMemo] = []
                for _ in 0..<(try reader.readCount()) {
                    paths.append(try reader.readString())
                    memos.append(try DocumentMemo(from: &reader))
                }
                self = .documents(paths: paths, memos: memos)
            case Segment.graphKind:
                self = .graph(try GraphMemo(from: &reader))
            case Segment.checksKind:
                self = .checks(ChecksMemo(structure: try reader.readUInt64(), diagnostics: try reader.readArray()))
            case Segment.searchKind:
                self = .search(language: try reader.readString(), memo: try SearchMemo(from: &reader))
            case Segment.outputKind:
                let stamp = try OutputStamp(from: &reader)
                self = .output(stamp, try reader.readKeyedPaths()[...])
            default:
                throw BinaryReader.Damaged()
            }
        }
    }

    private static func decode(_ data: Data) throws -> BuildCache? {
        var settings: UInt64 = 0
        var sourcesRead: Int64 = 0
        let ranges = try BinaryReader.reading(data) { reader -> [(kind: Int, range: Range<Int>)]? in
            guard try reader.readString() == magic, try reader.readInt() == format else { return nil }
            settings = try reader.readUInt64()
            sourcesRead = Int64(try reader.readInt())
            var ranges: [(kind: Int, range: Range<Int>)] = []
            for _ in 0..<(try reader.readCount()) {
                let kind = try reader.readInt()
                let length = try reader.readCount()
                ranges.append((kind, reader.offset..<reader.offset + length))
                try reader.skip(length)
            }
            return reader.isAtEnd ? ranges : nil
        }
        guard let ranges else { return nil }
        let decoded = ConcurrentRanges.blockingMap(count: ranges.count) { index -> Segment? in
            try? BinaryReader.reading(data[ranges[index].range]) { reader -> Segment? in
                let segment = try Segment(kind: ranges[index].kind, from: &reader)
                return reader.isAtEnd ? segment : nil
            }
        }
        var cache = BuildCache(settings: settings)
        cache.sourcesRead = sourcesRead
        var outputStamp: OutputStamp?
        var outputKeys: [OutputPath: UInt64] = [:]
        for (segment, range) in zip(decoded, ranges.map(\.range)) {
            switch segment {
            case .documents(let paths, let memos)?:
                cache.documentPieces.append(DocumentPiece(
                    paths: paths, memos: memos, encoded: EncodedSegment(kind: Segment.documentsKind, bytes: data[range])))
            case .graph(let memo)?:
                cache.graph = memo
            case .checks(let memo)?:
                cache.checks = memo
            case .search(let language, let memo)?:
                cache.search[language] = memo
                cache.encodedSearch[language] = EncodedSegment(kind: Segment.searchKind, bytes: data[range])
            case .output(let stamp, let entries)?:
                outputStamp = outputStamp ?? stamp
                outputKeys.reserveCapacity(outputKeys.count + entries.count)
                for (path, key) in entries where outputKeys[path] == nil { outputKeys[path] = key }
            case nil:
                return nil
            }
        }
        cache.output = outputStamp.map { OutputRecord(stamp: $0, keys: outputKeys) }
        return cache
    }

    /// A segment as it goes into the file.
    ///
    /// A segment kept from the file read is a slice of that file as mapped, not a copy: copying
    /// the kept runs and languages was a serial 20 MB at the start of every incremental build.
    /// (The new file replaces the old one by a rename, so the mapping stays valid.)
    struct EncodedSegment: Sendable {
        var kind: Int
        var bytes: any ContiguousBytes & Sendable

        var count: Int { bytes.withUnsafeBytes(\.count) }
    }

    /// Pieces per large segment, so the cores share writing and reading them back.
    private static let pieces = 4
    /// Runs of documents: an edit encodes the documents of one run again, a sixteenth of them.
    private static let documentRuns = 16

    /// The documents' segments, encoded. The pipeline makes them beside the later stages, as soon
    /// as the Markdown stage has settled every document, so that saving the cache at the end of
    /// an incremental build writes rather than encodes them. A run whose documents are those of
    /// the same run in `previous`, each unchanged, keeps the bytes it was read from.
    static func encodeDocuments(_ entries: [DocumentEntry], previous: [DocumentPiece]) -> [EncodedSegment] {
        let sorted = zip(entries, entries.dropFirst()).allSatisfy { $0.path < $1.path }
            ? entries : entries.sorted { $0.path < $1.path }
        // No empty runs (a site of fewer documents has fewer runs): `document(at:)` searches by each run's last path.
        let runs = inPieces(sorted, count: max(1, min(documentRuns, sorted.count)))
        return ConcurrentRanges.blockingMap(count: runs.count) { run in
            let entries = runs[run]
            if previous.count == runs.count, previous[run].paths.count == entries.count,
               zip(previous[run].paths, entries).allSatisfy({ $0 == $1.path && $1.unchanged }) {
                return previous[run].encoded
            }
            return encoded(.documents(paths: entries.map(\.path), memos: entries.map(\.memo)))
        }
    }

    /// The graph's segment, encoded; made as soon as the graph stage is done.
    static func encodeGraph(_ graph: GraphMemo) -> [EncodedSegment] {
        encode([.graph(graph)])
    }

    /// The search memos' segments, encoded; made as soon as the search indexes are done. (A
    /// language whose memo was kept whole reuses its segment from `encodedSearch` instead.)
    static func encodeSearch(_ search: [String: SearchMemo]) -> [EncodedSegment] {
        encode(search.keys.sorted().compactMap { language in search[language].map { .search(language: language, memo: $0) } })
    }

    /// Sorted keys in `count` consecutive runs.
    private static func inPieces<Key>(_ sorted: [Key], count: Int = pieces) -> [ArraySlice<Key>] {
        (0..<count).map { piece in sorted[sorted.count * piece / count..<sorted.count * (piece + 1) / count] }
    }

    private static func encode(_ segments: [Segment]) -> [EncodedSegment] {
        ConcurrentRanges.blockingMap(count: segments.count) { encoded(segments[$0]) }
    }

    private static func encoded(_ segment: Segment) -> EncodedSegment {
        var writer = BinaryWriter()
        segment.write(to: &writer)
        return EncodedSegment(kind: segment.kind, bytes: writer.bytes)
    }

    /// Writes the cache beside a temporary name and renames it, so a reader never sees half a file.
    ///
    /// `prepared` holds the documents, graph and search segments, encoded by `encodeDocuments`,
    /// `encodeGraph` and `encodeSearch` as soon as each stage was done; only the output record,
    /// known after the commit, and the checks' short report are encoded here. (A build's next
    /// cache holds no other memos of its own: they went into those segments.)
    func save(to folder: URL, prepared: [EncodedSegment]) throws {
        var segments: [Segment] = checks.map { [.checks($0)] } ?? []
        if let output {
            // Tens of thousands of paths: in a few parts too. In the order of the paths' digests:
            // any fixed order gives the same file for the same build, and comparing the paths as
            // text took a core 30 ms at the very end of an incremental build.
            let entries = output.keys.map { (order: Digest.of($0.key.rawValue).value, path: $0.key, key: $0.value) }
                .sorted { $0.order != $1.order ? $0.order < $1.order : $0.path < $1.path }
                .map { (path: $0.path, key: $0.key) }
            for piece in BuildCache.inPieces(entries) { segments.append(.output(output.stamp, piece)) }
        }
        let parts = prepared + BuildCache.encode(segments)
        var header = BinaryWriter()
        header.write(BuildCache.magic)
        header.write(BuildCache.format)
        header.write(settings)
        header.write(Int(sourcesRead))
        header.write(UInt64(parts.count))
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temporary = folder.appendingPathComponent(BuildCache.fileName + ".\(ProcessInfo.processInfo.processIdentifier)")
        // Written part by part: tens of megabytes are not copied into one buffer first.
        let written = FileWriter.writeFile(to: temporary.path) { write in
            header.bytes.withUnsafeBytes(write)
            for part in parts {
                var frame = BinaryWriter()
                frame.write(part.kind)
                frame.write(UInt64(part.count))
                frame.bytes.withUnsafeBytes(write)
                part.bytes.withUnsafeBytes(write)
            }
        }
        if let problem = written {
            try? FileManager.default.removeItem(at: temporary)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: problem])
        }
        guard rename(temporary.path, folder.appendingPathComponent(BuildCache.fileName).path) == 0 else {
            try? FileManager.default.removeItem(at: temporary)
            throw CocoaError(.fileWriteUnknown)
        }
    }
}

extension BuildCache.DocumentMemo: CacheCodable {
    func write(to writer: inout BinaryWriter) {
        writer.write(fileDigest)
        writer.write(signature)
        writer.write(loaded)
        writer.write(diagnostics)
        writer.write(markdown)
    }

    init(from reader: inout BinaryReader) throws {
        self.init(fileDigest: try reader.readUInt64(), signature: try reader.readOptional(), loaded: try reader.readOptional(),
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
