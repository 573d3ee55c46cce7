/// Turns template bytes into nodes, one line at a time, the way swift-mustache does: a line
/// holding only a section, comment, partial, parent or block tag (and whitespace) is "standalone"
/// and leaves no trace in the output.
struct MustacheParser {
    private struct State {
        var sectionName: String?
        var newLine = true
        var inPartialDefinition = false
        var atPartialDefinitionTop = false
        var openDelimiter = Array("{{".utf8)
        var closeDelimiter = Array("}}".utf8)
        var partialDefinitionIndent: Int?

        func entering(section name: String, newLine: Bool) -> State {
            var state = self
            state.sectionName = name
            state.atPartialDefinitionTop = false
            if !newLine { state.newLine = false }
            return state
        }

        func enteringParent(_ name: String) -> State {
            var state = self
            state.sectionName = name
            state.newLine = true
            state.inPartialDefinition = true
            state.atPartialDefinitionTop = true
            return state
        }
    }

    private let bytes: [UInt8]
    private var position = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    mutating func parseTemplate() throws(MustacheSyntaxError) -> [MustacheNode] {
        try parse(State())
    }

    // MARK: - Reading

    private var atEnd: Bool { position >= bytes.count }
    private var current: UInt8 { position < bytes.count ? bytes[position] : 0 }

    private static let space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")
    private static let newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")

    private var atNewline: Bool { current == Self.newline || current == Self.carriageReturn }

    /// The bytes of the newline at the cursor (`\n`, `\r\n` or `\r`), consumed.
    private mutating func readNewline() -> ArraySlice<UInt8> {
        let start = position
        if current == Self.carriageReturn, position + 1 < bytes.count, bytes[position + 1] == Self.newline {
            position += 2
        } else {
            position += 1
        }
        return bytes[start..<position]
    }

    private mutating func skip(while predicate: (UInt8) -> Bool) -> ArraySlice<UInt8> {
        let start = position
        while position < bytes.count && predicate(bytes[position]) { position += 1 }
        return bytes[start..<position]
    }

    private static func isBlank(_ byte: UInt8) -> Bool { byte == space || byte == tab }
    private static func isWhitespace(_ byte: UInt8) -> Bool { byte == space || byte == tab || byte == newline || byte == carriageReturn }

    private mutating func read(_ expected: [UInt8]) -> Bool {
        guard position + expected.count <= bytes.count, bytes[position..<(position + expected.count)].elementsEqual(expected) else { return false }
        position += expected.count
        return true
    }

    private func error(_ message: String, at offset: Int? = nil) -> MustacheSyntaxError {
        let end = min(offset ?? position, bytes.count)
        var line = 1
        var column = 1
        for byte in bytes[0..<end] {
            if byte == Self.newline {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return MustacheSyntaxError(line: line, column: column, message: message)
    }

    // MARK: - Parsing

    private mutating func parse(_ initial: State) throws(MustacheSyntaxError) -> [MustacheNode] {
        var nodes: [MustacheNode] = []
        var state = initial
        var whitespaceBefore: [UInt8] = []
        func flushWhitespace() {
            if !whitespaceBefore.isEmpty {
                nodes.append(.text(whitespaceBefore))
                whitespaceBefore = []
            }
        }
        while !atEnd {
            if state.newLine {
                let whitespace = skip(while: Self.isBlank)
                if state.inPartialDefinition && !state.atPartialDefinitionTop {
                    if let indent = state.partialDefinitionIndent {
                        whitespaceBefore = Array(whitespace.dropFirst(indent))
                    } else {
                        state.partialDefinitionIndent = whitespace.count
                    }
                } else {
                    whitespaceBefore = Array(whitespace)
                }
            }
            let text = readTextUntilTagOrNewline(state)
            if !atEnd && atNewline {
                nodes.append(.text(whitespaceBefore + text + readNewline()))
                state.newLine = true
                continue
            }
            if !text.isEmpty {
                nodes.append(.text(whitespaceBefore + text))
                whitespaceBefore = []
                state.newLine = false
            }
            if atEnd { break }
            let tagStart = position - state.openDelimiter.count
            var standalone = false
            switch current {
            case UInt8(ascii: "#"), UInt8(ascii: "^"):
                let inverted = current == UInt8(ascii: "^")
                position += 1
                let name = try readName(state)
                if isStandalone(state) {
                    standalone = true
                } else {
                    flushWhitespace()
                }
                let inner = try parse(state.entering(section: name, newLine: standalone))
                nodes.append(.section(MustacheName(name), inner, inverted: inverted))

            case UInt8(ascii: "/"):
                position += 1
                let namePosition = position
                let name = try readName(state)
                guard name == state.sectionName else {
                    throw error(state.sectionName.map { "{{/\(name)}} closes a section, but the open one is {{#\($0)}}" }
                        ?? "{{/\(name)}} closes a section that was never opened", at: namePosition)
                }
                if !isStandalone(state) { flushWhitespace() }
                return nodes

            case UInt8(ascii: "!"):
                position += 1
                try skipComment(state, from: tagStart)
                standalone = isStandalone(state)

            case UInt8(ascii: "{"):
                flushWhitespace()
                position += 1
                let name = try readName(state)
                guard current == UInt8(ascii: "}") else { throw error("{{{\(name)}} is missing its third closing brace") }
                position += 1
                nodes.append(.variable(MustacheName(name), escaped: false))

            case UInt8(ascii: "&"):
                flushWhitespace()
                position += 1
                nodes.append(.variable(MustacheName(try readName(state)), escaped: false))

            case UInt8(ascii: ">"):
                position += 1
                _ = skip(while: Self.isWhitespace)
                if current == UInt8(ascii: "*") { throw error("dynamic partials ({{>*name}}) are not supported") }
                let name = try readPartialName(state)
                if !whitespaceBefore.isEmpty { nodes.append(.text(whitespaceBefore)) }
                if isStandalone(state) {
                    standalone = true
                    nodes.append(.partial(name, indentation: whitespaceBefore, overrides: nil))
                } else {
                    nodes.append(.partial(name, indentation: nil, overrides: nil))
                }
                whitespaceBefore = []

            case UInt8(ascii: "<"):
                position += 1
                _ = skip(while: Self.isWhitespace)
                let name = try readPartialName(state)
                if name.hasPrefix("*") { throw error("dynamic parents ({{<*name}}) are not supported") }
                if !whitespaceBefore.isEmpty { nodes.append(.text(whitespaceBefore)) }
                standalone = isStandalone(state)
                var overrides: [String: [MustacheNode]] = [:]
                for node in try parse(state.enteringParent(name)) {
                    switch node {
                    case .blockDefinition(let block, let inner): overrides[block] = inner
                    case .text: break
                    default: throw error("inside {{<\(name)}} only {{$block}} definitions are allowed", at: tagStart)
                    }
                }
                nodes.append(.partial(name, indentation: whitespaceBefore, overrides: overrides))
                whitespaceBefore = []

            case UInt8(ascii: "$"):
                position += 1
                let name = try readName(state)
                if state.atPartialDefinitionTop {
                    standalone = isStandalone(state)
                    nodes.append(.blockDefinition(name, try parse(state.entering(section: name, newLine: standalone))))
                } else {
                    if !whitespaceBefore.isEmpty { nodes.append(.text(whitespaceBefore)) }
                    standalone = isStandalone(state)
                    let inner = try parse(state.entering(section: name, newLine: standalone))
                    nodes.append(.blockExpansion(name, defaultNodes: inner, indentation: whitespaceBefore))
                    whitespaceBefore = []
                }

            case UInt8(ascii: "="):
                position += 1
                try setDelimiters(&state)
                standalone = isStandalone(state)

            case UInt8(ascii: "%"):
                throw error("pragmas ({{%…}}) are not supported")

            default:
                flushWhitespace()
                nodes.append(.variable(MustacheName(try readName(state)), escaped: true))
            }
            state.newLine = standalone
        }
        if let open = state.sectionName {
            throw error("{{#\(open)}} is never closed (expected {{/\(open)}})")
        }
        return nodes
    }

    /// Text up to a newline (not consumed) or just past the next open delimiter.
    private mutating func readTextUntilTagOrNewline(_ state: State) -> [UInt8] {
        let first = state.openDelimiter[0]
        var text: [UInt8] = []
        while !atEnd {
            let start = position
            while position < bytes.count, bytes[position] != first, bytes[position] != Self.newline,
                  bytes[position] != Self.carriageReturn {
                position += 1
            }
            text += bytes[start..<position]
            if atEnd || atNewline { break }
            if read(state.openDelimiter) { break }
            text.append(first)
            position += 1
        }
        return text
    }

    private static let nameBytes = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?*".utf8)
    private static let partialNameBytes = Set("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?*/".utf8)

    private mutating func readName(_ state: State) throws(MustacheSyntaxError) -> String {
        _ = skip(while: Self.isWhitespace)
        let name = skip { Self.nameBytes.contains($0) }
        _ = skip(while: Self.isWhitespace)
        if current == UInt8(ascii: "(") {
            throw error("transforms such as {{name(value)}} are not supported")
        }
        guard read(state.closeDelimiter) else {
            throw error("a tag is not closed with \(String(decoding: state.closeDelimiter, as: UTF8.self))")
        }
        return String(decoding: name, as: UTF8.self)
    }

    private mutating func readPartialName(_ state: State) throws(MustacheSyntaxError) -> String {
        let name = skip { Self.partialNameBytes.contains($0) }
        _ = skip(while: Self.isWhitespace)
        guard read(state.closeDelimiter) else {
            throw error("a partial's name is not closed with \(String(decoding: state.closeDelimiter, as: UTF8.self))")
        }
        return String(decoding: name, as: UTF8.self)
    }

    private mutating func skipComment(_ state: State, from start: Int) throws(MustacheSyntaxError) {
        while !atEnd {
            if read(state.closeDelimiter) { return }
            position += 1
        }
        throw error("a comment is never closed", at: start)
    }

    private mutating func setDelimiters(_ state: inout State) throws(MustacheSyntaxError) {
        _ = skip(while: Self.isWhitespace)
        let open = Array(skip { !Self.isWhitespace($0) })
        _ = skip(while: Self.isWhitespace)
        let close = Array(skip { !Self.isWhitespace($0) && $0 != UInt8(ascii: "=") })
        _ = skip(while: Self.isWhitespace)
        guard !open.isEmpty, !close.isEmpty, read(Array("=".utf8)), read(state.closeDelimiter) else {
            throw error("a delimiter change must look like {{=<% %>=}}")
        }
        state.openDelimiter = open
        state.closeDelimiter = close
        state.atPartialDefinitionTop = false
    }

    /// Whether the tag just read is alone on its line; if so, its line's newline is consumed.
    private mutating func isStandalone(_ state: State) -> Bool {
        guard state.newLine else { return false }
        if atEnd { return true }
        let saved = position
        _ = skip(while: Self.isBlank)
        if !atEnd && atNewline {
            _ = readNewline()
            return true
        }
        position = saved
        return false
    }
}
