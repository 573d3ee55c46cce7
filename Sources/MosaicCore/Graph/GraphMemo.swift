/// The site graph as the build cache keeps it: positions instead of pages.
///
/// `structure` digests every page's front matter (what related documents and references come
/// from); `links` adds every body's links and heading anchors (what backlinks and anchor warnings
/// come from). An edit inside a body that changes neither reuses the whole graph; one that changes
/// links still reuses the related documents.
struct GraphMemo: Sendable {
    var structure: UInt64
    var links: UInt64
    var references: [[(field: String, target: Int)]]
    var backlinks: [[Int]]
    var related: [[Int]]
    var supersedes: [Int: Int]
    var supersededBy: [Int: Int]
    var termMembers: [String: [String: [Int]]]
    /// Warnings about links to missing headings (consultation warnings depend on the date and are
    /// checked again every build).
    var anchorDiagnostics: [Diagnostic]

    /// Digest of the links and heading anchors of every body, in page order.
    static func linksDigest(structure: UInt64, rendered: [RenderedDocument]) -> UInt64 {
        var digest = Digest()
        digest.add(structure)
        for document in rendered {
            digest.add(document.page.position)
            digest.add(document.outgoing.count)
            for link in document.outgoing {
                digest.add(link.target)
                digest.add(link.anchor)
                digest.add(link.location.description)
            }
            digest.add(document.headings.count)
            for heading in document.headings { digest.add(heading.anchor) }
        }
        return digest.value
    }
}

extension GraphMemo: CacheCodable {
    func write(to writer: inout BinaryWriter) {
        writer.write(structure)
        writer.write(links)
        writer.write(UInt64(references.count))
        for list in references {
            writer.write(list.map(\.field))
            writer.write(integers: list.map(\.target))
        }
        writer.write(UInt64(backlinks.count))
        for list in backlinks { writer.write(integers: list) }
        writer.write(UInt64(related.count))
        for list in related { writer.write(integers: list) }
        for map in [supersedes, supersededBy] {
            let keys = map.keys.sorted()
            writer.write(integers: keys)
            writer.write(integers: keys.map { map[$0] ?? 0 })
        }
        writer.write(UInt64(termMembers.count))
        for taxonomy in termMembers.keys.sorted() {
            writer.write(taxonomy)
            let terms = termMembers[taxonomy] ?? [:]
            writer.write(UInt64(terms.count))
            for term in terms.keys.sorted() {
                writer.write(term)
                writer.write(integers: terms[term] ?? [])
            }
        }
        writer.write(anchorDiagnostics)
    }

    init(from reader: inout BinaryReader) throws {
        structure = try reader.readUInt64()
        links = try reader.readUInt64()
        references = []
        for _ in 0..<(try reader.readCount()) {
            let fields = try reader.readArray(String.self)
            let targets = try reader.readIntegers()
            guard fields.count == targets.count else { throw BinaryReader.Damaged() }
            references.append(Array(zip(fields, targets).map { (field: $0.0, target: $0.1) }))
        }
        backlinks = []
        for _ in 0..<(try reader.readCount()) { backlinks.append(try reader.readIntegers()) }
        related = []
        for _ in 0..<(try reader.readCount()) { related.append(try reader.readIntegers()) }
        var maps: [[Int: Int]] = []
        for _ in 0..<2 {
            let keys = try reader.readIntegers()
            let values = try reader.readIntegers()
            guard keys.count == values.count else { throw BinaryReader.Damaged() }
            maps.append(Dictionary(zip(keys, values), uniquingKeysWith: { first, _ in first }))
        }
        supersedes = maps[0]
        supersededBy = maps[1]
        termMembers = [:]
        for _ in 0..<(try reader.readCount()) {
            let taxonomy = try reader.readString()
            var terms: [String: [Int]] = [:]
            for _ in 0..<(try reader.readCount()) { terms[try reader.readString()] = try reader.readIntegers() }
            termMembers[taxonomy] = terms
        }
        anchorDiagnostics = try reader.readArray()
    }
}
