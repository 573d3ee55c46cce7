import Foundation
import MosaicMarkdown

// How diagnostics and Markdown results are stored in the build cache.

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
