import Foundation
import MosaicMarkdown

// How diagnostics, Markdown results and published files' keys are stored in the build cache.

extension SourceLocation: CacheCodable {
    func write(to writer: inout BinaryWriter) {
        writer.write(path)
        writer.write(line)
        writer.write(column)
    }

    init(from reader: inout BinaryReader) throws {
        self.init(path: try reader.readString(), line: try reader.readInt(), column: try reader.readInt())
    }
}

extension Diagnostic: CacheCodable {
    func write(to writer: inout BinaryWriter) {
        writer.write(severity.rawValue)
        writer.write(location)
        writer.write(code)
        writer.write(message)
        writer.write(hint)
    }

    init(from reader: inout BinaryReader) throws {
        let severity = try BinaryReader.valid(Severity(rawValue: try reader.readString()))
        self.init(severity, at: try reader.read(), code: try reader.readString(), try reader.readString(),
                  hint: try reader.readOptional())
    }
}

extension MarkdownHeading: CacheCodable {
    func write(to writer: inout BinaryWriter) {
        writer.write(level)
        writer.write(text)
        writer.write(anchor)
        writer.write(line)
    }

    init(from reader: inout BinaryReader) throws {
        self.init(level: try reader.readInt(), text: try reader.readString(), anchor: try reader.readString(),
                  line: try reader.readInt())
    }
}

extension OutgoingLink: CacheCodable {
    func write(to writer: inout BinaryWriter) {
        writer.write(target)
        writer.write(anchor)
        writer.write(location)
    }

    init(from reader: inout BinaryReader) throws {
        self.init(target: try reader.readInt(), anchor: try reader.readOptional(), location: try reader.read())
    }
}

extension BinaryWriter {
    /// Published files with the key each was made from: the output record and the search memo's
    /// index files.
    mutating func write<Entries: Collection>(keyedPaths entries: Entries) where Entries.Element == (path: OutputPath, key: UInt64) {
        write(UInt64(entries.count))
        for (path, key) in entries {
            write(path.rawValue)
            write(key)
        }
    }
}

extension BinaryReader {
    /// What `write(keyedPaths:)` wrote; a path that is not a valid output path is damage.
    mutating func readKeyedPaths() throws -> [(path: OutputPath, key: UInt64)] {
        var entries: [(path: OutputPath, key: UInt64)] = []
        for _ in 0..<(try readCount()) {
            entries.append((try BinaryReader.valid(OutputPath(try readString())), try readUInt64()))
        }
        return entries
    }
}
