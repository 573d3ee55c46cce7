/// Renders a compiled template into a byte buffer, looking names up on a stack of typed values.
///
/// Indentation of standalone partials follows swift-mustache: an instruction's output is indented
/// when it starts a new line of the output of the template (or section pass) that contains it.
struct MustacheRenderer {
    /// What changes only at partials and parents; the stack of values lives in the renderer, which
    /// pushes and pops around sections instead of copying a stack for every list item.
    struct Scope {
        var indentation: [UInt8]?
        var overrides: [String: Range<Int32>]?

        func indented(by extra: [UInt8]?, overriding blocks: [String: Range<Int32>]? = nil) -> Scope {
            var scope = self
            if let extra { scope.indentation = (indentation ?? []) + extra }
            if let blocks {
                // Blocks given closer to the page win over the parent's own.
                scope.overrides = (overrides ?? [:]).merging(blocks) { outer, _ in outer }
            }
            return scope
        }
    }

    /// Partials and parents nested deeper than this render nothing: a template that includes
    /// itself unconditionally would otherwise recurse until the stack overflows.
    static let maximumDepth = 100

    private let program: MustacheProgram
    private let instructions: UnsafeBufferPointer<MustacheProgram.Instruction>
    private let text: UnsafeBufferPointer<UInt8>
    private let names: UnsafeBufferPointer<MustacheName>
    /// The context, then each section's value, innermost last.
    private var stack: [MustacheValue]
    private var depth = 0
    /// Set while a shared object's partial renders for the first time (see `MustacheRenditions`).
    private var recording: Recording?

    /// What a partial rendering for a rendition read from outside its object.
    private struct Recording {
        /// Where the object sits on the stack; names found below it come from the page.
        var boundary: Int
        /// The object's per-page field, rendered as the marker.
        var hole: MustacheKey
        var sharedNames: Set<MustacheKey>
        /// Tags that printed the field.
        var holes = 0
        var rootNames: [MustacheKey] = []
        var reusable = true
        /// Whether the last lookup found the field, so that the tag that asked can be judged.
        var lastWasHole = false
    }

    /// The output of `program`'s template `name` for `context`; `nil` when there is no such template.
    static func render(_ program: MustacheProgram, template name: String, context: MustacheValue) -> [UInt8]? {
        guard let body = program.templates[name] else { return nil }
        return program.instructions.withUnsafeBufferPointer { instructions in
            program.text.withUnsafeBufferPointer { text in
                program.names.withUnsafeBufferPointer { names in
                    var renderer = MustacheRenderer(program: program, instructions: instructions, text: text, names: names,
                                                    stack: [context])
                    renderer.stack.reserveCapacity(16)
                    var output: [UInt8] = []
                    output.reserveCapacity(16_384)
                    renderer.render(body, Scope(), into: &output)
                    return output
                }
            }
        }
    }

    private init(program: MustacheProgram, instructions: UnsafeBufferPointer<MustacheProgram.Instruction>,
                 text: UnsafeBufferPointer<UInt8>, names: UnsafeBufferPointer<MustacheName>, stack: [MustacheValue]) {
        self.program = program
        self.instructions = instructions
        self.text = text
        self.names = names
        self.stack = stack
    }

    private mutating func render(_ range: Range<Int32>, _ scope: Scope, into output: inout [UInt8]) {
        let start = output.count
        var index = Int(range.lowerBound)
        let end = Int(range.upperBound)
        guard let indentation = scope.indentation, !indentation.isEmpty else {
            while index < end {
                render(at: index, scope, into: &output)
                index = Int(instructions[index].end)
            }
            return
        }
        while index < end {
            let before = output.count
            render(at: index, scope, into: &output)
            if output.count > before, before > start, output[before - 1] == UInt8(ascii: "\n"),
               !(before - 2 >= start && output[before - 2] == UInt8(ascii: "\r")) {
                output.insert(contentsOf: indentation, at: before)
            }
            index = Int(instructions[index].end)
        }
    }

    private mutating func render(at index: Int, _ scope: Scope, into output: inout [UInt8]) {
        let instruction = instructions[index]
        let children = Int32(index + 1)..<instruction.end
        switch instruction.kind {
        case .text:
            let offset = Int(instruction.second)
            output.append(contentsOf: UnsafeBufferPointer(rebasing: text[offset..<offset + Int(instruction.first)]))
        case .escapedVariable, .rawVariable:
            let found = lookup(Int(instruction.first))
            if recording?.lastWasHole == true { recording?.holes += 1 }
            guard let value = found else { return }
            let text: String
            switch value {
            case .string(let string): text = string
            case .int(let number): text = String(number)
            case .double(let number): text = String(describing: number)
            case .bool(let flag): text = flag ? "true" : "false"
            case .null, .list, .object, .extended: return
            }
            if instruction.kind == .escapedVariable { HTMLEscaping.append(text, to: &output) } else { output.append(contentsOf: text.utf8) }
        case .invertedSection:
            let found = lookup(Int(instruction.first))
            if recording?.lastWasHole == true { recording?.reusable = false }
            switch found {
            case .list(let items)?: if items.isEmpty { render(children, scope, into: &output) }
            case .bool(let flag)?: if !flag { render(children, scope, into: &output) }
            case .null?, nil: render(children, scope, into: &output)
            default: break
            }
        case .section:
            let found = lookup(Int(instruction.first))
            if recording?.lastWasHole == true { recording?.reusable = false }
            switch found {
            case .list(let items)?:
                for item in items { render(children, scope, pushing: item, into: &output) }
            case .bool(let flag)?:
                if flag { render(children, scope, into: &output) }
            case .null?, nil:
                break
            case let value?:
                render(children, scope, pushing: value, into: &output)
            }
        case .partial:
            let partial = program.partials[Int(instruction.first)]
            guard let body = partial.body else { return }
            guard depth < MustacheRenderer.maximumDepth else {
                recording?.reusable = false
                return
            }
            let inner = scope.indented(by: partial.indentation, overriding: partial.overrides)
            if recording == nil, inner.indentation?.isEmpty ?? true, partial.overrides == nil,
               case .extended(let object)? = stack.last, let renditions = object.shared.renditions,
               case .string(let value) = object.value,
               renderRendition(of: body, for: object, value: value, renditions: renditions, inner, into: &output) {
                return
            }
            depth += 1
            render(body, inner, into: &output)
            depth -= 1
        case .blockExpansion:
            // Blocks come from the page's templates, which a rendition does not know.
            recording?.reusable = false
            let block = program.blocks[Int(instruction.first)]
            render(scope.overrides?[block.name] ?? children, scope.indented(by: block.indentation), into: &output)
        }
    }

    private mutating func render(_ range: Range<Int32>, _ scope: Scope, pushing value: MustacheValue,
                                 into output: inout [UInt8]) {
        stack.append(value)
        render(range, scope, into: &output)
        stack.removeLast()
    }

    /// The value `names[index]` refers to: `.` is the top of the stack; otherwise the first
    /// component is searched from the top down (or only in the top, for `.name`) and the rest inside it.
    private mutating func lookup(_ index: Int) -> MustacheValue? {
        // Components are read in place through the buffers: copying the name's array or the
        // stack's values retained and released them on every lookup.
        let count = names[index].components.count
        guard count > 0 else {
            recording?.lastWasHole = false
            return stack.last
        }
        let first = names[index].components[0]
        let currentOnly = names[index].currentOnly
        let (found, position) = stack.withUnsafeBufferPointer { values -> (MustacheValue?, Int) in
            if currentOnly { return (values.last?.child(first), values.count - 1) }
            var position = values.count - 1
            while position >= 0 {
                if let found = values[position].child(first) { return (found, position) }
                position -= 1
            }
            return (nil, -1)
        }
        if recording != nil { note(first, foundAt: position, wholeName: count == 1) }
        var value = found
        var component = 1
        while component < count, let current = value {
            value = current.child(names[index].components[component])
            component += 1
        }
        return value
    }

    // MARK: - Renditions

    /// Renders a shared object's partial from its rendition, making the rendition the first time;
    /// `false` when there is none to use (the caller renders the partial as usual).
    private mutating func renderRendition(of body: Range<Int32>, for object: MustacheExtendedObject, value: String,
                                          renditions: MustacheRenditions, _ scope: Scope, into output: inout [UInt8]) -> Bool {
        // Read in place: every list entry on both cores reads the same renditions, and retaining
        // them contended for their reference counts.
        let used = renditions.withKnown(body.lowerBound) { known -> Bool? in
            known.map { splice(value, into: $0, &output) }
        }
        if let used { return used }
        let rendition = record(body, for: object, sharedNames: renditions.sharedNames, scope)
        renditions.keep(rendition, for: body.lowerBound)
        return splice(value, into: rendition, &output)
    }

    /// Writes `rendition` with `value` in its holes; `false` when there is none, or when this page
    /// does not hold its root names where the page it was made on did.
    private func splice(_ value: String, into rendition: Rendition?, _ output: inout [UInt8]) -> Bool {
        guard let rendition, resolveAtRoot(rendition.rootNames) else { return false }
        rendition.splice(value, into: &output)
        return true
    }

    /// Renders `body` once with the marker as the object's field, noting what it reads from the page.
    private mutating func record(_ body: Range<Int32>, for object: MustacheExtendedObject, sharedNames: Set<MustacheKey>,
                                 _ scope: Scope) -> Rendition? {
        let boundary = stack.count - 1
        // The same shared object: no rendition is used while one is recorded (`recording`).
        stack[boundary] = .extended(MustacheExtendedObject(shared: object.shared, name: object.name,
                                                           value: .string(Rendition.marker)))
        recording = Recording(boundary: boundary, hole: object.name, sharedNames: sharedNames)
        var recorded: [UInt8] = []
        depth += 1
        render(body, scope, into: &recorded)
        depth -= 1
        stack[boundary] = .extended(object)
        let finished = recording
        recording = nil
        guard let finished, finished.reusable else { return nil }
        return Rendition(cutting: recorded, expected: finished.holes, rootNames: finished.rootNames)
    }

    /// While recording: judges where a name's first component was found (-1: nowhere).
    private mutating func note(_ first: MustacheKey, foundAt position: Int, wholeName: Bool) {
        // `recording` is changed in place: a copy of it, and of its set, per lookup cost more
        // than the rest of the lookup.
        recording?.lastWasHole = false
        guard let boundary = recording?.boundary else { return }
        if position < boundary {
            // From the page (or nowhere): reusable only for a shared name found at the root.
            if position == 0, recording?.sharedNames.contains(first) == true {
                if recording?.rootNames.contains(first) == false { recording?.rootNames.append(first) }
            } else {
                recording?.reusable = false
            }
        } else if position == boundary, wholeName, first == recording?.hole {
            recording?.lastWasHole = true
        }
    }

    /// Whether each name is found at the root of this page's context and in nothing pushed since.
    private func resolveAtRoot(_ names: [MustacheKey]) -> Bool {
        guard !names.isEmpty else { return true }
        return stack.withUnsafeBufferPointer { values in
            values.count >= 2 && names.allSatisfy { name in
                values[0].hasChild(name) && !values[1..<values.count - 1].contains { $0.hasChild(name) }
            }
        }
    }
}

/// HTML escaping as swift-mustache does it: `& < > " '`.
enum HTMLEscaping {
    static func append(_ text: String, to output: inout [UInt8]) {
        var utf8 = text.utf8
        let needsEscaping = utf8.withContiguousStorageIfAvailable { buffer in
            buffer.contains { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }
        } ?? utf8.contains { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }
        guard needsEscaping else {
            output.append(contentsOf: utf8)
            return
        }
        utf8 = text.utf8
        for byte in utf8 {
            switch byte {
            case 0x26: output.append(contentsOf: "&amp;".utf8)
            case 0x3C: output.append(contentsOf: "&lt;".utf8)
            case 0x3E: output.append(contentsOf: "&gt;".utf8)
            case 0x22: output.append(contentsOf: "&quot;".utf8)
            case 0x27: output.append(contentsOf: "&#39;".utf8)
            default: output.append(byte)
            }
        }
    }
}
