/// A library's templates compiled into one flat array of plain-data instructions.
///
/// Rendering walked `MustacheNode` trees, and every node it visited was copied, retaining its
/// strings and child arrays: a twentieth of a whole build's time went to reference counting of
/// templates that never change. Instructions hold only integers (offsets into shared tables), so
/// the renderer reads them through buffer pointers without touching a reference count.
struct MustacheProgram: Sendable {
    enum Kind: UInt8, Sendable {
        /// `first` bytes at `second` in `text`.
        case text
        /// The value of `names[first]`, HTML-escaped or not.
        case escapedVariable
        case rawVariable
        /// `names[first]`; the children are the instructions up to `end`.
        case section
        case invertedSection
        /// `partials[first]`; blocks it gives a parent are the instructions up to `end`.
        case partial
        /// `blocks[first]`; the default content is the instructions up to `end`.
        case blockExpansion
    }

    /// One instruction; its children (if any) follow it, and `end` is the index after the last.
    struct Instruction: Sendable {
        var kind: Kind
        var end: Int32
        var first: Int32
        var second: Int32
    }

    /// A partial or parent tag: the template it renders, with blocks given to a parent.
    struct Partial: Sendable {
        var name: String
        /// The template's instructions; `nil` when there is no template of that name (renders nothing).
        var body: Range<Int32>?
        var indentation: [UInt8]?
        /// Block name → instructions.
        var overrides: [String: Range<Int32>]?
    }

    struct Block: Sendable {
        var name: String
        var indentation: [UInt8]
    }

    private(set) var instructions: [Instruction] = []
    private(set) var text: [UInt8] = []
    private(set) var names: [MustacheName] = []
    private(set) var partials: [Partial] = []
    private(set) var blocks: [Block] = []
    /// Template name → its instructions.
    private(set) var templates: [String: Range<Int32>] = [:]

    init(templates parsed: [String: MustacheTemplate]) {
        // Sorted, so the same library always compiles to the same program.
        for name in parsed.keys.sorted() {
            templates[name] = compile(parsed[name]?.nodes ?? [])
        }
        for index in partials.indices {
            partials[index].body = templates[partials[index].name]
        }
    }

    /// Appends `nodes` and returns where they are.
    private mutating func compile(_ nodes: [MustacheNode]) -> Range<Int32> {
        let start = Int32(instructions.count)
        for node in nodes { compile(node) }
        return start..<Int32(instructions.count)
    }

    private mutating func compile(_ node: MustacheNode) {
        switch node {
        case .text(let bytes):
            // Adjacent texts stay apart: a standalone partial indents each node that starts a line.
            instructions.append(Instruction(kind: .text, end: Int32(instructions.count + 1),
                                            first: Int32(bytes.count), second: Int32(text.count)))
            text += bytes
        case .variable(let name, let escaped):
            instructions.append(Instruction(kind: escaped ? .escapedVariable : .rawVariable, end: Int32(instructions.count + 1),
                                            first: Int32(names.count), second: 0))
            names.append(name)
        case .section(let name, let children, let inverted):
            let at = instructions.count
            instructions.append(Instruction(kind: inverted ? .invertedSection : .section, end: 0, first: Int32(names.count), second: 0))
            names.append(name)
            _ = compile(children)
            instructions[at].end = Int32(instructions.count)
        case .partial(let name, let indentation, let overrides):
            let at = instructions.count
            let index = partials.count
            partials.append(Partial(name: name, body: nil, indentation: indentation, overrides: nil))
            instructions.append(Instruction(kind: .partial, end: 0, first: Int32(index), second: 0))
            // Blocks given to a parent follow the tag, inside its `end`, so walking its siblings skips them.
            if let overrides {
                var ranges: [String: Range<Int32>] = [:]
                for block in overrides.keys.sorted() { ranges[block] = compile(overrides[block] ?? []) }
                partials[index].overrides = ranges
            }
            instructions[at].end = Int32(instructions.count)
        case .blockExpansion(let name, let defaultNodes, let indentation):
            let at = instructions.count
            instructions.append(Instruction(kind: .blockExpansion, end: 0, first: Int32(blocks.count), second: 0))
            blocks.append(Block(name: name, indentation: indentation))
            _ = compile(defaultNodes)
            instructions[at].end = Int32(instructions.count)
        case .blockDefinition:
            break
        }
    }
}
